"""Open questions (C9.1): not scored. The answer is recorded and the checklist shown."""

from __future__ import annotations

from typing import Any

from ckm_course.exercises.checks.messages import msg
from ckm_course.exercises.checks.normalize import is_placeholder, short
from ckm_course.exercises.checks.result import Result, Verdict
from ckm_course.content.model import ExerciseSpec, Text

MAX_ANSWER = 20_000


def check_open(spec: ExerciseSpec, answer: Any) -> Result:
    """Record an open answer and return the checklist for self-review. Never raises."""
    checklist = tuple(
        Verdict(f"point-{i + 1}", Text(f"要点 {i + 1}", f"Point {i + 1}"), "review", 0.0, 0.0, point)
        for i, point in enumerate(spec.checklist)
    )
    if is_placeholder(answer):  # the checklist is for reviewing one's own answer, so only after writing one
        return Result(spec.id, spec.kind, "not_attempted", 0.0, 0.0)
    text = answer if isinstance(answer, str) else short(answer, MAX_ANSWER)
    return Result(spec.id, spec.kind, "recorded", 0.0, 0.0, checklist, (msg("checklist"),), text[:MAX_ANSWER])
