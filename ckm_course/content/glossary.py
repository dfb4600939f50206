"""The bilingual glossary (术语表), generated from the content files (issue 11).

One row per term: every entry of every point, every group a point sorts its entries into,
and every choice label of every exercise — term zh, term en, a one-line definition and the
chapter (and notebook) where it is taught. Nothing is typed twice: a term without its own
explanation is defined by where it sits (its group and point). ``search`` forgives case,
full-width characters, spaces and partial input, in Chinese or English.

Called through ``ckm_course.glossary()``; the catalog builds the terms once per kernel.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ckm_course.i18n import fold
from ckm_course.content.model import Course, Point, Text

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ("term_zh", "term_en", "definition_zh", "definition_en", "chapter", "point", "notebook")


@dataclass(frozen=True)
class Term:
    """One glossary row."""

    zh: str
    en: str
    definition: Text
    chapter: str
    point: str
    notebook: str

    def row(self) -> tuple[str, ...]:
        return (self.zh, self.en, self.definition.zh, self.definition.en, self.chapter, self.point, self.notebook)


def _first_line(text: Text) -> Text:
    """The first sentence of each side, so a definition stays one line."""
    def cut(s: str, stops: str) -> str:
        s = " ".join(s.split())
        for i, ch in enumerate(s):
            if ch in stops and (ch != "." or i + 1 == len(s) or s[i + 1] == " "):
                return s[: i + 1]
        return s
    return Text(cut(text.zh, "。；"), cut(text.en, ".;"))


def _placed(point: Point, group: Text | None) -> Text:
    """A definition from context, for a term the content lists without its own explanation."""
    if group is not None:
        return Text(f"{point.id}「{point.title.zh}」中“{group.zh}”下的一项。",
                    f"An item under '{group.en}' in {point.id}, {point.title.en}.")
    return Text(f"{point.id}「{point.title.zh}」中的一项。", f"An item of {point.id}, {point.title.en}.")


def build(course: Course) -> tuple[Term, ...]:
    """Every term of the course, first place taught wins; identical (zh, en) pairs appear once."""
    chapter_of = {p.id: c for c in course.chapters for p in c.points}
    terms: dict[tuple[str, str], Term] = {}

    def add(label: Text, definition: Text, point_id: str) -> None:
        key = (fold(label.zh), fold(label.en))
        if key in terms:
            return
        chapter = chapter_of[point_id]
        terms[key] = Term(label.zh, label.en, _first_line(definition), chapter.id, point_id, chapter.notebook or "")

    for point in course.points:
        groups = {g.id: g for g in point.groups}
        for group in point.groups:
            add(group.label, group.explanation or _placed(point, None), point.id)
        for entry in point.entries:
            if entry.explanation is not None:
                definition = entry.explanation
            elif entry.sides:
                definition = Text("；".join(f"{k.upper()}：{t.zh}" for k, t in entry.sides),
                                  "; ".join(f"{k.upper()}: {t.en}" for k, t in entry.sides))
            else:
                group = groups.get(entry.group) if entry.group else None
                definition = _placed(point, group.label if group else None)
            add(entry.label, definition, point.id)
    for spec in course.exercises:
        for choice in spec.choices:
            add(choice.label, choice.explanation or Text(f"练习 {spec.id} 的一个选项。", f"An option of exercise {spec.id}."),
                spec.point)
    return tuple(terms.values())


def search(terms: Iterable[Term], query: str | None = None) -> pd.DataFrame:
    """Rows of ``terms`` whose zh or en term contains ``query`` (folded: case, full-width, spaces); all if None.

    Exact matches come first, then terms that contain the query, then terms whose definition does.
    """
    import pandas as pd  # the catalog imports this module to build the terms; pandas only to show them

    rows = tuple(terms)
    if query is not None and fold(str(query)):
        q = fold(str(query))
        q_tight = q.replace(" ", "")
        def rank(t: Term) -> int | None:
            names = (fold(t.zh), fold(t.en))
            if q in names:
                return 0
            if any(q in n or q_tight in n.replace(" ", "") for n in names):
                return 1
            if q in fold(t.definition.zh) or q in fold(t.definition.en):
                return 2
            return None
        ranked = [(r, i, t) for i, t in enumerate(rows) if (r := rank(t)) is not None]
        rows = tuple(t for _, _, t in sorted(ranked, key=lambda x: (x[0], x[1])))
    frame = pd.DataFrame([t.row() for t in rows], columns=list(COLUMNS))
    frame.index = range(1, len(frame) + 1)
    return frame
