"""Every set a student tried, re-scored (issue 24, "Practise again": the gradebook reproduces both scores).

A bank exercise is practised in sets ("再练一组 New set"); its record is the latest check, so the
grade is the latest set's score (``sets.py``). The earlier sets live on in the record's history: each
check entry names its set and, since this issue, the set's item ids. :func:`set_scores` re-scores the
last check of every set in the history against that set's items, with the same checker and the same
rules as the grade (no student content runs), so an instructor sees every set's score, not only the
latest, in ``set_scores.csv``.

Which items a set had: the history entry's ``items`` when they are the ones the set's seed yields for
this student (else the row says why it cannot be trusted and is not scored); an entry without items
(made before they were noted) uses the items the set's seed yields. A history holds at most
``HISTORY_LIMIT`` checks, so a set tried long before may have dropped out of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ckm_course.content.model import ExerciseSpec
from ckm_course.exercises import variant as variants
from ckm_course.exercises.record import checks_of
from ckm_course.grading import sets
from ckm_course.grading.rescore import ANSWER_TEXT, MAX_ANSWER_CHARS, check_read

MAX_SETS = 50  # sets re-scored per record: a forged history of thousands of sets costs no more


@dataclass(frozen=True)
class SetScore:
    """The re-scored last check of one set of one record."""

    set: int
    attempt: int | None
    score: float | None  # None: not scored (see ``problem``)
    max_score: float
    status: str
    items: tuple[str, ...]
    problem: str = ""


def _number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= variants.MAX_SET else None


def _drawn(spec: ExerciseSpec, number: int, who: tuple[str | None, ...], salt: str | None) -> list[tuple[str, ...]]:
    """The item sets set ``number`` may honestly have been for these identities (the default set too, for set 1)."""
    seeds = dict.fromkeys(variants.seed_of(candidate, spec.id, number, salt) for candidate in (*who, None))
    return [variants.draw(spec, seed) for seed in seeds if seed is not None or number == 1]  # the student's first


def _items_of(spec: ExerciseSpec, entry: dict[str, Any], number: int, who: tuple[str | None, ...],
              salt: str | None) -> tuple[tuple[str, ...], str]:
    honest = _drawn(spec, number, who, salt)
    given = entry.get("items")
    if given is None:
        return (honest[0], "") if honest else ((), "no items and no seed for this set")
    if variants.from_record(spec, {"set": number, "seed": None, "items": given}) is None:
        return (), "the set's items are malformed or not of the bank"
    if tuple(given) not in honest:
        return (), "the set's items are not the ones its seed yields for this student"
    return tuple(given), ""


def set_scores(record: dict[str, Any], spec: ExerciseSpec, who: tuple[str | None, ...] = (None,),
               salt: str | None = None, cache: dict | None = None) -> list[SetScore]:
    """One :class:`SetScore` per set in ``record``'s history (oldest set first); empty without a bank."""
    if not variants.has_bank(spec):
        return []
    last: dict[int, dict[str, Any]] = {}
    for entry in checks_of(record):
        number = _number(entry.get("set"))
        if number is not None and (number in last or len(last) < MAX_SETS):
            last[number] = entry
    show = float(spec.show or len(spec.items))
    rows = []
    for number in sorted(last):
        entry = last[number]
        attempt = _number(entry.get("attempt"))
        items, problem = _items_of(spec, entry, number, who, salt)
        if problem:
            rows.append(SetScore(number, attempt, None, show, "not_scored", items, problem))
            continue
        answer = entry.get("answer")
        try:
            text = ANSWER_TEXT(answer)
            too_large = len(text) > MAX_ANSWER_CHARS
        except (TypeError, ValueError, RecursionError):
            text, too_large = "", True
        if too_large:
            rows.append(SetScore(number, attempt, None, show, "not_scored", items, "answer too large or malformed"))
            continue
        key = ("\0set score", spec.id, items, text)
        result = cache.get(key) if cache is not None else None
        if result is None:
            result = check_read(sets.on_set(spec, items, cache)[0], answer, text)  # score and status only
            if cache is not None:
                cache[key] = result
        scale = show / len(items)
        score = 0.0 if result.status in ("not_attempted", "recorded", "error") else float(result.score) * scale
        rows.append(SetScore(number, attempt, score, float(result.max_score) * scale, result.status, items))
    return rows


COLUMNS = ("student_id", "name", "exercise", "set", "attempt", "score", "max_score", "status", "counts", "problem")


def rows(book: Any) -> list[list[Any]]:
    """``set_scores.csv``'s header and rows: one per student x bank exercise x set tried; ``counts`` marks
    the set the grade is (the record's, the latest checked)."""
    lines: list[list[Any]] = [list(COLUMNS)]
    for student in book.students:
        for exercise, outcome in student.outcomes.items():
            for row in outcome.sets:
                lines.append([student.id, student.name, exercise, row.set, row.attempt, row.score, row.max_score,
                              row.status, "yes" if row.set == outcome.set_number else "", row.problem])
    return lines
