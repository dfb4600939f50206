"""Turn graded students into the :class:`~ckm_course.grading.gradebook.Gradebook` frames."""

from __future__ import annotations

import datetime as _dt
import functools
import json
import math
from typing import Any

import pandas as pd

from ckm_course.exercises.checks import max_score_of
from ckm_course.exercises.reader import Problem
from ckm_course.exercises.record import json_safe
from ckm_course.grading import items as items_mod, manual as manual_mod, sets
from ckm_course.grading.book import Gradebook
from ckm_course.parallel import CLASS_FROM, Pending


def flags_text(flags: Any) -> str:
    return ";".join(sorted(set(flags)))


def build(students: list, problems: list[Problem], auto: tuple[str, ...], manual: tuple[str, ...],
          specs: dict[str, Any], due: _dt.datetime | None, open_points: float):
    max_total = sum(_max(specs[e.casefold()]) for e in auto)
    submitted = [s for s in students if s.submitted]
    # the item analysis on the other core while this one makes the other tables (issue 21 measure)
    item_analysis = Pending(functools.partial(items_mod.analyse, submitted, auto, specs),
                            fork=None if len(submitted) >= CLASS_FROM else False)
    rows: list[dict[str, Any]] = []
    outcome_rows: list[list[Any]] = []
    answers = _Answers()
    for student in students:
        row: dict[str, Any] = {"student_id": student.id, "name": student.name, "email": student.email,
                               "files": ";".join(student.files)}
        total = 0.0
        for exercise_id in auto:
            outcome = student.outcomes.get(exercise_id)
            score = outcome.score if outcome is not None and outcome.scored else 0.0
            row[exercise_id] = round(score, 4) if student.submitted else None
            total += score
        counted = [student.outcomes[e] for e in (*auto, *manual) if e in student.outcomes]
        row.update({
            "total": round(total, 4) if student.submitted else None,
            "max_total": max_total,
            "percent": round(100 * total / max_total, 2) if student.submitted and max_total else None,
            "attempts": sum(o.attempts or 0 for o in counted),
            "hints_seen": sum(o.hints_seen for o in counted),
            "revealed": sum(1 for o in counted if o.revealed),
            "late": sum(1 for o in counted if o.late),
            "flags": flags_text(student.flags),
        })
        rows.append(row)
        for exercise_id, outcome in student.outcomes.items():
            outcome_rows.append([  # lists, not a dict a row: the frame is built once from them (issue 21 measure)
                student.id, student.name, exercise_id, outcome.kind, exercise_id in auto, outcome.status,
                round(outcome.score, 4), outcome.max_score, _stored(outcome.stored_score), outcome.attempts,
                outcome.hints_seen, outcome.revealed, outcome.checked_at, outcome.late, flags_text(outcome.flags),
                "; ".join(outcome.notes), outcome.file, outcome.cell, answers.text(outcome.answer)])
    grades = pd.DataFrame(rows, columns=["student_id", "name", "email", "files", *auto, "total", "max_total",
                                         "percent", "attempts", "hints_seen", "revealed", "late", "flags"])
    outcomes = pd.DataFrame(outcome_rows, columns=[
        "student_id", "name", "exercise", "kind", "counted", "status", "score", "max_score", "stored_score",
        "attempts", "hints_seen", "revealed", "checked_at", "late", "flags", "notes", "file", "cell", "answer"])
    problem_frame = pd.DataFrame([{"file": p.file, "severity": p.severity, "reason": p.reason} for p in problems],
                                 columns=["file", "severity", "reason"])
    manual_frame = manual_mod.sheet(submitted, manual, specs, open_points)
    item_frame = item_analysis.result()
    return Gradebook(grades=grades, outcomes=outcomes, items=item_frame,  # responses: made on first use (book.py)
                     problems=problem_frame, manual=manual_frame, exercises=auto, open_exercises=manual,
                     due=due.isoformat() if due else None, students=students, specs=specs)


class _Answers:
    """The ``answer`` column's text of each answer (an outcome's answer, already strict JSON: rescore made it
    with ``json_safe``); students who gave the same answer share one object (the re-score cache), so each
    distinct answer is turned into text once."""

    def __init__(self) -> None:
        self.seen: dict[int, tuple[Any, str]] = {}

    def text(self, answer: Any) -> str:
        if answer is None:
            return ""
        known = self.seen.get(id(answer))
        if known is None or known[0] is not answer:
            # an outcome's answer is already json_safe's (rescore), and json_safe of that is itself
            known = (answer, json.dumps(answer, ensure_ascii=False, allow_nan=False)[:2000])
            self.seen[id(answer)] = known
        return known[1]


def _max(spec: Any) -> float:
    """An exercise's points in the total; a bank exercise counts one set (``show`` items, issue 24)."""
    return sets.points(spec) or max_score_of(spec)


def _stored(value: Any) -> str:
    """The stored score as text, whatever it was (a forged 1e308, "NaN", a list): never a number column."""
    if type(value) is float and math.isfinite(value):  # the usual score: json.dumps' own text, without its call
        return float.__repr__(value)[:60]
    return json.dumps(json_safe(value), ensure_ascii=False, allow_nan=False)[:60] if value is not None else ""
