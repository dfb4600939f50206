"""Plan forms (exercise kind ``plan``, issue 12 capstone): content model, loading, validation.

A plan form is a table: one row per step (or dimension), one column per field. A field is a
``choice`` (checked against the row's accepted choices), a ``number`` (checked against the
row's range; ``ordered``: no row may start before the row above it), or ``text`` (scored
only as present, ``required``, or for naming the row's case ``facts``; its wording is marked
by hand with the field's ``rubric``, see :mod:`ckm_course.grading.manual`).

Show answer fills a text field with the row's case facts (``covers``) or else with the row's
model text (``models``, one bilingual sentence per text field and row, required on load); the
model text is the course's own, shown under the form's ``model_note`` ("课程补充 Course note").

The forms live in ``content/capstone/*.toml`` as ``[[plans]]`` beside their ``[[exercises]]``.
Rows and choices come from content points (``rows_from``, ``choices_from``), so the decks'
step and role names are written once; the audit form's facts and the ratings' key come from
the case company (``facts_from = "case-audit"``, ``accept_from = "case-assessment"``).

No ``from __future__ import annotations`` here: the content builder reads these type hints
as objects (they are not in :mod:`ckm_course.content.model`'s namespace).
"""

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from ckm_course.content.builder import CONTENT_DIR, ContentError, _build, _entry_name, _list, _Where, read_sections
from ckm_course.content.model import Choice, Course, ExerciseSpec, Text
from ckm_course.content.rubrics import Rubric

if TYPE_CHECKING:  # the case company's model is loaded when the case is, not at start()
    from ckm_course.content.company_model import CaseCompany

FIELD_TYPES = ("choice", "number", "text")
FOLDER = "capstone"


@dataclasses.dataclass(frozen=True)
class Fact:
    """Something a row's text should name (a case fact); any one keyword counts as naming it."""

    id: str
    label: Text
    keywords: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class PlanField:
    """One column of a plan form."""

    id: str
    label: Text
    type: str
    choices_from: Optional[str] = None  # a point id (its entries) or "scale" (the C8 levels)
    choices: tuple[Choice, ...] = ()
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    ordered: bool = False
    required: bool = False
    covers: bool = False
    rubric: Optional[str] = None
    unit: Optional[Text] = None
    wrong: Optional[Text] = None  # feedback for a wrong choice or number: never the key
    aliases: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class PlanRow:
    """One row: its key per field (accepted choices, a number range) and the facts it should name."""

    id: str
    label: Optional[Text] = None
    phase: Optional[Text] = None
    accept: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ranges: tuple[tuple[str, tuple[float, ...]], ...] = ()
    facts: tuple[Fact, ...] = ()
    nudges: tuple[tuple[str, Text], ...] = ()  # field id -> a nudge when wrong in this row
    models: tuple[tuple[str, Text], ...] = ()  # text field id -> the model text Show answer fills in
    aliases: tuple[str, ...] = ()

    def accepted(self, field_id: str) -> tuple[str, ...]:
        return dict(self.accept).get(field_id, ())

    def range(self, field_id: str) -> Optional[tuple[float, ...]]:
        return dict(self.ranges).get(field_id)

    def model(self, field_id: str) -> Optional[Text]:
        """The model text of a text field in this row (None for fields whose model is the case facts)."""
        return dict(self.models).get(field_id)


@dataclasses.dataclass(frozen=True)
class PlanSpec:
    """The form of one ``plan`` exercise."""

    exercise: str
    fields: tuple[PlanField, ...]
    rows: tuple[PlanRow, ...] = ()
    rows_from: Optional[str] = None
    facts_from: Optional[str] = None
    accept_from: Optional[str] = None
    model_note: Optional[Text] = None  # says the rows' model texts are the course's own (a Course note)
    file: str = ""

    def field(self, field_id: str) -> PlanField:
        return next(f for f in self.fields if f.id == field_id)


