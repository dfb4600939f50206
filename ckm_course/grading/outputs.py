"""Write a gradebook to a folder: CSVs, LMS imports, strict JSON and the HTML report, all together.

Issue 21, items 1 and 7. Every output of a run goes through one writer,
:func:`ckm_course.files.write_together`: text cannot make it fail (a lone surrogate or a file name
that is not UTF-8 is written as a ``\\uXXXX`` escape), and the files are moved into place
together, so a run that fails leaves the last run's outputs as they were.

CSVs quote every field. A field a spreadsheet could run as a formula gets a ``'``: one that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, and any place after a ``,``, ``;`` or line
break where one starts (Excel in most European settings splits a CSV on ``;``, so ``Ann;=cmd``
would otherwise open as a second cell ``=cmd``). ``excel=True`` (``grade --excel``) starts every
CSV with a UTF-8 byte-order mark so Excel on Chinese (or any) Windows reads the names as UTF-8;
it is not the default because plain-UTF-8 readers (Python's ``csv`` with ``utf-8``, ``cut``,
``grep ^``) then see the mark as part of the first header. Moodle and Canvas accept both.
Students not on the roster are left out of ``moodle.csv`` and ``canvas.csv`` (the LMS would
reject the whole import) and named in ``problems.csv`` instead.
"""

from __future__ import annotations

import csv
import io
import itertools
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from ckm_course.collector import collector_paused
from ckm_course.files import write_together
from ckm_course.grading import jsontext, lms, mastery_view, set_scores
from ckm_course.grading.destination import UsageError, check_destination
from ckm_course.grading.jsontext import Table
from ckm_course.grading.report import html_report
from ckm_course.parallel import CLASS_FROM

__all__ = ["FILES", "UsageError", "cell", "check_destination", "csv_text", "unlisted", "write"]

FILES = ("grades.csv", "outcomes.csv", "items.csv", "manual.csv", "problems.csv", "moodle.csv", "canvas.csv",
         "mastery.csv", "set_scores.csv", "gradebook.json", "report.html")
BOM = "\ufeff"
# A field start (the cell's, or one after a separator Excel may split on) followed, after blanks or
# quotes, by a character that starts a formula: a "'" goes at that field start.
FORMULA = re.compile(r"(^|[,;\n\r])(?=[ \"]*[=+\-@\t\r])")
RISKY_FIRST = frozenset("=+-@\t\r \"")  # a cell starting so is checked with FORMULA, as is one where
RISKY_AFTER = re.compile(r"[,;\n\r][ \"]*[=+\-@\t\r]")  # a formula starts after a separator (fast scan)
# A column's cells joined by NULs: a match means some cell may need defusing (a NUL inside a cell can
# only add matches, and no match spans two cells, since the separator is in none of the classes).
RISKY_COLUMN = re.compile(r"(?:^|\0)[=+\-@\t\r \"]|[,;\n\r][ \"]*[=+\-@\t\r]")
INFINITE = (math.inf, -math.inf)


def cell(value: Any) -> str:
    """One CSV cell: numbers compact, missing values empty, formula-like text defused."""
    kind = type(value)
    if kind is str:  # the common cases first (issue 21 measure): the same text as the general path below
        return defuse(value)
    if kind is float:
        return f"{value:.10g}" if math.isfinite(value) else ""
    if value is None or isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return defuse(value)
    if isinstance(value, (int, float)):
        return f"{float(value):.10g}" if isinstance(value, float) else str(value)
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return defuse(str(value))


def defuse(text: str) -> str:
    """``text`` with a ``'`` at each field start where a spreadsheet would begin a formula (issue 21, item 7)."""
    if text and (text[0] in RISKY_FIRST or RISKY_AFTER.search(text)):
        return FORMULA.sub("\\1'", text)
    return text


def csv_text(rows: list[list[Any]], excel: bool = False) -> str:
    """The CSV of ``rows``: every field quoted and defused (:func:`cell`); a BOM first when ``excel``."""
    return _csv(([cell(v) for v in row] for row in rows), excel)


def _csv(rows: Any, excel: bool) -> str:
    """The CSV of rows of cells already made by :func:`cell`."""
    buffer = io.StringIO()
    buffer.write(BOM if excel else "")
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerows(rows)
    return buffer.getvalue()


def columns(frame: pd.DataFrame) -> list[list[Any]]:
    """The frame's columns as lists of Python values (what ``itertuples`` gives, without a tuple per row)."""
    return [frame.iloc[:, k].tolist() for k in range(frame.shape[1])]


def frame_csv(frame: pd.DataFrame, excel: bool = False) -> str:
    """:func:`csv_text` of the frame's header and rows, converted a column at a time (issue 21 measure)."""
    header = [cell(name) for name in frame.columns]
    return _csv([header, *zip(*[cells(column) for column in columns(frame)])], excel)


def frame_csv_chunks(frame: pd.DataFrame, excel: bool = False, rows: int = 2_000) -> Iterator[bytes]:
    """:func:`frame_csv` encoded as the writer encodes it, ``rows`` rows at a time: joined, the same bytes,
    and the whole CSV is never held as text (outcomes.csv of 2,000 students: 6 MB; issue 21 measure)."""
    header = [cell(name) for name in frame.columns]
    body = list(zip(*[cells(column) for column in columns(frame)])) if frame.shape[1] else []
    yield encode(_csv([header, *body[:rows]], excel))
    for start in range(rows, len(body), rows):
        yield encode(_csv(body[start:start + rows], False))


