"""Old path of the checkers (``from ckm_course.checks import check``): :mod:`ckm_course.exercises.checks`,
re-exported for benchmarks and README (docs/ARCHITECTURE.md)."""

from __future__ import annotations

from ckm_course.exercises.checks import (  # noqa: F401 - re-exported under the old path
    CHECKERS, Result, Verdict, check, max_score_of,
)

__all__ = ['CHECKERS', 'Result', 'Verdict', 'check', 'max_score_of']