def parse_file(path: Path) -> tuple[tuple[ExerciseSpec, ...], tuple[PlanSpec, ...]]:
    """The ``[[exercises]]`` and ``[[plans]]`` of one capstone file (errors name file, entry, field)."""
    where = _Where(f"{FOLDER}/{path.name}")
    raw = read_sections(path, where, ["exercises", "plans"])
    exercises, plans = [], []
    for i, entry in enumerate(_list(raw, "exercises", where)):
        where.entry = _entry_name("exercise", entry, i)
        exercises.append(dataclasses.replace(_build(ExerciseSpec, entry, "", where), file=where.file))
    for i, entry in enumerate(_list(raw, "plans", where)):
        where.entry = f"plan for {entry.get('exercise')!r}" if isinstance(entry, dict) else f"plan #{i + 1}"
        plans.append(dataclasses.replace(_build(PlanSpec, entry, "", where), file=where.file))
    return tuple(exercises), tuple(plans)


def files(folder: Path | None = None) -> list[Path]:
    return sorted(((folder or CONTENT_DIR) / FOLDER).glob("*.toml"))


def read(folder: Path | None = None) -> tuple[tuple[ExerciseSpec, ...], tuple[PlanSpec, ...]]:
    """The capstone's exercises and forms (unresolved), read once by ``loader.load``."""
    parsed = [parse_file(path) for path in files(folder)]
    return tuple(s for found, _ in parsed for s in found), tuple(f for _, found in parsed for f in found)


def _choices(field: PlanField, course: Course, fail) -> tuple[Choice, ...]:
    if field.choices_from is None:
        return field.choices
    if field.choices_from == "scale":
        return course.levels
    try:
        point = course.point(field.choices_from)
    except KeyError:
        fail(f"fields.{field.id}.choices_from", f"no content point {field.choices_from!r}")
    return tuple(Choice(id=e.id, label=e.label, aliases=e.aliases) for e in point.entries)


def _case_facts(row_id: str, company: "CaseCompany") -> tuple[Fact, ...]:
    audit = company.knowledge_audit
    if row_id == "asset-file":
        return tuple(Fact(a.id, a.knowledge, a.keywords) for a in audit.assets)
    return tuple(Fact(f.id, f.fact, f.keywords) for f in audit.facts if f.step == row_id)


def _case_ratings(row_id: str, levels: tuple[Choice, ...], company: "CaseCompany") -> tuple[str, ...]:
    """Accepted ratings of a C8.1 dimension: the case's own evidence-based rating, one level either side."""
    rating = dict(company.assessment)[row_id]
    return tuple(level.id for level in levels if abs(float(level.id) - rating) <= 1)


def resolve(plan: PlanSpec, course: Course, rubrics: tuple[Rubric, ...], company: "CaseCompany | None") -> PlanSpec:
    """Fill rows, labels, phases, choices, facts and keys from the points and the case; validate.

    ``company=None`` leaves out what comes from the case company (``loader.load`` validates the
    forms that way, since the case file is itself checked against the loaded course)."""
    case = company is not None
    def fail(field: str, problem: str) -> None:
        raise ContentError(plan.file, f"plan for {plan.exercise!r}", field, problem)

    fields = tuple(dataclasses.replace(f, choices=_choices(f, course, fail)) for f in plan.fields)
    given = {row.id: row for row in plan.rows}
    if plan.rows_from is not None:
        try:
            point = course.point(plan.rows_from)
        except KeyError:
            fail("rows_from", f"no content point {plan.rows_from!r}")
        phases = {g.id: g.label for g in point.groups}
        unknown = sorted(set(given) - {e.id for e in point.entries})
        if unknown:
            fail("rows", f"{unknown} are not entries of {point.id}; entries: {[e.id for e in point.entries]}")
        rows = tuple(dataclasses.replace(given.get(e.id, PlanRow(e.id)), label=e.label, aliases=e.aliases,
                                         phase=phases.get(e.group) if e.group else None) for e in point.entries)
    else:
        rows = plan.rows
    if not case:
        pass
    elif plan.facts_from == "case-audit":
        rows = tuple(dataclasses.replace(r, facts=_case_facts(r.id, company)) for r in rows)
    elif plan.facts_from is not None:
        fail("facts_from", f"unknown source {plan.facts_from!r}; known: case-audit")
    if not case:
        pass
    elif plan.accept_from == "case-assessment":
        choice = next((f for f in fields if f.type == "choice"), None)
        if choice is None:
            fail("accept_from", "needs a choice field")
        rows = tuple(dataclasses.replace(r, accept=((choice.id, _case_ratings(r.id, choice.choices, company)),))
                     for r in rows)
    elif plan.accept_from is not None:
        fail("accept_from", f"unknown source {plan.accept_from!r}; known: case-assessment")
    resolved = dataclasses.replace(plan, fields=fields, rows=rows)
    validate(resolved, fail, case, {r.id for r in rubrics})
    return resolved


