"""Checker for value exercises: a number, or a small table computed with pandas.

Numbers: right when ``|given - expected| <= tolerance`` (or ``tolerance * |expected|``
when the exercise is relative). Text such as "¥3,200" or "3200 元" is read as a number.
Tables: rows are matched by the index column when there is one, otherwise by position;
one point per row whose every cell is right (numbers within the tolerance, text folded).
pandas is imported only when a DataFrame or Series is given.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ckm_course.exercises.checks.messages import join, msg
from ckm_course.exercises.checks.normalize import short
from ckm_course.exercises.checks.result import Result, Verdict
from ckm_course.exercises.checks.shape import shaped
from ckm_course.i18n import fold
from ckm_course.content.model import ExerciseSpec, TableSpec, Text

_NUMBER_NOISE = re.compile(r"[\s,，_¥￥$€£%元]|rmb|cny|yuan", re.IGNORECASE)
MAX_ROWS = 10_000


def to_number(value: Any) -> float | None:
    """Read a number from a student's answer, or None. Never raises."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = _NUMBER_NOISE.sub("", fold(value[:100]))
        try:
            return float(text)
        except ValueError:
            return None
    try:
        return float(value)  # ints, floats, numpy scalars, Decimal, Fraction
    except Exception:  # any other object a student might pass
        return None


def _close(given: float, expected: float, tolerance: float, relative: bool) -> bool:
    allowed = tolerance * abs(expected) if relative else tolerance
    return abs(given - expected) <= allowed + 1e-12


def _fmt(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".") if math.isfinite(x) else str(x)


def read_number(value: Any, percent: bool) -> tuple[float | None, Text | None]:
    """The number a student meant, or None with the reason; "32%" counts only for share answers."""
    if isinstance(value, str) and ("%" in value or "％" in value):
        if not percent:
            return None, msg("plain_not_percent")
        number = to_number(value)
        return (number / 100 if number is not None else None), None
    return to_number(value), None


def _slip(spec: ExerciseSpec, given: float, expected: float) -> Text | None:
    """What a known wrong value says about the method (content slips, then percent/fraction)."""
    for slip in spec.slips:
        tolerance = slip.tolerance if slip.tolerance is not None else spec.tolerance
        if _close(given, slip.value, tolerance, spec.relative):
            return slip.feedback
    if expected and (_close(given / 100, expected, spec.tolerance, spec.relative)
                     or _close(given * 100, expected, spec.tolerance * 100, spec.relative)):
        return msg("percent_slip", form=msg("form_share") if spec.percent else msg("form_plain"))
    return None


def check_number(spec: ExerciseSpec, answer: Any, expected: float) -> Result:
    """Check a single number against ``expected``; a wrong value never shows ``expected``."""
    unit = spec.unit or Text("", "")
    unit = Text(f" {unit.zh}" if unit.zh else "", f" {unit.en}" if unit.en else "")
    label = spec.title
    given, problem = read_number(answer, spec.percent)
    if given is None:
        reason = problem or msg("value_not_number", given=short(answer))
        return Result(spec.id, spec.kind, "not_attempted", 0.0, 1.0, (), (reason,), short(answer, 200))
    if not math.isfinite(given):
        reason = msg("value_not_finite", given=short(answer))
        return Result(spec.id, spec.kind, "not_attempted", 0.0, 1.0, (), (reason,), short(answer, 200))
    if _close(given, expected, spec.tolerance, spec.relative):
        verdict = Verdict("value", label, "correct", 1.0, 1.0, msg("value_right", given=_fmt(given), unit=unit),
                          (_fmt(given),))
        messages = (spec.explanation,) if spec.explanation else ()
        return Result(spec.id, spec.kind, "correct", 1.0, 1.0, (verdict,), messages, given)
    tol = f"{spec.tolerance:g}" + ("×|x|" if spec.relative else "")
    why = _slip(spec, given, expected) or msg("value_why_generic")
    reason = msg("value_wrong", given=_fmt(given), unit=unit, tolerance=tol, why=why)
    return Result(spec.id, spec.kind, "incorrect", 0.0, 1.0,
                  (Verdict("value", label, "wrong", 0.0, 1.0, reason, (_fmt(given),)),), (), given)


