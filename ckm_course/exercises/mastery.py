"""Per C-point mastery and the spaced review of points, from a student's own answer records (issue 24,
"Mastery and what to practise next").

The rule (README "Mastery"): every exercise of a point earns a credit from its record (schema 2),

* no check yet: not started, credit 0;
* an exercise drawn from a bank (issue 24, "Variants") is tried in **sets**: each check entry names
  its set (``"set": n``), and each set is judged on its own, by its own first check. A set with no
  number (an exercise without a bank, or a record from before sets) is one set. The exercise's
  credit is that of the **latest set tried** (the set of its last check): a new set is a fresh,
  unseen try, so it shows what the student knows now; the earlier sets still feed the review
  schedule below, so a point once missed comes back sooner;
* a set whose answer was revealed (Show answer / ``solution()``) before its first correct check
  earns 0 — a reveal never counts as mastery, whatever the checks after it say. A reveal event
  names its set (``"set": n``; one without, made before the set shown was noted, belongs to the set
  of the last check before it, else set 1) and spoils only that set, so revealing set 1 and then
  answering a new set 2 right at the first try is mastery again. A ``revealed`` flag with no event
  at all counts against every set, before every check (the strict reading);
* a set's first check correct: credit 1; an open question whose first answer was recorded (not
  scored) counts the same;
* correct only at a later check of the set: credit 0.5; never correct (or only ``saved`` in
  assessment mode, which carries no verdict yet): credit 0;
* every hint tier seen (of the exercise, in any set) takes 0.25 off a credit above 0 (never below 0.25).

An exercise whose items name their own point (a chapter questionnaire, ``c6.1-practice-plan-review``;
issue 24, ``Item.point``) counts toward each of those points by its own items (:func:`point_items`):
the items without a point of their own count toward the exercise's point, the others toward theirs.
Each part is judged by the same rule, on checks re-checked item by item (no feedback text): a check
is correct for a part when every item of that part the check's set showed is right; a set that
showed none of its items is no try of that part.

A point's mastery is the mean credit over all its exercises (unstarted ones count 0): **mastered** at
:data:`MASTERED` (0.8) or more, **not started** when none of its exercises has a check, **in
progress** otherwise. So a point of one exercise is mastered by a first-try correct check with no
hint, and not by a reveal followed by a correct check. The same records always give the same result.

Spaced review: each point is one card of the maintained FSRS scheduler (``fsrs``, no fuzzing, no learning steps of
minutes, a card id fixed by the point's place in the course). Its reviews are replayed from the records' own check
times (a correct check: Good, Hard when hints were seen; any other verdict or a reveal: Again), so
the review state lives in the notebook or answer file itself and survives a restart. "Today" is
``record.now()`` (fixed by ``SOURCE_DATE_EPOCH`` under test): :func:`practise_next` returns the
started points due by then (soonest first), then the next unstarted points in course order, then
upcoming reviews.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ckm_course.content.catalog import course, exercise_specs
from ckm_course.content.model import ExerciseSpec
from ckm_course.exercises.checks import check
from ckm_course.exercises.record import checks_of, latest, now, parse_time, reveals_of

MASTERED = 0.8
HINT_COST = 0.25
STATES = ("mastered", "in_progress", "not_started")


@dataclass(frozen=True)
class PointMastery:
    """One point's mastery: ``state`` (one of :data:`STATES`), ``score`` 0..1, exercises started of ``total``,
    and when its review is due (None: never reviewed)."""

    point: str
    state: str
    score: float
    started: int
    total: int
    due: dt.datetime | None = None


def _checks(record: dict[str, Any]) -> list[dict[str, Any]]:
    entries = checks_of(record)
    if not entries and isinstance(record.get("attempt"), int) and record["attempt"] > 0:
        entries = [{k: record.get(k) for k in ("attempt", "checked_at", "status", "score")}]
    return [h for h in entries if h.get("status") not in (None, "not_attempted")]


def _reveals(record: dict[str, Any], checks: list[dict[str, Any]]) -> list[tuple[int | None, float]]:
    """``(set, after attempt)`` of each reveal (set None: every set; 0: before any check).

    The history's reveal events say it. An event with no set, in a record whose checks have sets, was
    made on the set shown then: the set of the last check before it, or set 1 before any check (a
    kernel notes the set shown only once it is checked or a New set is drawn). A reveal with no event
    at all counts before every check of every set, the strict reading."""
    numbered = [(c.get("attempt"), _set_of(c)) for c in checks if _set_of(c) is not None]
    found: list[tuple[int | None, float]] = []
    for event in reveals_of(record):
        after = event.get("after_attempt")
        after = float(after) if isinstance(after, int) and not isinstance(after, bool) else 0.0
        where = _set_of(event)
        if where is None and numbered:
            where = next((n for a, n in reversed(numbered) if isinstance(a, int) and a <= after), 1)
        found.append((where, after))
    if not found and (record.get("revealed") or record.get("revealed_at")):
        found.append((None, 0.0))
    return found


def _hints(record: dict[str, Any]) -> int:
    hints = record.get("hints_seen")
    return len({h for h in hints if isinstance(h, int)}) if isinstance(hints, list) else 0


def _set_of(check: dict[str, Any]) -> int | None:
    number = check.get("set")
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def set_credit(checks: list[dict[str, Any]], reveals: list[tuple[int | None, float]], number: int | None) -> float:
    """The credit of one set from its checks (oldest first) and the exercise's reveals, before hints."""
    first = checks[0]
    good = next((c for c in checks if c.get("status") in ("correct", "recorded")), None)
    if good is None:
        return 0.0
    attempt = good.get("attempt") if isinstance(good.get("attempt"), int) else 0
    if any((where is None or where == number) and after < attempt for where, after in reveals):
        return 0.0
    if number is None:  # one set: its first check is attempt 1 (a history trimmed of it keeps that number)
        return 1.0 if attempt == 1 else 0.5
    return 1.0 if good is first else 0.5