def validate(plan: PlanSpec, fail, case: bool, known_rubrics: set[str]) -> None:
    """Every row has a label, every key names a real field and choice, ranges are low <= high."""
    field_ids = [f.id for f in plan.fields]
    if len(set(field_ids)) != len(field_ids):
        fail("fields", f"duplicate field ids in {field_ids}")
    if not plan.rows:
        fail("rows", "a plan form needs rows (rows or rows_from)")
    for index, field in enumerate(plan.fields):
        where = f"fields[{index}]"
        if field.type not in FIELD_TYPES:
            fail(f"{where}.type", f"unknown type {field.type!r}; types: {', '.join(FIELD_TYPES)}")
        if field.type == "choice" and len(field.choices) < 2:
            fail(f"{where}.choices", "a choice field needs at least two choices (choices or choices_from)")
        if field.rubric is not None and field.rubric not in known_rubrics:
            fail(f"{where}.rubric", f"no rubric {field.rubric!r}; rubrics: {sorted(known_rubrics)}")
        if field.covers and field.type != "text":
            fail(f"{where}.covers", "only a text field can name facts")
    by_id = {f.id: f for f in plan.fields}
    if plan.model_note is None and any(f.type == "text" and not f.covers for f in plan.fields):
        fail("model_note", "a form with model texts needs a model_note (the Course note shown with them)")
    for index, row in enumerate(plan.rows):
        where = f"rows[{index}]"
        if row.label is None:
            fail(f"{where}.label", "missing the row's label (or set rows_from)")
        for field_id, accepted in row.accept:
            field = by_id.get(field_id)
            if field is None or field.type != "choice":
                fail(f"{where}.accept.{field_id}", f"not a choice field; fields: {field_ids}")
            bad = sorted(set(accepted) - {c.id for c in field.choices})
            if bad or not accepted:
                fail(f"{where}.accept.{field_id}", f"{bad or 'nothing'} accepted; choices: {[c.id for c in field.choices]}")
        for field_id, bounds in row.ranges:
            field = by_id.get(field_id)
            if field is None or field.type != "number":
                fail(f"{where}.ranges.{field_id}", f"not a number field; fields: {field_ids}")
            if len(bounds) != 2 or bounds[0] > bounds[1]:
                fail(f"{where}.ranges.{field_id}", f"expected [low, high] with low <= high, got {list(bounds)}")
        for field_id, _ in row.nudges:
            if field_id not in by_id:
                fail(f"{where}.nudges.{field_id}", f"no such field; fields: {field_ids}")
        for field_id, _ in row.models:
            if field_id not in by_id or by_id[field_id].type != "text" or by_id[field_id].covers:
                fail(f"{where}.models.{field_id}", f"not a text field without case facts; fields: {field_ids}")
        for field in plan.fields:
            if field.type == "text" and not field.covers and row.model(field.id) is None:
                fail(f"{where}.models.{field.id}", f"row {row.id!r} has no model text for {field.id!r} (what Show "
                     f"answer fills in), e.g. models = {{ {field.id} = {{ zh = \"…\", en = \"…\" }} }}")
        if case and any(f.covers for f in plan.fields) and not row.facts:
            fail(f"{where}.facts", f"row {row.id!r} has no case facts to name")


def resolve_all(forms: tuple[PlanSpec, ...], course: Course, rubrics: tuple[Rubric, ...],
                company: "CaseCompany | None" = None) -> dict[str, PlanSpec]:
    """The forms resolved against ``course`` (and the case ``company``, when given), by exercise id.

    A form for no exercise, or a plan exercise without a form, is a :class:`ContentError`."""
    found: dict[str, PlanSpec] = {}
    exercise_ids = {spec.id for spec in course.exercises}
    for plan in forms:
        if plan.exercise not in exercise_ids:
            raise ContentError(plan.file, f"plan for {plan.exercise!r}", "exercise", "no such exercise")
        found[plan.exercise] = resolve(plan, course, rubrics, company)
    for spec in course.exercises:
        if spec.kind == "plan" and spec.id not in found:
            raise ContentError(spec.file, f"exercise {spec.id!r}", "kind", "a plan exercise needs a [[plans]] form")
    return found
