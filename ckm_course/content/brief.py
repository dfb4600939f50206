"""The case material for the capstone audit (issue 12): ``ckm_course/case/audit_brief.toml``.

The raw evidence a student audits the micro businesses from, by source (a memo, interview
notes, the data), never by audit step: the per-step findings are the capstone's key and stay
in ``company.toml`` until ``solution()``. Loaded and validated on first use; a broken file is a
:class:`ckm_course.content.builder.ContentError` naming the file and field.

No ``from __future__ import annotations`` here: the content builder reads these type hints
as objects.
"""

import dataclasses
from pathlib import Path

from ckm_course.content.builder import _build, _Where, read_toml
from ckm_course.content.model import Text

BRIEF = Path(__file__).resolve().parent.parent / "case" / "audit_brief.toml"


@dataclasses.dataclass(frozen=True)
class BriefItem:
    """One piece of evidence and where it comes from (a person, a memo, the data)."""

    source: Text
    text: Text


@dataclasses.dataclass(frozen=True)
class AuditBrief:
    """The audit's case material: a title and its items, in order."""

    title: Text
    items: tuple[BriefItem, ...]


def load_brief(path: Path = BRIEF) -> AuditBrief:
    """The brief at ``path``, validated (every field present, texts in zh and en, at least one item)."""
    where = _Where(f"case/{path.name}")
    brief = _build(AuditBrief, read_toml(path, where), "", where)
    if not brief.items:
        where.fail("items", "the brief needs at least one [[items]] entry")
    return brief
