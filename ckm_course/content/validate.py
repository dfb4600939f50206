"""Cross-reference checks over a built :class:`~ckm_course.content.model.Course`.

Field types are checked while building (``content.py``); this module checks what
only the whole course can tell: unique ids, groups and links that exist, answer keys
that name real choices, labels a student could not tell apart, and per-kind
requirements of exercises. Every failure is a :class:`ContentError` naming file,
entry and field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ckm_course.content.builder import ContentError
from ckm_course.i18n import fold
from ckm_course.content.model import EXERCISE_KINDS, Choice, Course, ExerciseSpec, Item, Point

_POINT_ID = re.compile(r"^C[1-9]\.[1-9]$")
_CHOICE_KINDS = ("multi_label", "single_label", "matching", "multiple_choice")


def _unique(ids: Iterable[str], fail: callable, field: str) -> None:
    seen: set[str] = set()
    for index, ident in enumerate(ids):
        if ident in seen:
            fail(f"{field}[{index}].id", f"duplicate id {ident!r}")
        seen.add(ident)


_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def loose(text: str) -> str:
    """The loosest key a checker matches a spelling by (``exercises.checks.normalize.compact``)."""
    return _NON_WORD.sub("", fold(text))


def _distinct_spellings(things: Iterable[Choice | Item], fail: callable, field: str) -> None:
    """Two choices (or items) must not share a spelling, even loosely (``co-created`` = ``co created``),
    or forgiving input turns ambiguous."""
    owner: dict[str, str] = {}
    for index, thing in enumerate(things):
        for spelling in {thing.id, thing.label.zh, thing.label.en, *thing.aliases}:
            for key in {fold(spelling), loose(spelling)} - {""}:
                if key in owner and owner[key] != thing.id:
                    fail(f"{field}[{index}]", f"spelling {spelling!r} is shared with {owner[key]!r}")
                owner[key] = thing.id


def _aliases_unambiguous(spec: ExerciseSpec, fail: callable) -> None:
    """An alias (the course's own addition, issue 21 item 9) names one thing only: besides naming no
    other category (``_distinct_spellings``), it is no spelling of an item of the same exercise, where
    an answer ``{category: [items]}`` would read it as either."""
    items = {loose(s) for i in spec.items for s in (i.id, i.label.zh, i.label.en, *i.aliases)}
    for index, choice in enumerate(spec.choices):
        for alias in choice.aliases:
            if loose(alias) in items:
                fail(f"choices[{index}].aliases", f"alias {alias!r} is also an item of this exercise")


def _validate_point(point: Point, chapter_id: str, file: str, course: Course) -> None:
    def fail(field: str, problem: str) -> None:
        raise ContentError(file, f"point {point.id!r}", field, problem)

    if not _POINT_ID.match(point.id) or not point.id.startswith(chapter_id + "."):
        fail("id", f"point ids look like {chapter_id}.1 and belong to chapter {chapter_id}")
    _unique((e.id for e in point.entries), fail, "entries")
    _unique((g.id for g in point.groups), fail, "groups")
    group_ids = {g.id for g in point.groups}
    linked = None
    if point.linked_point is not None:
        try:
            linked = course.point(point.linked_point)
        except KeyError:
            fail("linked_point", f"no point {point.linked_point!r}")
    for index, entry in enumerate(point.entries):
        if entry.group is not None and entry.group not in group_ids:
            fail(f"entries[{index}].group", f"unknown group {entry.group!r}; groups: {sorted(group_ids)}")
        if entry.links and linked is None:
            fail(f"entries[{index}].links", "links need the point's linked_point to be set")
        for link in entry.links:
            if linked is not None and link not in {e.id for e in linked.entries}:
                fail(f"entries[{index}].links", f"{link!r} is not an entry of {linked.id}")


def _validate_exercise(spec: ExerciseSpec, course: Course) -> None:
    def fail(field: str, problem: str) -> None:
        raise ContentError(spec.file, f"exercise {spec.id!r}", field, problem)

    if spec.kind not in EXERCISE_KINDS:
        fail("kind", f"unknown kind {spec.kind!r}; kinds: {', '.join(EXERCISE_KINDS)}")
    try:
        course.point(spec.point)
    except KeyError:
        fail("point", f"no content point {spec.point!r}")
    _unique((c.id for c in spec.choices), fail, "choices")
    _unique((i.id for i in spec.items), fail, "items")
    _distinct_spellings(spec.items, fail, "items")
    choice_ids = {c.id for c in spec.choices}
    if any(item.options for item in spec.items):
        _validate_questions(spec, course, fail)  # options are told apart per question, not across them
    else:
        _distinct_spellings(spec.choices, fail, "choices")
        _aliases_unambiguous(spec, fail)
    if spec.kind in _CHOICE_KINDS and len(spec.choices) < 2:
        fail("choices", f"a {spec.kind} exercise needs at least two choices")
    if spec.kind in ("multi_label", "single_label", "matching"):
        if not spec.items:
            fail("items", f"a {spec.kind} exercise needs items")
        for index, item in enumerate(spec.items):
            if not item.answer:
                fail(f"items[{index}].answer", "missing the key (one or more choice ids)")
            for answer in item.answer:
                if answer not in choice_ids:
                    fail(f"items[{index}].answer", f"{answer!r} is not a choice; choices: {sorted(choice_ids)}")
            if item.reason is None:
                fail(f"items[{index}].reason", "missing the explanation of the key")
    if spec.kind == "ordering":
        if len(spec.items) < 2:
            fail("items", "an ordering exercise needs at least two items (listed in the right order)")
        for index, item in enumerate(spec.items):
            if item.answer:
                fail(f"items[{index}].answer", "ordering items take no answer: their order is the key")
    if spec.kind == "multiple_choice":
        if not spec.correct:
            fail("correct", "missing the correct choice id(s)")
        for answer in spec.correct:
            if answer not in choice_ids:
                fail("correct", f"{answer!r} is not a choice; choices: {sorted(choice_ids)}")
        if len(spec.correct) > 1 and not spec.multiple:
            fail("multiple", "several correct choices need multiple = true")
    if spec.kind == "value" and (spec.expected is None) == (spec.expected_table is None):
        fail("expected", "a value exercise needs exactly one of expected / expected_table")
    if spec.kind == "value" and spec.expected_table is not None:
        width = len(spec.expected_table.columns)
        for index, row in enumerate(spec.expected_table.rows):
            if len(row) != width:
                fail(f"expected_table.rows[{index}]", f"has {len(row)} cells for {width} columns")
    if spec.tolerance < 0:
        fail("tolerance", "must not be negative")
    _validate_item_points(spec, course, fail)
    if spec.kind == "open" and (spec.model_answer is None or not spec.checklist):
        fail("model_answer", "an open question needs a model_answer and a checklist")


def _validate_questions(spec: ExerciseSpec, course: Course, fail: callable) -> None:
    """A questionnaire: single-label items that each offer their own options (2-6 of the choices)."""
    choices = {c.id: c for c in spec.choices}
    used: set[str] = set()
    if not all(item.options for item in spec.items):
        fail("items", "in a questionnaire every question lists its options")
    for index, item in enumerate(spec.items):
        if spec.kind != "single_label":
            fail(f"items[{index}].options", "only single_label items (questions) carry their own options")
        if not 2 <= len(item.options) <= 6:
            fail(f"items[{index}].options", f"a question offers 2-6 options, found {len(item.options)}")
        for option in item.options:
            if option not in choices:
                fail(f"items[{index}].options", f"{option!r} is not a choice; choices: {sorted(choices)}")
        if len(set(item.options)) != len(item.options):
            fail(f"items[{index}].options", "an option is listed twice")
        for answer in item.answer:
            if answer not in item.options:
                fail(f"items[{index}].answer", f"{answer!r} is not one of this question's options {list(item.options)}")
        for wrong, _ in item.feedback:
            if wrong not in item.options:
                fail(f"items[{index}].feedback", f"feedback for {wrong!r}, which this question does not offer")
        _distinct_spellings([choices[o] for o in item.options], fail, f"items[{index}].options")
        used.update(item.options)
    unused = sorted(set(choices) - used)
    if unused:
        fail("choices", f"not offered by any question: {unused}")


def _validate_item_points(spec: ExerciseSpec, course: Course, fail: callable) -> None:
    for index, item in enumerate(spec.items):
        if item.point is None:
            continue
        try:
            course.point(item.point)
        except KeyError:
            fail(f"items[{index}].point", f"no content point {item.point!r}")


def validate_course(course: Course) -> None:
    """Raise :class:`ContentError` on the first cross-reference problem in ``course``."""
    seen_points: dict[str, str] = {}
    seen_chapters: dict[str, str] = {}
    for chapter in course.chapters:
        if chapter.id in seen_chapters:
            raise ContentError(chapter.file, "[chapter]", "id", f"chapter {chapter.id} is also in {seen_chapters[chapter.id]}")
        seen_chapters[chapter.id] = chapter.file
        for point in chapter.points:
            if point.id in seen_points:
                raise ContentError(chapter.file, f"point {point.id!r}", "id", f"also defined in {seen_points[point.id]}")
            seen_points[point.id] = chapter.file
    for chapter in course.chapters:
        for point in chapter.points:
            _validate_point(point, chapter.id, chapter.file, course)
    seen_exercises: dict[str, str] = {}
    for spec in course.exercises:
        if spec.id in seen_exercises:
            raise ContentError(spec.file, f"exercise {spec.id!r}", "id", f"also defined in {seen_exercises[spec.id]}")
        seen_exercises[spec.id] = spec.file
        _validate_exercise(spec, course)
