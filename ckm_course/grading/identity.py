"""Old path of the student identity (``from ckm_course.grading import identity``): :mod:`ckm_course.exercises.identity`,
re-exported (the reader of records needs it, so it lives in the exercises layer; docs/ARCHITECTURE.md)."""

from __future__ import annotations

from ckm_course.exercises.identity import (  # noqa: F401 - re-exported under the old path
    MIME, SCHEMA, MAX_NAME, MAX_ID, PROMPT, Student,
    student, identity_in, TLJH_PREFIX, home_owner, from_home,
)

__all__ = ['MAX_ID', 'MAX_NAME', 'MIME', 'PROMPT', 'SCHEMA', 'Student', 'TLJH_PREFIX', 'from_home', 'home_owner', 'identity_in', 'student']
