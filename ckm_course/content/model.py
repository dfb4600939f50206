"""Typed, frozen objects for what the content files hold.

Every label and explanation is a :class:`Text` with a Chinese and an English side.
The builder (``builder.py``) makes these objects from the TOML files beside this module, the
loader (``loader.py``) validates them; nothing here reads files. The case company's objects are
in ``company_model.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ckm_course.i18n import render as _render

ExerciseKind = Literal[
    "multi_label", "single_label", "matching", "ordering", "multiple_choice", "value", "open", "plan"
]
EXERCISE_KINDS: tuple[str, ...] = (
    "multi_label", "single_label", "matching", "ordering", "multiple_choice", "value", "open",
    "plan",  # a form of rows x fields (the capstone's audit, ratings and plan: content/plans.py, issue 12)
)


@dataclass(frozen=True)
class Text:
    """A bilingual string: ``zh`` (简体中文) and ``en`` (English)."""

    zh: str
    en: str

    def render(self, language: str | None = None) -> str:
        """Return the text in ``language`` ("zh", "en" or "both"; default: the session's)."""
        return _render(self, language)

    def __str__(self) -> str:
        return self.render()


def texts(obj: object, where: str = ""):
    """Every :class:`Text` inside a content object (dataclasses and tuples), with a readable path.

    For content checks such as "zh and en carry the same numbers" (tests, validation).
    """
    if isinstance(obj, Text):
        yield where, obj
    elif isinstance(obj, tuple):
        for index, part in enumerate(obj):
            yield from texts(part, f"{where}[{index}]")
    elif hasattr(obj, "__dataclass_fields__"):
        name = getattr(obj, "id", "")
        for field_name in obj.__dataclass_fields__:
            yield from texts(getattr(obj, field_name), f"{where}/{name}.{field_name}" if name else f"{where}.{field_name}")


@dataclass(frozen=True)
class Group:
    """A heading that entries of a point belong to: a phase, a stage, a level."""

    id: str
    label: Text
    explanation: Text | None = None
    aliases: tuple[str, ...] = ()  # extra accepted spellings when the group is a choice (derive.py)
    course_note: Text | None = None  # what the course adds to the decks here (shown as "课程补充 Course note")


@dataclass(frozen=True)
class Entry:
    """One element of a teaching point: a reason, a step, a dimension, a role...

    ``group`` names a :class:`Group` of the same point; ``links`` name entries of
    another point (``linked_point``), e.g. technologies -> business processes (C6.5);
    ``sides`` holds one text per compared approach, e.g. ``{"ckm": ..., "crm": ...}`` (C4).
    """

    id: str
    label: Text
    explanation: Text | None = None
    group: str | None = None
    links: tuple[str, ...] = ()
    sides: tuple[tuple[str, Text], ...] = ()
    examples: tuple[Text, ...] = ()
    aliases: tuple[str, ...] = ()
    course_note: Text | None = None  # the course's own reading, not the deck's (shown as "课程补充 Course note")

    def side(self, name: str) -> Text | None:
        """The text of one side of a comparison (``"ckm"``, ``"crm"``, ``"km"``)."""
        return dict(self.sides).get(name)


@dataclass(frozen=True)
class Point:
    """One point of CONTENT.md (``C1.1`` ... ``C9.1``), taught in the workbook's own words."""

    id: str
    title: Text
    summary: Text
    source: str
    entries: tuple[Entry, ...] = ()
    groups: tuple[Group, ...] = ()
    linked_point: str | None = None
    course_note: Text | None = None  # what the course adds to the decks in this point
    number_per_group: bool = False  # parallel lists (two paths, three roles): number each group from 1

    def entry(self, entry_id: str) -> Entry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise KeyError(f"{self.id} has no entry {entry_id!r}")

    def entries_in(self, group_id: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.group == group_id)


@dataclass(frozen=True)
class Chapter:
    """A CONTENT.md section (``C1`` ... ``C9``) and its points."""

    id: str
    title: Text
    points: tuple[Point, ...]
    notebook: str | None = None
    minutes: float | None = None
    file: str = ""


@dataclass(frozen=True)
class Choice:
    """A category, option or target a student can pick; ``aliases`` are extra accepted spellings."""

    id: str
    label: Text
    explanation: Text | None = None
    aliases: tuple[str, ...] = ()
    feedback: Text | None = None  # why this choice does not fit, shown when it is chosen wrongly


@dataclass(frozen=True)
class Item:
    """A thing to classify, match or order, with its key and why the key is right.

    ``answer`` holds choice ids: every correct category for multi-label items, the
    accepted choices for single-label and matching items (any one of them counts),
    and nothing for ordering items (their order in the file is the key).
    ``options`` makes a single-label item a question with its own options (an end-of-chapter
    questionnaire): only those choices are offered and accepted for it.
    """

    id: str
    label: Text
    answer: tuple[str, ...] = ()
    reason: Text | None = None
    aliases: tuple[str, ...] = ()
    feedback: tuple[tuple[str, Text], ...] = ()  # wrong choice id -> why it does not fit this item
    missed: tuple[tuple[str, Text], ...] = ()  # key choice id -> a nudge when it is left out (never its name)
    options: tuple[str, ...] = ()  # single-label questions with their own options (a questionnaire): choice ids
    point: str | None = None  # the CONTENT.md point this item checks, where it differs from the exercise's
    step: int | None = None  # an ordering item's place in the deck's list (1 = first): a set is ordered by step (issue 24)

    def feedback_for(self, choice_id: str) -> Text | None:
        """The misconception feedback for choosing ``choice_id`` here, if the content has one."""
        return dict(self.feedback).get(choice_id)

    def missed_for(self, choice_id: str) -> Text | None:
        """The nudge for leaving out ``choice_id`` (a key category) here, if the content has one."""
        return dict(self.missed).get(choice_id)


@dataclass(frozen=True)
class TableSpec:
    """A small expected table for value exercises."""

    columns: tuple[str, ...]
    rows: tuple[tuple[float | str, ...], ...]
    index: str | None = None


@dataclass(frozen=True)
class Slip:
    """A known wrong value of a value exercise and the slip it points to (e.g. lines vs days)."""

    value: float
    feedback: Text
    tolerance: float | None = None  # default: the exercise's own tolerance


@dataclass(frozen=True)
class Question:
    """One whole question of a question bank (kinds multiple_choice, value, open; issue 24): a set is one
    question. The exercise's own question opens the bank, with the exercise id as its id; the others are
    written in ``content/banks/<exercise id>.toml`` (``[[questions]]``, see ``content/banks_questions.py``).

    ``multiple``, ``tolerance`` and ``unit`` default to the exercise's; ``parameters`` are the numbers a
    value question is computed from (the validator recomputes the CLV formula from them). A value exercise
    answered with a table (``expected_table``) gets a table per question, and ``parameter_rows`` holds one
    row of inputs per table row (the CLV table: customer, m, r; the shared ``i`` in ``parameters``), from
    which the validator recomputes the table (issue 24, ``content/banks_questions.py``).
    """

    id: str
    point: str
    prompt: Text
    hint: Text
    hints: tuple[Text, ...] = ()
    explanation: Text | None = None
    multiple: bool | None = None
    correct: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    expected: float | None = None
    expected_table: TableSpec | None = None
    tolerance: float | None = None
    unit: Text | None = None
    parameters: tuple[tuple[str, float], ...] = ()
    parameter_rows: tuple[tuple[float | str, ...], ...] = ()
    slips: tuple[Slip, ...] = ()
    model_answer: Text | None = None
    checklist: tuple[Text, ...] = ()


@dataclass(frozen=True)
class ExerciseSpec:
    """One auto-checked exercise as written in a content file (see ``checks/``).

    ``derive_from`` names a point whose entries become the items (see ``derive.py``), so
    step lists and links are written once, in the point, and never copied into an exercise.
    """

    id: str
    kind: str
    point: str
    title: Text
    prompt: Text
    hint: Text
    choices: tuple[Choice, ...] = ()
    items: tuple[Item, ...] = ()
    correct: tuple[str, ...] = ()
    multiple: bool = False
    expected: float | None = None
    expected_table: TableSpec | None = None
    tolerance: float = 1e-6
    relative: bool = False
    unit: Text | None = None
    explanation: Text | None = None
    model_answer: Text | None = None
    checklist: tuple[Text, ...] = ()
    hints: tuple[Text, ...] = ()  # further hint tiers after ``hint``, each more specific, none the key
    percent: bool = False  # the answer is a share: "32%" and "0.32" both read as 0.32
    slips: tuple[Slip, ...] = ()
    derive_from: str | None = None
    derive_group: str | None = None
    show: int | None = None  # a practice exercise with an item bank: items in one set (content/banks/, issue 24)
    own_items: int | None = None  # how many of ``items`` the exercise file wrote (the rest came from its bank)
    questions: tuple[Question, ...] = ()  # a question bank (issue 24): the own question first; set by content/banks/ only
    file: str = ""


@dataclass(frozen=True)
class ExerciseFeedback:
    """Hint tiers and misconception feedback for one exercise, from ``content/feedback/*.toml``.

    ``choices``: choice id -> why choosing it is wrong (any item); ``items``: item id ->
    {wrong choice id -> why it does not fit that item}; ``missed``: item id -> {key choice
    id -> a nudge when it is left out, never naming it}. Merged into the exercise at load.
    """

    id: str
    hints: tuple[Text, ...] = ()
    choices: tuple[tuple[str, Text], ...] = ()
    items: tuple[tuple[str, tuple[tuple[str, Text], ...]], ...] = ()
    missed: tuple[tuple[str, tuple[tuple[str, Text], ...]], ...] = ()
    slips: tuple[Slip, ...] = ()
    file: str = ""


@dataclass(frozen=True)
class Course:
    """Everything the content files hold, validated."""

    chapters: tuple[Chapter, ...]
    exercises: tuple[ExerciseSpec, ...]
    levels: tuple[Choice, ...] = field(default=())

    def point(self, point_id: str) -> Point:
        for chapter in self.chapters:
            for point in chapter.points:
                if point.id.casefold() == point_id.casefold():
                    return point
        raise KeyError(f"no content point {point_id!r}; points run from C1.1 to C9.1")

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(p for c in self.chapters for p in c.points)

    def exercise(self, exercise_id: str) -> ExerciseSpec:
        for spec in self.exercises:
            if spec.id.casefold() == exercise_id.strip().casefold():
                return spec
        raise KeyError(exercise_id)
