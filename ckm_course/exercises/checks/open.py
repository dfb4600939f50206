"""Open questions (C9.1): not scored. The answer is recorded and the checklist shown."""

from __future__ import annotations

from typing import Any

from ckm_course.exercises.checks.messages import msg
from ckm_course.exercises.checks.result import Result, Verdict
from ckm_course.exercises.checks.shape import shaped
from ckm_course.content.model import ExerciseSpec, Text

MAX_ANSWER = 20_000


@shaped
def check_open(spec: ExerciseSpec, answer: Any) -> Result:
    """Record an open answer and return the checklist for self-review. Never raises."""
    checklist = tuple(
        Verdict(f"point-{i + 1}", Text(f"要点 {i + 1}", f"Point {i + 1}"), "review", 0.0, 0.0, point)
        for i, point in enumerate(spec.checklist)
    )
    # a placeholder or a non-text answer never gets here (shape.shaped): the checklist is for
    # reviewing one's own written answer, so only after writing one
    return Result(spec.id, spec.kind, "recorded", 0.0, 0.0, checklist, (msg("checklist"),), answer[:MAX_ANSWER])
