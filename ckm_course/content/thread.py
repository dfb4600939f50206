"""The case company through the course: one "青禾办公 Qinghe" section per chapter C2-C8 (issue 12).

The sections live in ``ckm_course/content/case_thread/qinghe.toml``; each applies the chapter's idea to
青禾办公 Qinghe Office Supplies, the fictional firm of notebook 09, and is the course's own
addition (课程补充 Course note). Each names the case facts it relies on by id (segments,
activities, interaction channels, the audit's givens); loading checks those ids against
``ckm_course/case/company.toml`` and the view shows the facts from that file, so the text and the
case data cannot drift apart. The audit's findings and the case's own capability ratings are the
capstone's key (notebook 09, ``tests/unit/test_capstone_leaks.py``): a section may show only the
audit's givens (:data:`AUDIT_GIVENS`), and no ratings. ``ckm_course.case_thread_view("C3")`` displays one.
"""

# No ``from __future__ import annotations``: the builder reads these hints as objects.
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ckm_course.content.builder import CONTENT_DIR, _build, _Where, read_toml
from ckm_course.content.company_model import CaseCompany
from ckm_course.content.model import Course, Text

THREAD_FILE = CONTENT_DIR / "case_thread" / "qinghe.toml"
COMPANY_FILE = Path(__file__).resolve().parent.parent / "case" / "company.toml"
CHAPTERS = ("C2", "C3", "C4", "C5", "C6", "C7", "C8")
QUESTIONS = (1, 2)  # at least, at most per section
PARAGRAPHS = (1, 4)
AUDIT_GIVENS = ("team", "constraints")  # what the case fixes before the audit; the rest is the capstone's key


@dataclass(frozen=True)
class Facts:
    """Ids of the company.toml facts a section relies on (each list may be empty)."""

    segments: tuple[str, ...] = ()
    activities: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    audit_steps: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """One chapter's Qinghe section: title, paragraphs, discussion questions and the facts used."""

    chapter: str
    points: tuple[str, ...]
    title: Text
    paragraphs: tuple[Text, ...]
    questions: tuple[Text, ...]
    facts: Facts = Facts()


def company_index(company: CaseCompany) -> dict[str, dict[str, Any]]:
    """What a section may refer to in company.toml, ``{kind: {id: fact}}``: segments, activities,
    channels (``{zh name: {"channel": Text, "types": [Text...]}}``) and the audit's givens."""
    channels: dict[str, dict[str, Any]] = {}
    for kind in company.interactions:
        channels.setdefault(kind.channel.zh, {"channel": kind.channel, "types": []})["types"].append(kind.type)
    return {
        "segments": {s.id: s for s in company.segments},
        "activities": {a.id: a for a in company.activities},
        "channels": channels,
        "audit_steps": {a.step: a for a in company.audit if a.step in AUDIT_GIVENS},
    }


def parse(path: Path, company: CaseCompany, course: Course) -> tuple[Section, ...]:
    """Load and validate the thread against the case ``company`` and the ``course``; a broken file
    raises ContentError naming file, section and field."""
    where = _Where(path.name)
    raw = read_toml(path, where)
    entries = raw.get("section")
    if not isinstance(entries, list) or not entries:
        where.fail("section", "expected one or more [[section]] tables")
    index = company_index(company)
    chapters = {c.id: {p.id for p in c.points} for c in course.chapters}
    sections = []
    for number, entry in enumerate(entries):
        name = entry.get("chapter") if isinstance(entry, dict) else None
        where.entry = f"section {name!r}" if isinstance(name, str) else f"section #{number + 1}"
        section = _build(Section, entry, "", where)
        if section.chapter not in CHAPTERS:
            where.fail("chapter", f"{section.chapter!r} is not one of {', '.join(CHAPTERS)}")
        if section.chapter in {s.chapter for s in sections}:
            where.fail("chapter", f"{section.chapter} has a section already")
        if not section.points or not set(section.points) <= chapters[section.chapter]:
            where.fail("points", f"{list(section.points)} must be points of {section.chapter}: "
                                 f"{sorted(chapters[section.chapter])}")
        for field, (low, high) in (("paragraphs", PARAGRAPHS), ("questions", QUESTIONS)):
            count = len(getattr(section, field))
            if not low <= count <= high:
                where.fail(field, f"{count} given; a section has {low}-{high}")
        for kind, known in index.items():
            unknown = [i for i in getattr(section.facts, kind) if i not in known]
            if unknown:
                why = " (only the audit's givens: the findings are the capstone's key)" if kind == "audit_steps" else ""
                where.fail(f"facts.{kind}", f"{unknown} not in {COMPANY_FILE.name}{why}; known: {sorted(known)}")
        sections.append(section)
    where.entry = ""
    missing = [c for c in CHAPTERS if c not in {s.chapter for s in sections}]
    if missing:
        where.fail("section", f"no section for {', '.join(missing)}")
    return tuple(sections)


def normalise(chapter: str) -> str:
    """"C3", "c3" or "3" -> "C3"."""
    key = str(chapter).strip().upper()
    return key if key.startswith("C") else f"C{int(key)}"


def missing(chapter: str) -> str:
    return f"no Qinghe section for {chapter!r}; use one of {', '.join(CHAPTERS)}"
