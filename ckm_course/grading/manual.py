"""Open questions are never auto-scored: ``manual.csv`` lists each answer with its rubric; filled in, it merges back.

The instructor fills ``points`` (0..max_points, blank = not marked yet) and optionally
``comment``; ``ckm-course grade ... --manual manual.csv`` (or :func:`merge`) adds one column per
open question to ``grades.csv`` and counts it in the total.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any

import pandas as pd

from ckm_course.grading.reader import Problem, ReadError, read_bytes

COLUMNS = ["student_id", "name", "file", "exercise", "max_points", "points", "comment", "answer", "rubric"]


def rubric(spec: Any) -> str:
    """The exercise's checklist, numbered, Chinese and English."""
    return "\n".join(f"{n}. {point.zh} / {point.en}" for n, point in enumerate(spec.checklist, start=1))


def sheet(students: list[Any], open_ids: tuple[str, ...], specs: dict[str, Any], open_points: float) -> pd.DataFrame:
    """One row per student x answered open question, ``points`` left blank for the instructor."""
    rows = []
    for exercise_id in open_ids:
        spec = specs[exercise_id.casefold()]
        for student in students:
            outcome = student.outcomes.get(spec.id)
            if outcome is None or not outcome.scored or not isinstance(outcome.answer, str):
                continue
            rows.append({"student_id": student.id, "name": student.name, "file": outcome.file,
                         "exercise": spec.id, "max_points": float(open_points), "points": None, "comment": "",
                         "answer": outcome.answer, "rubric": rubric(spec)})
    return pd.DataFrame(rows, columns=COLUMNS)


def _points(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def merge(book: Any, path: Path | str) -> tuple[pd.DataFrame, list[Problem]]:
    """``grades`` with one column per open question from a filled ``manual.csv``, totals and percent redone."""
    problems: list[Problem] = []
    try:
        text = read_bytes(path, 20_000_000).decode("utf-8-sig")
    except (ReadError, UnicodeDecodeError) as exc:
        raise ValueError(f"manual sheet {path}: {exc}") from None
    grades = book.grades.copy()
    known = {str(i): n for n, i in enumerate(grades["student_id"])}
    open_ids = {e.casefold(): e for e in book.open_exercises}
    awarded: dict[tuple[str, str], float] = {}
    maxima: dict[str, float] = {}
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        where = f"{Path(path).name} line {line}"
        student, exercise = (row.get("student_id") or "").strip(), (row.get("exercise") or "").strip()
        raw = (row.get("points") or "").strip()
        top = _points((row.get("max_points") or "").strip())
        if exercise.casefold() not in open_ids:
            problems.append(Problem(where, "warning", f"{exercise[:60]!r} is not an open question of this gradebook"))
            continue
        exercise = open_ids[exercise.casefold()]
        if student not in known:
            problems.append(Problem(where, "warning", f"student {student[:60]!r} is not in the gradebook"))
            continue
        if top is None or top <= 0:
            problems.append(Problem(where, "warning", "max_points is not a positive number"))
            continue
        maxima[exercise] = max(maxima.get(exercise, 0.0), top)
        if not raw:
            problems.append(Problem(where, "warning", f"{exercise} of {student} is not marked yet (0 for now)"))
            continue
        points = _points(raw)
        if points is None or not 0 <= points <= top:
            problems.append(Problem(where, "warning", f"points {raw[:20]!r} is not a number from 0 to {top:g}"))
            continue
        awarded[(student, exercise)] = points
    for exercise in book.open_exercises:
        if exercise not in maxima:
            continue
        column = [awarded.get((str(s), exercise), 0.0) if submitted else None
                  for s, submitted in zip(grades["student_id"], grades["total"].notna())]
        position = grades.columns.get_loc("total")
        grades.insert(position, exercise, column)
        grades["total"] = grades["total"] + grades[exercise].fillna(0.0)
        grades["max_total"] = grades["max_total"] + maxima[exercise]
    grades["percent"] = (100 * grades["total"] / grades["max_total"]).round(2)
    grades["total"] = grades["total"].round(4)
    return grades, problems
