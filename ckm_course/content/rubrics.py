"""Marking rubrics for open answers (issue 12): criteria, levels and points, in Chinese and English.

``content/rubrics/*.toml`` hold ``[[rubrics]]``, each with ``[[rubrics.criteria]]`` and their
``[[rubrics.criteria.levels]]`` (lowest first). ``exercises`` names the open questions the rubric
marks; a plan form's text field names its rubric itself. Validated on load: an error names the
file, the rubric and the field. The manual-grading sheet (``grading/manual.py``) lists them; the catalog
(``catalog().rubrics.find(id)``) keeps them for the kernel.

No ``from __future__ import annotations`` here: the content builder reads these type hints as objects.
"""

import dataclasses
from pathlib import Path

from ckm_course.content.builder import CONTENT_DIR, ContentError, _build, _entry_name, _list, _Where, read_sections
from ckm_course.content.model import Text

FOLDER = "rubrics"


@dataclasses.dataclass(frozen=True)
class RubricLevel:
    id: str
    label: Text
    points: float
    description: Text


@dataclasses.dataclass(frozen=True)
class RubricCriterion:
    id: str
    label: Text
    levels: tuple[RubricLevel, ...]

    @property
    def max_points(self) -> float:
        return max(level.points for level in self.levels)

    def level(self, value: str) -> RubricLevel | None:
        """The level named by its id or label (either language), else None."""
        wanted = value.strip().casefold()
        return next((lv for lv in self.levels if wanted in (lv.id.casefold(), lv.label.zh.casefold(),
                                                             lv.label.en.casefold())), None)


@dataclasses.dataclass(frozen=True)
class Rubric:
    id: str
    title: Text
    criteria: tuple[RubricCriterion, ...]
    exercises: tuple[str, ...] = ()
    file: str = ""

    @property
    def max_points(self) -> float:
        return sum(c.max_points for c in self.criteria)

    def text(self) -> str:
        """The whole rubric as plain text for the manual sheet: criteria, levels, points, zh / en."""
        lines = []
        for n, criterion in enumerate(self.criteria, start=1):
            lines.append(f"{n}. {criterion.label.zh} / {criterion.label.en} (max {criterion.max_points:g})")
            lines += [f"   {lv.points:g} {lv.label.zh} / {lv.label.en}: {lv.description.zh} / {lv.description.en}"
                      for lv in criterion.levels]
        return "\n".join(lines)


def _validate(rubric: Rubric, fail) -> None:
    if not rubric.criteria:
        fail("criteria", "a rubric needs at least one criterion")
    seen: set[str] = set()
    for i, criterion in enumerate(rubric.criteria):
        if criterion.id in seen:
            fail(f"criteria[{i}].id", f"duplicate id {criterion.id!r}")
        seen.add(criterion.id)
        if len(criterion.levels) < 2:
            fail(f"criteria[{i}].levels", "a criterion needs at least two levels")
        points = [lv.points for lv in criterion.levels]
        if any(p < 0 for p in points):
            fail(f"criteria[{i}].levels", "points must not be negative")
        if points != sorted(points) or len(set(points)) != len(points):
            fail(f"criteria[{i}].levels", f"levels go from lowest to highest, with different points; got {points}")
        if len({lv.id for lv in criterion.levels}) != len(points):
            fail(f"criteria[{i}].levels", "duplicate level id")


def parse_file(path: Path) -> tuple[Rubric, ...]:
    """The rubrics of one file; a problem is a :class:`ContentError` naming file, rubric and field."""
    where = _Where(f"{FOLDER}/{path.name}")
    raw = read_sections(path, where, ["rubrics"])
    found = []
    for i, entry in enumerate(_list(raw, "rubrics", where)):
        where.entry = _entry_name("rubric", entry, i)
        rubric = dataclasses.replace(_build(Rubric, entry, "", where), file=where.file)
        _validate(rubric, lambda field, problem, w=where: w.fail(field, problem))
        found.append(rubric)
    return tuple(found)


def load(folder: Path | None = None) -> tuple[Rubric, ...]:
    """Every rubric in ``folder/rubrics`` (default: the package's content), ids unique."""
    rubrics_found: list[Rubric] = []
    for path in sorted(((folder or CONTENT_DIR) / FOLDER).glob("*.toml")):
        for rubric in parse_file(path):
            if any(r.id == rubric.id for r in rubrics_found):
                raise ContentError(rubric.file, f"rubric {rubric.id!r}", "id", "defined twice")
            rubrics_found.append(rubric)
    return tuple(rubrics_found)
