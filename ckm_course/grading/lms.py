"""Grade-import files for two learning management systems, one column with the total.

**Moodle** (Grades > Import > CSV file): a header row, one row per student. Moodle asks which
column identifies the user: map ``ID number`` to the user field *ID number* (or
``Email address`` to *Email address*), and map the grade column (named after the assignment,
default ``CKM exercises``) to a grade item. Columns: ``ID number``, ``Email address``,
``Full name``, ``<assignment>``.

**Canvas** (Grades > Import): the gradebook export form. Columns ``Student``, ``ID``,
``SIS User ID``, ``SIS Login ID``, ``Section``, then ``<assignment>``; the second row is
``Points Possible`` with the maximum under the assignment. Canvas matches students by ``ID``
(its own number, left empty here), ``SIS User ID`` (the roster id) or ``SIS Login ID``; a new
column name creates a new assignment.

Students with no submission get an empty grade in both (not 0): the LMS shows them as missing.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

ASSIGNMENT = "CKM exercises"
MOODLE_HEADER = ["ID number", "Email address", "Full name"]
CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def _grade(value: Any) -> Any:
    if value is None or isinstance(value, float) and not math.isfinite(value):
        return None
    return round(float(value), 2)


def moodle(grades: pd.DataFrame, assignment: str = ASSIGNMENT) -> list[list[Any]]:
    """Rows (header first) of the Moodle grade-import CSV."""
    rows: list[list[Any]] = [[*MOODLE_HEADER, assignment]]
    for ident, email, name, total in zip(*(grades[c].tolist() for c in ("student_id", "email", "name", "total"))):
        rows.append([ident, email, name, _grade(total)])
    return rows


def canvas(grades: pd.DataFrame, assignment: str = ASSIGNMENT) -> list[list[Any]]:
    """Rows (header, then ``Points Possible``) of the Canvas gradebook-import CSV."""
    top = _grade(grades["max_total"].max()) if len(grades) else None
    rows: list[list[Any]] = [[*CANVAS_HEADER, assignment], ["Points Possible", "", "", "", "", top]]
    for name, ident, total in zip(*(grades[c].tolist() for c in ("name", "student_id", "total"))):
        rows.append([name, "", ident, "", "", _grade(total)])
    return rows