def point_items(spec: ExerciseSpec) -> dict[str, tuple[str, ...] | None]:
    """``{point: the ids of the items of spec that check it}``, the exercise's own point first; ``None``
    for the whole exercise, when no item names a point of its own (issue 24 item 6)."""
    own = {item.id: item.point for item in spec.items if item.point and item.point != spec.point}
    if not own:
        return {spec.point: None}
    parts: dict[str, list[str]] = {}
    rest = [item.id for item in spec.items if item.id not in own]
    if rest:
        parts[spec.point] = rest
    for ident, point in own.items():
        parts.setdefault(point, []).append(ident)
    return {point: tuple(ids) for point, ids in parts.items()}


def _part_checks(record: dict[str, Any], spec: ExerciseSpec, items: tuple[str, ...]) -> list[dict[str, Any]]:
    """The record's checks as checks of the part ``items`` of ``spec``: each re-checked (lean, no feedback
    text), ``correct`` when every item of the part its set showed is right, else ``incorrect``; a check
    whose set showed none of them is left out. A check with no answer kept (or only ``saved``) stays as is."""
    found = []
    shown_now = record.get("variant") if isinstance(record.get("variant"), dict) else {}
    for entry in _checks(record):
        if "answer" not in entry or entry.get("status") == "saved":
            found.append(entry)
            continue
        shown = entry.get("items")
        if not isinstance(shown, list) and shown_now.get("set") == entry.get("set") and entry.get("set") is not None:
            shown = shown_now.get("items")
        asked = [i for i in items if not isinstance(shown, list) or i in shown]
        if not asked:
            continue
        marks = {v.item_id: v.mark for v in check(spec, entry["answer"], feedback=False).verdicts}
        right = all(marks.get(i) == "correct" for i in asked)
        found.append({**entry, "status": "correct" if right else "incorrect"})
    return found


def exercise_credit(record: dict[str, Any] | None, spec: ExerciseSpec | None = None,
                    items: tuple[str, ...] | None = None) -> tuple[bool, float]:
    """``(started, credit)`` of one exercise's record by the rule of this module's docstring; with
    ``spec`` and ``items``, of the part of the exercise those items make (:func:`point_items`)."""
    if record is None:
        return False, 0.0
    checks = _part_checks(record, spec, items) if spec is not None and items is not None else _checks(record)
    if not checks:
        return False, 0.0
    number = _set_of(checks[-1])
    latest_set = [c for c in checks if _set_of(c) == number]
    credit = set_credit(latest_set, _reveals(record, checks), number)
    if credit <= 0:
        return True, 0.0
    return True, max(HINT_COST, credit - HINT_COST * _hints(record))


def _parts() -> dict[str, tuple[ExerciseSpec, dict[str, tuple[str, ...] | None]]]:
    """``{exercise id: (spec, point_items(spec))}`` of the course, made once per loaded course."""
    exercises = course().exercises
    if _PARTS.get("of") is not exercises:
        _PARTS.clear()
        _PARTS.update({"of": exercises, "by_id": {spec.id: (spec, point_items(spec)) for spec in exercises}})
    return _PARTS["by_id"]


_PARTS: dict[str, Any] = {}


