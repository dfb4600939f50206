"""Per C-point mastery and the spaced review of points, from a student's own answer records (issue 24,
"Mastery and what to practise next").

The rule (README "Mastery"): every exercise of a point earns a credit from its record (schema 2),

* no check yet: not started, credit 0;
* its answer was revealed (Show answer / ``solution()``) before its first correct check: credit 0
  — a reveal never counts as mastery, whatever the checks after it say;
* its first check (attempt 1 in the history) was correct: credit 1; an open question whose first
  answer was recorded (not scored) counts the same;
* correct only at a later check: credit 0.5; never correct (or only ``saved`` in assessment mode,
  which carries no verdict yet): credit 0;
* every hint tier seen takes 0.25 off a credit above 0 (never below 0.25).

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


def _reveal_after(record: dict[str, Any]) -> float | None:
    """After which attempt the answer was revealed (0: before any check); None: never revealed.

    The history's reveal event says it; a reveal with no event (or no ``after_attempt``) is taken as
    before every check, the strict reading."""
    events = reveals_of(record)
    if events:
        after = events[0].get("after_attempt")
        return float(after) if isinstance(after, int) and not isinstance(after, bool) else 0.0
    return 0.0 if record.get("revealed") or record.get("revealed_at") else None


def _hints(record: dict[str, Any]) -> int:
    hints = record.get("hints_seen")
    return len({h for h in hints if isinstance(h, int)}) if isinstance(hints, list) else 0


def exercise_credit(record: dict[str, Any] | None) -> tuple[bool, float]:
    """``(started, credit)`` of one exercise's record by the rule of this module's docstring."""
    checks = _checks(record) if record else []
    if not checks or record is None:
        return False, 0.0
    revealed = _reveal_after(record)
    good = [c for c in checks if c.get("status") in ("correct", "recorded")]
    first_good = good[0] if good else None
    if first_good is None:
        return True, 0.0
    attempt = first_good.get("attempt") if isinstance(first_good.get("attempt"), int) else 0
    if revealed is not None and revealed < attempt:
        return True, 0.0
    credit = 1.0 if attempt == 1 else 0.5
    return True, max(HINT_COST, credit - HINT_COST * _hints(record))


def point_mastery(point: str, exercise_ids: Iterable[str], records: dict[str, dict[str, Any]]) -> PointMastery:
    """The mastery of ``point`` from the records (``{exercise id: record}``) of its exercises."""
    ids = list(exercise_ids)
    credits = [exercise_credit(records.get(i)) for i in ids]
    started = sum(1 for s, _ in credits if s)
    score = round(sum(c for _, c in credits) / len(ids), 4) if ids else 0.0
    state = "not_started" if not started else "mastered" if score >= MASTERED else "in_progress"
    return PointMastery(point, state, score, started, len(ids))


def _reviews(ids: Iterable[str], records: dict[str, dict[str, Any]]) -> list[tuple[dt.datetime, int]]:
    """``(time, rating)`` of every check and reveal of these exercises, oldest first (1 Again, 2 Hard, 3 Good)."""
    found: list[tuple[dt.datetime, int]] = []
    for ident in ids:
        record = records.get(ident)
        if not record:
            continue
        hinted = _hints(record) > 0
        for check in _checks(record):
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


def mastery(points: Iterable[tuple[str, Iterable[str]]], records: Iterable[dict[str, Any]]) -> list[PointMastery]:
    """Every point's mastery and review due time, in the order given: ``points`` are ``(point id, its
    exercise ids)``; ``records`` any answer records (the latest per exercise counts)."""
    by_exercise = latest(r for r in records if isinstance(r, dict) and isinstance(r.get("exercise"), str))
    result = []
    for number, (point, ids) in enumerate(points, start=1):
        ids = list(ids)
        found = point_mastery(point, ids, by_exercise)
        due = review_due(number, _reviews(ids, by_exercise))
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