def _rows_of(answer: Any, columns: Sequence[str]) -> list[dict[str, Any]] | None:
    """Student table -> list of {folded column: cell}; None when it is not table-like."""
    if type(answer).__module__.startswith("pandas"):
        try:
            frame = answer.to_frame() if hasattr(answer, "to_frame") else answer
            if frame.index.name is not None or len(frame.columns) < len(columns):
                frame = frame.reset_index()
            answer = frame.head(MAX_ROWS).to_dict(orient="records")
        except Exception:  # a pandas object that is not a table (a Timestamp, an Index of junk...)
            return None
    if isinstance(answer, Mapping):
        cols = {str(k): v for k, v in answer.items()}
        if not all(isinstance(v, (list, tuple)) for v in cols.values()):
            return None
        length = max((len(v) for v in cols.values()), default=0)
        return [{fold(c): (v[i] if i < len(v) else None) for c, v in cols.items()} for i in range(min(length, MAX_ROWS))]
    if isinstance(answer, (list, tuple)):
        rows = []
        for row in answer[:MAX_ROWS]:
            if isinstance(row, Mapping):
                rows.append({fold(str(k)): v for k, v in row.items()})
            elif isinstance(row, (list, tuple)):
                rows.append({fold(c): (row[i] if i < len(row) else None) for i, c in enumerate(columns)})
            else:
                return None
        return rows
    return None


def _cell_ok(given: Any, expected: float | str, spec: ExerciseSpec) -> bool:
    if isinstance(expected, str):
        return isinstance(given, (str, int, float)) and fold(str(given)) == fold(expected)
    number = to_number(given)
    return number is not None and math.isfinite(number) and _close(number, expected, spec.tolerance, spec.relative)


def check_table(spec: ExerciseSpec, answer: Any, table: TableSpec) -> Result:
    """Check a small table row by row against ``table``."""
    max_score = float(len(table.rows))
    rows = _rows_of(answer, table.columns)
    if rows is None:
        shape = Text("一个表格（DataFrame、列字典或行列表）", "a table (DataFrame, dict of columns or list of rows)")
        return Result(spec.id, spec.kind, "not_attempted", 0.0, max_score, (),
                      (msg("wrong_shape", shape=shape, got=short(answer)),))
    messages = []
    present = set().union(*(r.keys() for r in rows)) if rows else set()
    for column in table.columns:
        if fold(column) not in present:
            messages.append(msg("table_missing_column", column=column))
    if table.index is None and len(rows) != len(table.rows):
        messages.append(msg("table_shape", rows=len(table.rows), got=len(rows)))
    index_pos = table.columns.index(table.index) if table.index in table.columns else None
    verdicts = []
    for number, expected_row in enumerate(table.rows):
        label_value = expected_row[index_pos] if index_pos is not None else number + 1
        label = Text(str(label_value), str(label_value))
        if index_pos is not None:
            key = fold(str(expected_row[index_pos]))
            match = next((r for r in rows if fold(str(r.get(fold(table.index), ""))) == key), None)
        else:
            match = rows[number] if number < len(rows) else None
        if match is None:
            verdicts.append(Verdict(str(label_value), label, "missing", 0.0, 1.0, msg("table_row_missing")))
            continue
        wrong = [c for c, e in zip(table.columns, expected_row) if not _cell_ok(match.get(fold(c)), e, spec)]
        if wrong:
            cells = join([Text(f"{c}={short(match.get(fold(c)), 20)}", f"{c}={short(match.get(fold(c)), 20)}") for c in wrong])
            verdicts.append(Verdict(str(label_value), label, "wrong", 0.0, 1.0, msg("table_row_wrong", cells=cells)))
        else:
            verdicts.append(Verdict(str(label_value), label, "correct", 1.0, 1.0, msg("table_row_right")))
    score = sum(v.score for v in verdicts)
    status = "correct" if score == max_score and not messages else ("partial" if score > 0 else "incorrect")
    return Result(spec.id, spec.kind, status, score, max_score, tuple(verdicts), tuple(messages),
                  [{k: short(v, 60) for k, v in r.items()} for r in rows[:50]])


@shaped
def check_value(spec: ExerciseSpec, answer: Any) -> Result:
    """Check a value exercise (number or table). Never raises on any answer."""
    if spec.expected_table is not None:
        return check_table(spec, answer, spec.expected_table)
    return check_number(spec, answer, spec.expected if spec.expected is not None else math.nan)
