"""One bank file as written (``content/banks/<exercise id>.toml``, issue 24): types and required fields.

Cross references (the exercise, its choices, points, steps, keys) are checked where the bank is merged
into its exercise: ``banks.py`` (item banks), ``banks_ordering.py``, ``banks_questions.py``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ckm_course.content.builder import ContentError, _build, _entry_name, _list, _Where, read_sections
from ckm_course.content.model import Question, Text


@dataclasses.dataclass(frozen=True)
class BankItem:
    """One item of a bank as written: an :class:`Item` with its point and wrong-choice feedback required."""

    id: str
    label: Text
    reason: Text
    point: str
    answer: tuple[str, ...] = ()  # required for item-list kinds (checked in apply_bank)
    feedback: tuple[tuple[str, Text], ...] = ()  # wrong choice id -> why it does not fit
    aliases: tuple[str, ...] = ()
    missed: tuple[tuple[str, Text], ...] = ()  # key choice id -> a nudge when left out (multi_label)
    step: int | None = None  # an ordering item's place in the list (banks_ordering.py)


@dataclasses.dataclass(frozen=True)
class Bank:
    """The bank file of one exercise."""

    exercise: str
    show: int
    items: tuple[BankItem, ...] = ()
    questions: tuple[Question, ...] = ()  # a question bank (banks_questions.py)
    file: str = ""


def read_bank(path: Path) -> Bank:
    """Parse one bank file (types and required fields; cross references in ``banks.apply_bank``)."""
    where = _Where(f"banks/{path.name}")
    raw = read_sections(path, where, ["exercise", "show", "items", "questions"])
    where.entry = "(top)"
    exercise = _build(str, raw.get("exercise"), "exercise", where)
    show = _build(int, raw.get("show"), "show", where)
    items = []
    for index, entry in enumerate(_list(raw, "items", where)):
        where.entry = _entry_name("item", entry, index)
        items.append(_build(BankItem, entry, "", where))
    questions = []
    for index, entry in enumerate(_list(raw, "questions", where)):
        where.entry = _entry_name("question", entry, index)
        questions.append(_build(Question, entry, "", where))
    if path.stem != exercise:
        raise ContentError(where.file, "(top)", "exercise", f"the file of exercise {exercise!r} must be named {exercise}.toml")
    return Bank(exercise, show, tuple(items), tuple(questions), where.file)
