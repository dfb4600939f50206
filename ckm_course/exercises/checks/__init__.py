"""Checkers, one module per exercise kind; :func:`check` picks the right one.

Each checker takes an :class:`~ckm_course.content.model.ExerciseSpec` and whatever the student
gave, and returns a :class:`Result`; none raises. :func:`check` adds a last line of
defence so that even a bug in a checker reaches the student as a message, not a
traceback (the unit tests call the checkers directly, so such bugs still fail tests).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from ckm_course.exercises.checks.choice import check_multiple_choice
from ckm_course.exercises.checks.classification import check_classification
from ckm_course.exercises.checks.messages import msg
from ckm_course.exercises.checks.normalize import short
from ckm_course.exercises.checks.open import check_open
from ckm_course.exercises.checks.ordering import check_ordering
from ckm_course.exercises.checks.plan import check_plan
from ckm_course.exercises.checks.scoring import max_score_of
from ckm_course.exercises.checks.result import Result, Verdict
from ckm_course.exercises.checks.value import check_value
from ckm_course.content.model import ExerciseSpec

CHECKERS: dict[str, Callable[[ExerciseSpec, Any], Result]] = {
    "multi_label": check_classification,
    "single_label": check_classification,
    "matching": check_classification,
    "ordering": check_ordering,
    "multiple_choice": check_multiple_choice,
    "value": check_value,
    "open": check_open,
    "plan": check_plan,  # the capstone's forms (issue 12)
}

__all__ = ["CHECKERS", "Result", "Verdict", "check", "max_score_of"]
LEAN = frozenset({"multi_label", "single_label", "matching"})  # kinds whose checker can skip feedback text


def check(spec: ExerciseSpec, answer: Any, feedback: bool = True, as_data: bool = False) -> Result:
    """Check ``answer`` against ``spec`` with the checker for its kind. Never raises.

    A bug inside a checker comes back as status ``error`` with the exercise's real max
    score and a message that the check could not be done. With the environment variable
    ``CKM_COURSE_STRICT_CHECKS=1`` (set by the test suite) it raises instead, so a masked
    checker bug fails the tests.

    ``feedback=False`` (the gradebook, which keeps only status, score and per-item marks; issue 21
    measure) lets the kinds of :data:`LEAN` skip building the verdicts' feedback texts: every other
    field of the result is the same, and a verdict's ``reason`` is empty. ``as_data=True``: ``answer`` is JSON
    read from a file with fewer than :data:`~ckm_course.exercises.checks.shape.MAX_PARTS` parts (the gradebook):
    it is checked as it is, not first copied as plain data (which for such an answer is an equal copy).
    """
    options = {"as_data": True} if as_data else {}  # otherwise called as (spec, answer), as any checker can be
    try:
        if not feedback and spec.kind in LEAN:
            return CHECKERS[spec.kind](spec, answer, feedback=False, **options)
        return CHECKERS[spec.kind](spec, answer, **options)
    except Exception as exc:  # noqa: BLE001 - a student must never see a traceback
        if os.environ.get("CKM_COURSE_STRICT_CHECKS") == "1":
            raise
        error = short(f"{type(exc).__name__}: {exc}", 120)
        return Result(spec.id, spec.kind, "error", 0.0, max_score_of(spec), (), (msg("internal_error", error=error),),
                      short(answer, 200))