def _part(point: str, exercise_id: str, known: dict | None = None) -> tuple[ExerciseSpec | None, tuple[str, ...] | None]:
    """The spec and the item ids by which ``exercise_id`` counts toward ``point`` (None, None: all of it)."""
    spec, parts = (_parts() if known is None else known).get(exercise_id, (None, {}))
    items = parts.get(point)
    return (spec, items) if items is not None else (None, None)


def point_mastery(point: str, exercise_ids: Iterable[str], records: dict[str, dict[str, Any]]) -> PointMastery:
    """The mastery of ``point`` from the records (``{exercise id: record}``) of its exercises (of their
    items that check ``point``, for an exercise whose items name their own points)."""
    ids = list(exercise_ids)
    known = _parts()
    credits = [exercise_credit(record, *_part(point, i, known)) if (record := records.get(i)) else (False, 0.0)
               for i in ids]
    started = sum(1 for s, _ in credits if s)
    score = round(sum(c for _, c in credits) / len(ids), 4) if ids else 0.0
    state = "not_started" if not started else "mastered" if score >= MASTERED else "in_progress"
    return PointMastery(point, state, score, started, len(ids))


def _reviews(ids: Iterable[str], records: dict[str, dict[str, Any]], point: str | None = None) -> list[tuple[dt.datetime, int]]:
    """``(time, rating)`` of every check and reveal of these exercises (of their part that checks ``point``),
    oldest first (1 Again, 2 Hard, 3 Good)."""
    found: list[tuple[dt.datetime, int]] = []
    for ident in ids:
        record = records.get(ident)
        if not record:
            continue
        hinted = _hints(record) > 0
        spec, items = _part(point, ident) if point is not None else (None, None)
        for check in _part_checks(record, spec, items) if spec is not None and items is not None else _checks(record):
            when = parse_time(check.get("checked_at"))
            if when is None or check.get("status") == "saved":
                continue
            good = check.get("status") in ("correct", "recorded")
            found.append((when, (2 if hinted else 3) if good else 1))
        revealed = parse_time(record.get("revealed_at"))
        if revealed is not None:
            found.append((revealed, 1))
    return sorted(found)


def review_due(card_id: int, reviews: list[tuple[dt.datetime, int]]) -> dt.datetime | None:
    """When the FSRS card of a point with these reviews is due next (None: no review yet)."""
    if not reviews:
        return None
    from fsrs import Card, Rating, Scheduler  # imported on use: the schedule is needed only for progress

    # no minute-long learning steps: a point comes back after days, as FSRS's intervals say
    scheduler = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    card = Card(card_id=card_id)
    for when, rating in reviews:
        card, _ = scheduler.review_card(card, Rating(rating), review_datetime=when)
    return card.due


def point_order() -> list[tuple[str, list[str]]]:
    """Every point that has exercises, in course order, with its exercise ids: what :func:`mastery` takes.

    An exercise whose items name their own points is listed under each of them (issue 24 item 6)."""
    by_point: dict[str, list[str]] = {}
    for spec in exercise_specs():
        for point in point_items(spec):
            by_point.setdefault(point, []).append(spec.id)
    return [(p.id, by_point[p.id]) for c in course().chapters for p in c.points if p.id in by_point]


def mastery(points: Iterable[tuple[str, Iterable[str]]], records: Iterable[dict[str, Any]],
            schedule: bool = True) -> list[PointMastery]:
    """Every point's mastery and review due time, in the order given: ``points`` are ``(point id, its
    exercise ids)``; ``records`` any answer records (the latest per exercise counts). ``schedule=False``
    leaves the review due time out (None): the gradebook's class view needs only the states."""
    by_exercise = latest(r for r in records if isinstance(r, dict) and isinstance(r.get("exercise"), str))
    result = []
    for number, (point, ids) in enumerate(points, start=1):
        ids = list(ids)
        found = point_mastery(point, ids, by_exercise)
        due = review_due(number, _reviews(ids, by_exercise, point)) if schedule else None
        result.append(PointMastery(found.point, found.state, found.score, found.started, found.total, due))
    return result


def practise_next(points: list[PointMastery], count: int = 3, today: str | None = None) -> list[PointMastery]:
    """The ``count`` points to practise today: started points due by ``today`` (default ``record.now()``),
    soonest first; then unstarted points in course order; then the next reviews by due time."""
    moment = parse_time(today or now())
    assert moment is not None
    due = sorted((p for p in points if p.due is not None and p.due <= moment), key=lambda p: p.due)
    new = [p for p in points if p.state == "not_started"]
    later = sorted((p for p in points if p.due is not None and p.due > moment), key=lambda p: p.due)
    chosen: list[PointMastery] = []
    for p in [*due, *new, *later]:
        if p not in chosen and len(chosen) < count:
            chosen.append(p)
    return chosen
