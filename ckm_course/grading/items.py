"""Item analysis: how the class did on every item of every auto-scored exercise.

For each exercise x item: the share of students right, partly right, wrong and not answering
(the facility is the share right), the item's discrimination (Pearson correlation of the item
score with the rest of the student's score), and the most chosen wrong label with its share.
Multiple-choice exercises are analysed per option: right means chosen when it belongs in the
answer, or left out when it does not.

A bank exercise (issue 24 item 2) has a row per bank item, over the students who were shown it
(their record's set): ``n`` is how many, facility and discrimination as above among them, and
``dubious`` is true when n >= :data:`DUBIOUS_N` and the discrimination is negative or the facility
is below :data:`TOO_HARD` or above :data:`TOO_EASY`: an item to look at before the next term.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Any

import pandas as pd

from ckm_course.exercises import variant as variants
from ckm_course.exercises.checks import check
from ckm_course.exercises.checks.key import key
from ckm_course.grading import sets
from ckm_course.i18n import render

CLASSIFYING = ("multi_label", "single_label", "matching")
COLUMNS = ["exercise", "kind", "item", "label", "n", "facility", "partial", "wrong", "not_answered", "mean_score",
           "discrimination", "top_wrong", "top_wrong_label", "top_wrong_share", "dubious"]
DUBIOUS_N, TOO_HARD, TOO_EASY = 20, 0.1, 0.95  # issue 24 item 2: when a bank item is worth retiring


@lru_cache(maxsize=None)
def universe(spec: Any) -> tuple[tuple[str, float], ...]:
    """``((item id, max score), ...)`` of an exercise: its options (multiple choice) or the items its key is marked on."""
    if spec.kind == "multiple_choice":
        return tuple((choice.id, 1.0) for choice in spec.choices)
    result = check(spec, key(spec))
    return tuple((v.item_id, float(v.max_score) or 1.0) for v in result.verdicts)


@lru_cache(maxsize=None)
def _keys(spec: Any) -> dict[str, frozenset[str]]:
    """``{item id: the labels its key holds}``, worked out once per exercise, not once per student."""
    return {item.id: frozenset(item.answer) for item in spec.items}


def label_of(spec: Any, item_id: str) -> str:
    for thing in (*spec.items, *spec.choices):
        if thing.id == item_id:
            return render(thing.label)
    return item_id


def marks(student: Any, spec: Any, items: tuple[tuple[str, float], ...] | None = None,
          keys: dict[str, frozenset[str]] | None = None) -> dict[str, tuple[str, float, list[str]]]:
    """``{item: (mark, value 0..1, wrong labels)}`` of one student on one exercise (mark "not_answered" too).

    ``items`` and ``keys``: :func:`universe` and :func:`_keys` of ``spec``, when the caller has them
    (hashing a spec for the cache costs more than the marks, issue 21 measure).
    """
    items = universe(spec) if items is None else items
    outcome = student.outcomes.get(spec.id)
    found: dict[str, tuple[str, float, list[str]]] = {}
    answered = outcome is not None and outcome.scored
    if spec.kind == "multiple_choice":
        answer = outcome.answer if answered else None
        chosen = set(map(str, answer)) if isinstance(answer, list) else {str(answer)} if answered else set()
        for option, _ in items:
            if not answered:
                found[option] = ("not_answered", 0.0, [])
                continue
            right = (option in chosen) == (option in spec.correct)
            found[option] = ("correct" if right else "wrong", 1.0 if right else 0.0,
                             [] if right else ["chosen" if option in chosen else "not chosen"])
        return found
    keys = _keys(spec) if keys is None else keys
    for item, top in items:
        mark = outcome.marks.get(item) if answered else None
        if mark is None:
            found[item] = ("not_answered", 0.0, [])
            continue
        name, score, given = mark
        if name == "correct":
            wrong: list[str] = []
        elif spec.kind in CLASSIFYING:
            wrong = [g for g in given if g not in keys.get(item, ())]
        elif spec.kind == "ordering":
            wrong = [f"position {g}" for g in given]
        else:
            wrong = ["+".join(given)] if given else []
        found[item] = (name, max(0.0, min(1.0, score / top)), wrong)
    return found


def _marks_of(students: list[Any], spec: Any, every: tuple[tuple[str, float], ...]) -> list[dict[str, Any]]:
    """:func:`marks` of each student on ``spec``, worked out once per distinct answer: students who gave the
    same answer share one re-score (its marks, or its answer for multiple choice: ``rescore``'s cache), so
    the same object means the same marks (issue 21 measure). The marks are shared: read only."""
    keys = _keys(spec)
    known: dict[int, dict[str, Any]] = {}
    found = []
    for student in students:
        outcome = student.outcomes.get(spec.id)
        if outcome is None or not outcome.scored:
            token = 0  # not answered: the same marks for everyone
        else:
            token = id(outcome.answer if spec.kind == "multiple_choice" else outcome.marks)
        if token not in known:
            known[token] = marks(student, spec, every, keys)
        found.append(known[token])
    return found


def analyse(students: list[Any], exercises: tuple[str, ...], specs: dict[str, Any]) -> pd.DataFrame:
    """The item table (one row per exercise x item); empty with :data:`COLUMNS` when nobody handed in."""
    rows = []
    totals = []
    for student in students:
        totals.append(sum(o.score for e, o in student.outcomes.items() if e in exercises and o.scored))
    for exercise_id in exercises:
        spec = specs[exercise_id.casefold()]
        if spec.questions:  # a question bank (issue 24): one row per question, over the students shown it
            every = sets.question_universe(spec)
            per_student = [sets.question_marks(student, spec) for student in students]
        else:
            every = universe(spec)
            per_student = _marks_of(students, spec, every)
        exercise_scores = [(s.outcomes[spec.id].score if spec.id in s.outcomes and s.outcomes[spec.id].scored
                            else 0.0) for s in students]
        shown = _shown(students, spec) if variants.has_bank(spec) else None
        for item, top in every:
            who = range(len(students)) if shown is None else [k for k, items in enumerate(shown) if item in items]
            seen = [per_student[k][item] for k in who]
            n = len(seen)
            count = Counter(mark for mark, _, _ in seen)
            values = [value for _, value, _ in seen]
            own = [exercise_scores[k] for k in who] if spec.kind == "multiple_choice" else [v * top for v in values]
            rest = [totals[k] - mine for k, mine in zip(who, own)]
            facility, discrimination = _share(count["correct"], n), _correlation(values, rest)
            wrong = Counter(label for _, _, labels in seen for label in labels)
            top_wrong, top_count = wrong.most_common(1)[0] if wrong else ("", 0)
            rows.append({
                "exercise": spec.id, "kind": spec.kind, "item": item, "label": label_of(spec, item), "n": n,
                "facility": facility, "partial": _share(count["partial"], n),
                "wrong": _share(count["wrong"], n), "not_answered": _share(count["not_answered"], n),
                "mean_score": round(sum(values) / n, 4) if n else None,
                "discrimination": discrimination,
                "top_wrong": top_wrong,
                "top_wrong_label": label_of(spec, top_wrong) if top_wrong and spec.kind in CLASSIFYING else top_wrong,
                "top_wrong_share": _share(top_count, n) if top_wrong else None,
                "dubious": shown is not None and dubious(n, facility, discrimination),
            })
    return pd.DataFrame(rows, columns=COLUMNS)


def _shown(students: list[Any], spec: Any) -> list[frozenset[str]]:
    """Per student, the items of ``spec``'s bank their record's set showed them (none without a record)."""
    found = []
    for student in students:
        outcome = student.outcomes.get(spec.id)
        found.append(frozenset(outcome.items or ()) if outcome is not None and outcome.scored else frozenset())
    return found


def dubious(n: int, facility: float | None, discrimination: float | None) -> bool:
    """Issue 24 item 2: a bank item worth retiring: negative discrimination, or nearly all wrong or all right,
    seen by enough students (``n >= DUBIOUS_N``) to tell."""
    if n < DUBIOUS_N or facility is None:
        return False
    return (discrimination is not None and discrimination < 0) or facility < TOO_HARD or facility > TOO_EASY


def _share(count: int, n: int) -> float | None:
    return round(count / n, 4) if n else None


def _correlation(x: list[float], y: list[float]) -> float | None:
    """Pearson's r, or None when either side does not vary (or fewer than 3 students)."""
    n = len(x)
    if n < 3:
        return None
    mx, my = sum(x) / n, sum(y) / n
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx < 1e-12 or syy < 1e-12:
        return None
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    return round(sxy / (sxx * syy) ** 0.5, 4)


def misconceptions(book: Any, exercise_id: str) -> pd.DataFrame:
    """Items x categories of a classification exercise: the share of students who filed each item there
    (of the students shown the item, for a bank exercise; of every student who handed in, otherwise).

    Rows are item labels, columns category labels; ``attrs["key"]`` lists the (row, column) cells of the key.
    """
    spec = book.specs[exercise_id.casefold()]
    students = [s for s in book.students if s.submitted]
    items = [item for item in spec.items]
    columns = {choice.id: k for k, choice in enumerate(spec.choices)}
    counts = [[0] * len(spec.choices) for _ in items]  # counted in lists, one frame at the end (issue 21 measure)
    # a bank exercise's item was shown to some students only (issue 24): its shares are of those students
    banked = variants.has_bank(spec)
    shown = [0 if banked else len(students)] * len(items)
    rows_of = {item.id: row for row, item in enumerate(items)}
    for student in students:
        outcome = student.outcomes.get(spec.id)
        if banked and outcome is not None:
            for item_id in outcome.items or ():
                if item_id in rows_of:
                    shown[rows_of[item_id]] += 1
        if outcome is None or not outcome.scored:
            continue
        for row, item in enumerate(items):
            mark = outcome.marks.get(item.id)
            for given in mark[2] if mark else ():
                column = columns.get(given)
                if column is not None:
                    counts[row][column] += 1
    table = pd.DataFrame([[count / (shown[r] or 1) for count in row] for r, row in enumerate(counts)], dtype=float,
                         index=[render(i.label) for i in items], columns=[render(c.label) for c in spec.choices])
    table.attrs["key"] = [(render(i.label), render(c.label)) for i in items for c in spec.choices if c.id in i.answer]
    return table.round(4)
