"""Write a gradebook to a folder: CSVs, LMS imports, strict JSON and the HTML report, each atomically.

CSV cells a student wrote that start like a spreadsheet formula (``=``, ``+``, ``-``, ``@``) get
a leading ``'`` so that opening ``grades.csv`` in a spreadsheet never runs them.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from ckm_course.files import write_text_atomic
from ckm_course.grading import lms
from ckm_course.grading.report import html_report

FILES = ("grades.csv", "outcomes.csv", "items.csv", "manual.csv", "problems.csv", "moodle.csv", "canvas.csv",
         "gradebook.json", "report.html")


class UsageError(ValueError):
    """A command line the gradebook refuses (exit status 2)."""


def check_destination(out: Path | str, inputs: list[Path | str], is_dir: bool = True) -> Path:
    """Refuse an output that is one of the inputs, inside an input file, or a notebook name."""
    out = Path(out)
    if out.suffix.lower() == ".ipynb":
        raise UsageError(f"refusing to write to {out}: the output ends in .ipynb (a student's notebook?)")
    target = out.resolve()
    for given in inputs:
        source = Path(given).resolve()
        if target == source:
            raise UsageError(f"refusing to write to {out}: it is one of the inputs")
        if not is_dir and source.is_dir() and source in target.parents and target.suffix.lower() == ".ipynb":
            raise UsageError(f"refusing to write to {out}: it is inside an input folder")
    if is_dir and out.exists() and not out.is_dir():
        raise UsageError(f"refusing to write to {out}: it exists and is not a folder")
    return out


def cell(value: Any) -> str:
    """One CSV cell: numbers compact, missing values empty, formula-like text defused."""
    if value is None or isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"{float(value):.10g}" if isinstance(value, float) else str(value)
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue()


def frame_rows(frame: pd.DataFrame) -> list[list[Any]]:
    return [list(frame.columns), *[list(row) for row in frame.itertuples(index=False, name=None)]]


def plain(value: Any) -> Any:
    """A strict-JSON value of a frame cell (NaN and infinities become null)."""
    if value is None or isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return plain(value.item())
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): plain(v) for k, v in zip(frame.columns, row)} for row in frame.itertuples(index=False, name=None)]


def write(book: Any, out: Path | str, grades: pd.DataFrame | None = None, assignment: str | None = None,
          report: bool = True) -> list[Path]:
    """Write every output of ``book`` into ``out`` (created); ``grades``: merged grades (manual points) if any."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    grades = book.grades if grades is None else grades
    name = assignment or lms.ASSIGNMENT
    texts = {
        "grades.csv": csv_text(frame_rows(grades)),
        "outcomes.csv": csv_text(frame_rows(book.outcomes)),
        "items.csv": csv_text(frame_rows(book.items)),
        "manual.csv": csv_text(frame_rows(book.manual)),
        "problems.csv": csv_text(frame_rows(book.problems)),
        "moodle.csv": csv_text(lms.moodle(grades, name)),
        "canvas.csv": csv_text(lms.canvas(grades, name)),
        "gradebook.json": json.dumps({
            "schema": 1, "due": book.due, "exercises": list(book.exercises),
            "open_exercises": list(book.open_exercises), "grades": records(grades),
            "outcomes": records(book.outcomes), "items": records(book.items), "problems": records(book.problems),
        }, ensure_ascii=False, indent=1, allow_nan=False) + "\n",
    }
    if report:
        texts["report.html"] = html_report(book, grades)
    written = []
    for file_name, text in texts.items():
        write_text_atomic(out / file_name, text)
        written.append(out / file_name)
    return written
