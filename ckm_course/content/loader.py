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
import functools
import tomllib
import types
import typing
from pathlib import Path
from typing import Any

from ckm_course.content import model
from ckm_course.content.model import Chapter, Choice, Course, ExerciseSpec, Text

CONTENT_DIR = Path(__file__).with_name("content")
_HEADER_FIELDS = ("id", "title", "notebook", "minutes")


class ContentError(ValueError):
    """A content file is broken or incomplete. The message names file, entry and field."""

    def __init__(self, file: str, entry: str, field: str, problem: str) -> None:
        self.file, self.entry, self.field, self.problem = file, entry, field, problem
        where = " > ".join(part for part in (entry, field) if part)
        super().__init__(f"{file}: {where}: {problem}" if where else f"{file}: {problem}")


@dataclasses.dataclass
class _Where:
    file: str
    entry: str = ""

    def fail(self, path: str, problem: str) -> typing.NoReturn:
        raise ContentError(self.file, self.entry, path, problem)


def _describe(value: object) -> str:
    return f"{type(value).__name__} {value!r}"[:80]


@functools.cache  # resolving the string annotations was 40 % of start(), once per entry of every file
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _build(tp: Any, value: Any, path: str, where: _Where) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in args if a is not type(None)]
        if value is None and len(options) < len(args):
            return None
        if len(options) == 1:
            return _build(options[0], value, path, where)
        if float in options and isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if str in options and isinstance(value, str):
            return value
        where.fail(path, f"expected one of {options}, got {_describe(value)}")
    if origin is tuple:
        item_type = args[0]
        if typing.get_origin(item_type) is tuple and isinstance(value, dict):
            # a TOML table {name = {...}} for tuple[tuple[str, X], ...]
            value_type = typing.get_args(item_type)[1]
            return tuple((str(k), _build(value_type, v, f"{path}.{k}", where)) for k, v in value.items())
        if not isinstance(value, list):
            where.fail(path, f"expected a list, got {_describe(value)}")
        return tuple(_build(item_type, v, f"{path}[{i}]", where) for i, v in enumerate(value))
    if dataclasses.is_dataclass(tp):
        return _build_dataclass(tp, value, path, where)
    if tp is str:
        if not isinstance(value, str) or not value.strip():
            where.fail(path, f"expected a non-empty string, got {_describe(value)}")
        return value.strip()
    if tp is bool:
        if not isinstance(value, bool):
            where.fail(path, f"expected true or false, got {_describe(value)}")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            where.fail(path, f"expected a number, got {_describe(value)}")
        return float(value)
    raise TypeError(f"content model has an unsupported field type {tp!r}")  # a bug in model.py


def _build_dataclass(cls: type, value: Any, path: str, where: _Where) -> Any:
    label = f"{path}" if path else cls.__name__
    if not isinstance(value, dict):
        if cls is Text:
            where.fail(path, f"expected a table with 'zh' and 'en', got {_describe(value)}")
        where.fail(path, f"expected a table, got {_describe(value)}")
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "file"}
    for key in value:
        if key not in fields:
            near = difflib.get_close_matches(key, list(fields), n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            where.fail(f"{label}.{key}" if path else key, f"unknown field{hint}; allowed: {', '.join(fields)}")
    kwargs: dict[str, Any] = {}
    for name, fld in fields.items():
        sub = f"{path}.{name}" if path else name
        if name not in value:
            required = fld.default is dataclasses.MISSING and fld.default_factory is dataclasses.MISSING
            if required:
                if cls is Text:
                    where.fail(sub, f"missing the {'Chinese' if name == 'zh' else 'English'} text")
                where.fail(sub, "missing required field")
            continue
        kwargs[name] = _build(hints[name], value[name], sub, where)
    return cls(**kwargs)


def read_toml(path: Path, where: _Where) -> dict[str, Any]:
    """The parsed TOML file at ``path``; unreadable or invalid TOML is a ContentError naming it."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        where.fail("", f"not valid TOML: {exc}")
    except (OSError, UnicodeDecodeError) as exc:
        where.fail("", f"cannot be read: {exc}")


def read_sections(path: Path, where: _Where, allowed: typing.Sequence[str]) -> dict[str, Any]:
    """``read_toml``, then a ContentError for any top-level section not in ``allowed`` (named in that order)."""
    raw = read_toml(path, where)
    for key in raw:
        if key not in allowed:
            where.fail(key, f"unknown top-level section; allowed: {', '.join(allowed)}")
    return raw


def _entry_name(kind: str, raw: object, index: int) -> str:
    ident = raw.get("id") if isinstance(raw, dict) else None
    return f"{kind} {ident!r}" if isinstance(ident, str) else f"{kind} #{index + 1}"


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


def _list(raw: dict, key: str, where: _Where) -> list:
    value = raw.get(key, [])
    if not isinstance(value, list):
        where.entry = ""
        where.fail(key, f"expected an array of tables ([[{key}]]), got {_describe(value)}")
    return value


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


def load_course(directory: Path | str | None = None) -> Course:
    """Load and validate every ``*.toml`` in ``directory`` (default: the packaged content).

    Raises :class:`ContentError` naming the file, entry and field of the first problem.
    """
    from ckm_course.content.derive import derive
    from ckm_course.content.validate import validate_course

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
    from ckm_course.content import plans, rubrics

    exercises.extend(plans.exercises_in(folder))  # the capstone's exercises (content/capstone/, issue 12)
    course = Course(chapters=tuple(chapters), exercises=(), levels=tuple(scale))
    derived = [derive(spec, course) for spec in exercises]
    course = dataclasses.replace(course, exercises=_with_feedback(derived, folder))
    validate_course(course)
    ids = {spec.id for spec in course.exercises}
    for rubric in rubrics.load(folder):  # rubrics are validated on load too; they name open questions
        for exercise_id in rubric.exercises:
            if exercise_id not in ids:
                raise ContentError(rubric.file, f"rubric {rubric.id!r}", "exercises", f"no exercise {exercise_id!r}")
    plans.load(course, folder, case=False)  # the capstone's forms: rows, choices, keys, rubrics (case facts later)
    return course


@functools.cache
def course() -> Course:
    """The packaged course content, loaded and validated once per session (C1-C9)."""
    return load_course()
