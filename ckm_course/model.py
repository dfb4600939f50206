"""Typed, frozen objects for what the content files hold.

Every label and explanation is a :class:`Text` with a Chinese and an English side.
``content.py`` builds these objects from the TOML files in ``ckm_course/content/``
and validates them; nothing here reads files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ExerciseKind = Literal[
    "multi_label", "single_label", "matching", "ordering", "multiple_choice", "value", "open", "plan"
]
EXERCISE_KINDS: tuple[str, ...] = (
    "multi_label", "single_label", "matching", "ordering", "multiple_choice", "value", "open",
    "plan",  # a form of rows x fields (the capstone's audit, ratings and plan: plans.py, issue 12)
)


@dataclass(frozen=True)
class Text:
    """A bilingual string: ``zh`` (简体中文) and ``en`` (English)."""

    zh: str
    en: str

    def render(self, language: str | None = None) -> str:
        """Return the text in ``language`` ("zh", "en" or "both"; default: the session's)."""
        from ckm_course.i18n import render

        return render(self, language)

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


@dataclass(frozen=True)
class Segment:
    """A customer segment of the case company and the parameters the generator draws from."""

    id: str
    label: Text
    share: float
    median_revenue: float
    sigma: float
    margin: float
    orders_per_100k: float
    calls_per_order: float
    growth: float
    wallet_share: float


@dataclass(frozen=True)
class Activity:
    """An activity of the case company's activity-based costing: cost ``rate`` per ``driver`` unit."""

    id: str
    column: str
    label: Text
    driver: Text
    rate: float
    grows: bool = True


@dataclass(frozen=True)
class InteractionTemplate:
    """One wording of a kind of touchpoint record: ``{slot}`` placeholders, and its sentiment (issue 12)."""

    text: Text
    sentiment: str


@dataclass(frozen=True)
class Slot:
    """Fillers for a ``{id}`` placeholder in interaction templates (products, issues, numbers)."""

    id: str
    values: tuple[Text, ...]


@dataclass(frozen=True)
class InteractionKind:
    """A kind of touchpoint record; ``category`` holds its C3.1 knowledge category (or two).

    ``text`` is the kind's example (the C3.1 case exercise shows it); generated records use
    ``templates`` and any of ``channel`` and ``other_channels``.
    """

    id: str
    reason: Text
    channel: Text
    type: Text
    text: Text
    category: tuple[str, ...]
    weight: float
    other_channels: tuple[Text, ...] = ()
    templates: tuple[InteractionTemplate, ...] = ()


@dataclass(frozen=True)
class RfmSegment:
    """An RFM segment (C2.3): score bounds (inclusive, 1-5) and the action it calls for."""

    id: str
    label: Text
    action: Text
    r_min: float = 1
    r_max: float = 5
    f_min: float = 1
    f_max: float = 5
    status: str = "active"
    definition: Text | None = None


@dataclass(frozen=True)
class RfmBands:
    """Absolute RFM bands for one cohort, scored at a stated analysis date (C2.3, issue 12).

    ``recency_days``: the most days since the last purchase for R5, R4, R3, R2 (more is R1);
    ``frequency`` and ``monetary``: the least purchase days / spend for score 2, 3, 4, 5;
    ``lapsed_after_days``: a customer who has not bought for longer is lapsed.
    """

    as_of: str
    recency_days: tuple[float, ...]
    frequency: tuple[float, ...]
    monetary: tuple[float, ...]
    lapsed_after_days: float


@dataclass(frozen=True)
class AuditFinding:
    """What the case company finds at one step (a C6.4 entry id) of its knowledge audit."""

    step: str
    finding: Text


@dataclass(frozen=True)
class KnowledgeAsset:
    """One line of the audited group's customer knowledge asset file (C6.4 "asset-file", issue 12).

    ``category``: C3.1 ids; ``form``: C3.4 id (explicit/tacit); ``stage``: the C5.1 stage
    where the knowledge stops today; ``status``: "summarised", "unsummarised" or "missing".
    ``keywords``: words (zh or en) any one of which marks a student's answer as naming it.
    """

    id: str
    knowledge: Text
    category: tuple[str, ...]
    form: str
    location: Text
    holder: Text
    stage: str
    status: str
    gap: Text
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class AuditFact:
    """A checkable fact a complete knowledge audit of the case group records at one C6.4 step (issue 12)."""

    id: str
    step: str
    fact: Text
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class KnowledgeAudit:
    """The facts of the case company's knowledge audit of one customer group (``group``: a segment id)."""

    group: str
    assets: tuple[KnowledgeAsset, ...]
    facts: tuple[AuditFact, ...]


@dataclass(frozen=True)
class Company:
    name: Text
    description: Text


@dataclass(frozen=True)
class OtherClass:
    label: Text


@dataclass(frozen=True)
class CaseCompany:
    """The fictional case company of chapter 9 (``ckm_course/case/company.toml``)."""

    company: Company
    segments: tuple[Segment, ...]
    activities: tuple[Activity, ...]
    interactions: tuple[InteractionKind, ...]
    slots: tuple[Slot, ...]
    other_class: OtherClass
    rfm: RfmBands
    rfm_segments: tuple[RfmSegment, ...]
    audit: tuple[AuditFinding, ...]
    assessment: tuple[tuple[str, float], ...]
    knowledge_audit: KnowledgeAudit
    assessment_evidence: tuple[tuple[str, Text], ...]
