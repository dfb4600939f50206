"""Open questions are never auto-scored: ``manual.csv`` lists each answer with its rubric; filled in, it merges back.

An open question with a rubric (``content/rubrics/``, issue 12) gets one row per rubric
criterion, with its levels and points in ``levels``; one without gets one row with its
checklist. The written parts of a plan form (the capstone's reasons, deliverables, KPIs and
audit records) come as exercise ``<id>#text``, one row per criterion of their rubric. The
instructor fills ``points`` (0..max_points, or a level id such as ``full``; blank = not
marked yet) and optionally ``comment``; ``ckm-course grade ... --manual manual.csv`` (or
:func:`merge`) adds one column per open question (criteria summed) to ``grades.csv`` and
counts it in the total.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any

import pandas as pd

from ckm_course.content.catalog import catalog
from ckm_course.exercises.reader import Problem, ReadError, read_bytes

COLUMNS = ["student_id", "name", "file", "exercise", "criterion", "max_points", "points", "comment", "answer", "levels",
           "rubric"]
TEXT_SUFFIX = "#text"


def rubric(spec: Any) -> str:
    """The exercise's checklist, numbered, Chinese and English."""
    return "\n".join(f"{n}. {point.zh} / {point.en}" for n, point in enumerate(spec.checklist, start=1))


def sheet(students: list[Any], open_ids: tuple[str, ...], specs: dict[str, Any], open_points: float) -> pd.DataFrame:
    """One row per student x answered open question (x rubric criterion), ``points`` left blank for the instructor."""
    rows = []
    base = {"points": None, "comment": ""}
    for exercise_id in open_ids:
        spec = specs[exercise_id.casefold()]
        marking = next((r for r in catalog().rubrics if spec.id in r.exercises), None)
        for student in students:
            outcome = student.outcomes.get(spec.id)
            if outcome is None or not outcome.scored or not isinstance(outcome.answer, str):
                continue
            who = {"student_id": student.id, "name": student.name, "file": outcome.file, "exercise": spec.id,
                   "answer": outcome.answer, **base}
            if marking is None:
                rows.append({**who, "criterion": "", "max_points": float(open_points), "levels": "",
                             "rubric": rubric(spec)})
            else:
                rows += _criterion_rows(who, [marking])
    for student in students:
        for exercise_id, outcome in student.outcomes.items():
            if outcome.kind == "plan" and outcome.scored and isinstance(outcome.answer, dict):
                texts, used = plan_texts(specs[exercise_id.casefold()], outcome.answer)
                if texts:
                    who = {"student_id": student.id, "name": student.name, "file": outcome.file,
                           "exercise": exercise_id + TEXT_SUFFIX, "answer": texts, **base}
                    rows += _criterion_rows(who, used)
    return pd.DataFrame(rows, columns=COLUMNS)


def _criterion_rows(who: dict[str, Any], marking: list[Any]) -> list[dict[str, Any]]:
    out = []
    for rubric_ in marking:
        for criterion in rubric_.criteria:
            levels = "; ".join(f"{lv.id}={lv.points:g} {lv.label.zh}/{lv.label.en}" for lv in criterion.levels)
            out.append({**who, "criterion": f"{rubric_.id}/{criterion.id}", "max_points": criterion.max_points,
                        "levels": levels, "rubric": rubric_.text()})
    return out


def plan_texts(spec: Any, answer: dict[str, Any]) -> tuple[str, list[Any]]:
    """The written fields of a plan-form answer, one ``row · field: text`` line each, and their rubrics."""
    plan = catalog().plans.find(spec.id)
    find = catalog().rubrics.find
    marked = [f for f in plan.fields if f.type == "text" and f.rubric]
    lines = []
    for row in plan.rows:
        cells = answer.get(row.id)
        for field in marked:
            text = cells.get(field.id) if isinstance(cells, dict) else None
            if isinstance(text, str) and text.strip():
                lines.append(f"{row.label.zh} / {row.label.en} · {field.label.en}: {text.strip()}")
    used = list(dict.fromkeys(f.rubric for f in marked))
    return "\n".join(lines), [find(r) for r in used]


def _points(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def merge(book: Any, path: Path | str) -> tuple[pd.DataFrame, list[Problem]]:
    """``grades`` with one column per open question from a filled ``manual.csv``, totals and percent redone.

    Criteria rows of one student and question are summed; a criterion's ``points`` may be a number
    or one of its level ids (``full``).
    """
    problems: list[Problem] = []
    try:
        text = read_bytes(path, 20_000_000).decode("utf-8-sig")
    except (ReadError, UnicodeDecodeError) as exc:
        raise ValueError(f"manual sheet {path}: {exc}") from None
    grades = book.grades.copy()
    known = {str(i): n for n, i in enumerate(grades["student_id"])}
    marked = list(book.open_exercises) + sorted({str(e) for e in book.manual.get("exercise", []) if
                                                 str(e).endswith(TEXT_SUFFIX)})
    open_ids = {e.casefold(): e for e in marked}
    awarded: dict[tuple[str, str], float] = {}
    maxima: dict[str, dict[str, float]] = {}
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        where = f"{Path(path).name} line {line}"
        student, exercise = (row.get("student_id") or "").strip(), (row.get("exercise") or "").strip()
        criterion = (row.get("criterion") or "").strip()
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
        per = maxima.setdefault(exercise, {})
        per[criterion] = max(per.get(criterion, 0.0), top)
        if not raw:
            problems.append(Problem(where, "warning", f"{exercise} {criterion} of {student} is not marked yet (0 for now)"))
            continue
        points = _points(raw)
        if points is None:
            points = _level_points(criterion, raw)
        if points is None or not 0 <= points <= top:
            problems.append(Problem(where, "warning", f"points {raw[:20]!r} is not a number from 0 to {top:g}"))
            continue
        awarded[(student, exercise)] = awarded.get((student, exercise), 0.0) + points
    for exercise in marked:
        if exercise not in maxima:
            continue
        column = [awarded.get((str(s), exercise), 0.0) if submitted else None
                  for s, submitted in zip(grades["student_id"], grades["total"].notna())]
        position = grades.columns.get_loc("total")
        grades.insert(position, exercise, column)
        grades["total"] = grades["total"] + grades[exercise].fillna(0.0)
        grades["max_total"] = grades["max_total"] + sum(maxima[exercise].values())
    grades["percent"] = (100 * grades["total"] / grades["max_total"]).round(2)
    grades["total"] = grades["total"].round(4)
    return grades, problems


def _level_points(criterion: str, value: str) -> float | None:
    """The points of a level named by id or label in criterion ``rubric/criterion``, else None."""
    rubric_id, _, criterion_id = criterion.partition("/")
    for found in catalog().rubrics:
        if found.id == rubric_id:
            for item in found.criteria:
                if item.id == criterion_id:
                    level = item.level(value)
                    return level.points if level else None
    return None
