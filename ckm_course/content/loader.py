"""Load, validate and cache the course content (``ckm_course/content/*.toml``).

Content is data: each chapter file holds its CONTENT.md points and exercises. Loading
builds the frozen objects of :mod:`ckm_course.content.model` field by field from their type
hints, so a typo or a missing translation gives one :class:`ContentError` that names
the file, the entry and the field. Cross references (groups, links, answer keys) are
checked by :mod:`ckm_course.content.validate` once everything is built.
"""

from __future__ import annotations

import dataclasses
import difflib
import typing
from pathlib import Path

from ckm_course.content import banks, model, plans, rubrics
from ckm_course.content.builder import (
    CONTENT_DIR, ContentError, _build, _entry_name, _list, _Where, read_sections,
)
from ckm_course.content.derive import derive
from ckm_course.content.model import Chapter, Choice, Course, ExerciseSpec, Text
from ckm_course.content.validate import validate_course

_HEADER_FIELDS = ("id", "title", "notebook", "minutes")


def parse_file(path: Path) -> tuple[Chapter, tuple[ExerciseSpec, ...], tuple[Choice, ...]]:
    """Parse one chapter file into its chapter, exercises and (optional) assessment scale."""
    where = _Where(path.name)
    raw = read_sections(path, where, sorted({"chapter", "points", "exercises", "scale"}))
    if "chapter" not in raw:
        where.fail("chapter", "missing the [chapter] table (id and title)")
    where.entry = "[chapter]"
    header = raw["chapter"] if isinstance(raw["chapter"], dict) else where.fail("", "expected a table")
    for key in header:
        if key not in _HEADER_FIELDS:
            where.fail(key, f"unknown field; allowed: {', '.join(_HEADER_FIELDS)}")
    chapter_id = _build(str, header.get("id"), "id", where)
    title = _build(Text, header.get("title"), "title", where)
    notebook = _build(str | None, header.get("notebook"), "notebook", where)
    minutes = _build(float | None, header.get("minutes"), "minutes", where)
    points = []
    for i, point_raw in enumerate(_list(raw, "points", where)):
        where.entry = _entry_name("point", point_raw, i)
        points.append(_build(model.Point, point_raw, "", where))
    exercises = []
    for i, ex_raw in enumerate(_list(raw, "exercises", where)):
        where.entry = _entry_name("exercise", ex_raw, i)
        spec = _build(ExerciseSpec, ex_raw, "", where)
        exercises.append(dataclasses.replace(spec, file=path.name))
    scale = []
    for i, level_raw in enumerate(_list(raw, "scale", where)):
        where.entry = _entry_name("scale level", level_raw, i)
        scale.append(_build(Choice, level_raw, "", where))
    chapter = Chapter(id=chapter_id, title=title, points=tuple(points), notebook=notebook, minutes=minutes,
                      file=path.name)
    return chapter, tuple(exercises), tuple(scale)


def parse_feedback_file(path: Path) -> tuple[model.ExerciseFeedback, ...]:
    """Parse one feedback bank (``content/feedback/*.toml``): ``[[exercise]]`` tables."""
    where = _Where(f"feedback/{path.name}")
    raw = read_sections(path, where, ["exercise"])
    banks = []
    for i, entry in enumerate(_list(raw, "exercise", where)):
        where.entry = _entry_name("exercise", entry, i)
        bank = _build(model.ExerciseFeedback, entry, "", where)
        banks.append(dataclasses.replace(bank, file=where.file))
    return tuple(banks)


