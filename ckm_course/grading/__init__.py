"""The instructor gradebook (README "Instructors: grading"): re-score every submission, never run it.

::

    from ckm_course.grading import grade, write
    book = grade(["submissions/"], roster="roster.csv", due="2026-12-01T23:59+08:00")
    book.grades, book.items, book.outcomes, book.problems   # pandas frames
    write(book, "gradebook/")   # grades.csv, items.csv, moodle.csv, canvas.csv, manual.csv, report.html...

Modules: ``reader`` (safe JSON reading), ``identity`` (``ckm_course.student``), ``roster``,
``rescore``, ``gradebook`` (``grade``), ``frames``, ``items``, ``manual``, ``lms``, ``report``,
``outputs`` (``write``), ``samples`` (the synthetic class in ``datasets/sample_submissions``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["grade", "student", "write"]

# The three functions import their module when called: ``from ckm_course.grading import identity`` or
# ``python -m ckm_course.grading.samples`` must not pay for pandas and the gradebook (~0.5 s).


def grade(*args: Any, **kwargs: Any) -> Any:
    """See :func:`ckm_course.grading.gradebook.grade`."""
    from ckm_course.grading.gradebook import grade as run

    return run(*args, **kwargs)


def write(*args: Any, **kwargs: Any) -> Any:
    """See :func:`ckm_course.grading.outputs.write`."""
    from ckm_course.grading.outputs import write as run

    return run(*args, **kwargs)


def student(name: str | None = None, student_id: str | None = None) -> Any:
    """See :func:`ckm_course.exercises.identity.student`."""
    from ckm_course.exercises.identity import student as make

    return make(name, student_id)
