"""The gradebook's data: :class:`Student` (one student's merged submissions) and :class:`Gradebook`.

Made by :func:`ckm_course.grading.gradebook.grade`, its frames built by ``frames.py``; on its own
so that the frame builders and the grader both use it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ckm_course.grading.rescore import Outcome

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class Student:
    """One student's merged submission(s)."""

    key: str
    id: str
    name: str
    email: str = ""
    files: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # exercise id -> outcome (unknown ids too)
    submitted: bool = True
    mastery: list[Any] = field(default_factory=list, repr=False)  # PointMastery per point (mastery_view.py, issue 24)


@dataclass
class Gradebook:
    """The result of :func:`grade`: frames to read, plus what :mod:`outputs` and the report need."""

    grades: pd.DataFrame  # one row per student: id, name, files, per-exercise scores, total, percent, flags
    outcomes: pd.DataFrame  # one row per student x exercise: score, status, flags, attempts, hints, revealed, late
    items: pd.DataFrame  # item analysis (items.py)
    problems: pd.DataFrame  # files reported: file, severity, reason
    manual: pd.DataFrame  # open questions to mark by hand (manual.py)
    exercises: tuple[str, ...] = ()  # auto-scored exercises, in course order
    open_exercises: tuple[str, ...] = ()
    due: str | None = None
    students: list[Student] = field(default_factory=list, repr=False)
    specs: dict[str, Any] = field(default_factory=dict, repr=False)

    _responses: pd.DataFrame | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def responses(self) -> pd.DataFrame:
        """One row per student x exercise x item: mark, score, given. Made on first use: no output reads it,
        and for a class of 2,000 it is ~190,000 rows (issue 21 measure)."""
        if self._responses is None:
            import pandas as pd  # the frames' own import; book.py itself stays free of pandas

            rows = [[student.id, exercise_id, item, mark, score, "+".join(given)]
                    for student in self.students for exercise_id, outcome in student.outcomes.items()
                    for item, (mark, score, given) in outcome.marks.items()]
            self._responses = pd.DataFrame(rows, columns=["student_id", "exercise", "item", "mark", "score", "given"])
        return self._responses

    @property
    def read_errors(self) -> int:
        return int((self.problems["severity"] == "error").sum()) if len(self.problems) else 0