def apply_feedback(spec: ExerciseSpec, bank: model.ExerciseFeedback) -> ExerciseSpec:
    """Merge a feedback bank into its exercise; unknown item or choice ids are a ContentError."""
    def fail(field: str, problem: str) -> typing.NoReturn:
        raise ContentError(bank.file, f"exercise {bank.id!r}", field, problem)

    choice_ids = {c.id for c in spec.choices}
    item_ids = {i.id for i in spec.items}
    for choice_id, _ in bank.choices:
        if choice_id not in choice_ids:
            fail(f"choices.{choice_id}", f"not a choice of {spec.id}; choices: {sorted(choice_ids)}")
    keys = {i.id: set(i.answer) for i in spec.items}
    for section, table in (("items", bank.items), ("missed", bank.missed)):
        for item_id, per_choice in table:
            if item_id not in item_ids:
                fail(f"{section}.{item_id}", f"not an item of {spec.id}; items: {sorted(item_ids)}")
            for choice_id, _ in per_choice:
                if choice_id not in choice_ids:
                    fail(f"{section}.{item_id}.{choice_id}", f"not a choice of {spec.id}; choices: {sorted(choice_ids)}")
                in_key = choice_id in keys[item_id]
                if section == "items" and in_key:
                    fail(f"items.{item_id}.{choice_id}", "is part of the key for this item: feedback is for wrong choices")
                if section == "missed" and not in_key:
                    fail(f"missed.{item_id}.{choice_id}", "is not part of the key for this item: nothing to miss")
    per_item, per_missed = dict(bank.items), dict(bank.missed)
    if bank.slips and spec.kind != "value":
        fail("slips", "slips are for value exercises")
    why = dict(bank.choices)
    choices = tuple(dataclasses.replace(c, feedback=why.get(c.id, c.feedback)) for c in spec.choices)
    items = tuple(dataclasses.replace(i, feedback=(*i.feedback, *per_item.get(i.id, ())),
                                      missed=(*i.missed, *per_missed.get(i.id, ()))) for i in spec.items)
    return dataclasses.replace(spec, choices=choices, items=items, hints=(*spec.hints, *bank.hints),
                               slips=(*spec.slips, *bank.slips))


def _with_feedback(exercises: list[ExerciseSpec], folder: Path) -> tuple[ExerciseSpec, ...]:
    by_id = {spec.id: spec for spec in exercises}
    for path in sorted((folder / "feedback").glob("*.toml")):
        for bank in parse_feedback_file(path):
            if bank.id not in by_id:
                near = difflib.get_close_matches(bank.id, list(by_id), n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                raise ContentError(bank.file, f"exercise {bank.id!r}", "id", f"no such exercise{hint}")
            by_id[bank.id] = apply_feedback(by_id[bank.id], bank)
    return tuple(by_id[spec.id] for spec in exercises)


class Loaded(typing.NamedTuple):
    """What one load of a content folder gives: the course, its rubrics and its plan forms (unresolved)."""

    course: Course
    rubrics: tuple[rubrics.Rubric, ...]
    plans: tuple[plans.PlanSpec, ...]


def load_course(directory: Path | str | None = None) -> Course:
    """Load and validate every ``*.toml`` in ``directory`` (default: the packaged content).

    Raises :class:`ContentError` naming the file, entry and field of the first problem.
    """
    return load(directory).course


def load(directory: Path | str | None = None) -> Loaded:
    """:func:`load_course`, keeping the rubrics and plan forms it read (the catalog uses them)."""
    folder = Path(directory) if directory is not None else CONTENT_DIR
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise ContentError(str(folder), "", "", "no content files (*.toml) found")
    chapters, exercises, scale = [], [], []
    for path in files:
        chapter, file_exercises, file_scale = parse_file(path)
        chapters.append(chapter)
        exercises.extend(file_exercises)
        scale.extend(file_scale)
    capstone_exercises, forms = plans.read(folder)
    exercises.extend(capstone_exercises)  # the capstone's exercises (content/capstone/, issue 12)
    course = Course(chapters=tuple(chapters), exercises=(), levels=tuple(scale))
    derived = [derive(spec, course) for spec in exercises]
    points = {point.id for chapter in chapters for point in chapter.points}
    course = dataclasses.replace(course, exercises=banks.with_banks(_with_feedback(derived, folder), folder, points))
    validate_course(course)
    ids = {spec.id for spec in course.exercises}
    found_rubrics = rubrics.load(folder)
    for rubric in found_rubrics:  # rubrics are validated on load too; they name open questions
        for exercise_id in rubric.exercises:
            if exercise_id not in ids:
                raise ContentError(rubric.file, f"rubric {rubric.id!r}", "exercises", f"no exercise {exercise_id!r}")
    plans.resolve_all(forms, course, found_rubrics)  # the capstone's forms: rows, choices, keys (case facts later)
    return Loaded(course, found_rubrics, forms)