def cells(column: list[Any]) -> list[Any]:
    """:func:`cell` of every value of a column, a whole column at a time where its values are all of one type."""
    kinds = set(map(type, column))
    if kinds == {str}:
        return column if not RISKY_COLUMN.search("\0".join(column)) else [defuse(v) for v in column]
    if kinds == {float}:
        return ["" if v != v or v in INFINITE else format(v, ".10g") for v in column]
    if kinds == {int}:
        return list(map(str, column))
    return [cell(v) for v in column]


def frame_rows(frame: pd.DataFrame) -> list[list[Any]]:
    return [list(frame.columns), *[list(row) for row in frame.itertuples(index=False, name=None)]]


def plain(value: Any) -> Any:
    """A strict-JSON value of a frame cell (NaN and infinities become null)."""
    if value is None or isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return plain(value.item())
    return value


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is bool:
        return value
    return plain(value)


def table(frame: pd.DataFrame) -> Table:
    """The frame's records for ``gradebook.json``, as :func:`records` gives them, held as columns."""
    return Table([str(k) for k in frame.columns], [_plain_column(column) for column in columns(frame)])


_AS_IS = frozenset((str, int, bool, type(None)))


def _plain_column(column: list[Any]) -> list[Any]:
    """:func:`plain` of every value of a column; a whole column at a time where its types allow (issue 21 measure)."""
    kinds = set(map(type, column))
    if kinds <= _AS_IS:
        return column
    if kinds <= {float}:
        return [None if v != v or v in INFINITE else v for v in column]
    return [_plain(v) for v in column]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): plain(v) for k, v in zip(frame.columns, row)} for row in frame.itertuples(index=False, name=None)]


def encode(text: str | bytes) -> bytes:
    """UTF-8 bytes as :func:`ckm_course.files.write_together` writes text (lone surrogates as ``\\uXXXX``)."""
    return text if isinstance(text, bytes) else text.encode("utf-8", "backslashreplace")


def _unknown(grades: pd.DataFrame) -> pd.Series:
    return grades["flags"].map(lambda flags: "unknown_student" in str(flags).split(";")).astype(bool)


def unlisted(grades: pd.DataFrame) -> pd.DataFrame:
    """``problems.csv`` rows (file, severity, reason) for the students not on the roster (issue 21, item 7).

    They are graded and shown in ``grades.csv``, but left out of the LMS files, which would reject them.
    """
    rows = [{"file": row["files"], "severity": "warning",
             "reason": f"not on the roster: {row['student_id'] or '(no id)'} {row['name']}".rstrip()
                       + "; graded in grades.csv, left out of moodle.csv and canvas.csv"}
            for _, row in grades[_unknown(grades)].iterrows()]
    return pd.DataFrame(rows, columns=["file", "severity", "reason"])


def write(book: Any, out: Path | str, grades: pd.DataFrame | None = None, assignment: str | None = None,
          report: bool = True, excel: bool = False) -> list[Path]:
    """Write every output of ``book`` into ``out`` (created), all together; ``grades``: merged grades if any.

    ``excel``: a UTF-8 BOM before every CSV. Outputs of an earlier run that this one does not make
    (``report.html`` with ``report=False``) are removed, so nothing stale stays beside new files.
    """
    with collector_paused():  # issue 21 measure, see collector.py
        return _write(book, Path(out), book.grades if grades is None else grades, assignment, report, excel)


def _write(book: Any, out: Path, grades: pd.DataFrame, assignment: str | None, report: bool,
           excel: bool) -> list[Path]:
    name = assignment or lms.ASSIGNMENT
    extra = unlisted(grades)
    problems = pd.concat([book.problems, extra], ignore_index=True) if len(extra) else book.problems
    listed = grades[~_unknown(grades)]
    # Each output is made when write_together stages it and dropped once written, so a class's outputs
    # (~35 MB for 2,000 students) are never all in memory at once (issue 21 measure); as bytes at once:
    # half the memory of a str with Chinese in it.
    texts: dict[str, Callable[[], Any]] = {
        "grades.csv": lambda: frame_csv_chunks(grades, excel),
        "outcomes.csv": lambda: frame_csv_chunks(book.outcomes, excel),
        "items.csv": lambda: frame_csv_chunks(book.items, excel),
        "manual.csv": lambda: frame_csv_chunks(book.manual, excel),
        "problems.csv": lambda: frame_csv_chunks(problems, excel),
        "moodle.csv": lambda: encode(csv_text(lms.moodle(listed, name), excel)),
        "canvas.csv": lambda: encode(csv_text(lms.canvas(listed, name), excel)),
        "mastery.csv": lambda: encode(csv_text(mastery_view.rows(book), excel)),  # issue 24
        "set_scores.csv": lambda: encode(csv_text(set_scores.rows(book), excel)),  # issue 24: every set tried
        "gradebook.json": lambda: itertools.chain(jsontext.dump_chunks({  # encode()'s bytes, a row at a time
            "schema": 1, "due": book.due, "exercises": list(book.exercises),
            "open_exercises": list(book.open_exercises), "grades": table(grades),
            "outcomes": table(book.outcomes), "items": table(book.items), "problems": table(problems),
        }, indent=1), [b"\n"]),
    }
    if report:
        texts["report.html"] = lambda: html_report(book, grades, problems, chunks=True)  # written as made
    # a large class's outputs on both cores, slowest first, so both finish at about the same time (issue 21 measure)
    slowest = ("report.html", "outcomes.csv", "gradebook.json", "manual.csv", "mastery.csv")
    return write_together(out, texts, remove=tuple(f for f in FILES if f not in texts),
                          slowest=slowest if len(grades) >= CLASS_FROM else ())
