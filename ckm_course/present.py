"""Old path of the content views (``from ckm_course.present import MARKER``): :mod:`ckm_course.frontends.present`,
re-exported (docs/ARCHITECTURE.md)."""

from __future__ import annotations

from ckm_course.frontends.present import (  # noqa: F401 - re-exported under the old path
    COURSE_NOTE, MARKER, MaterialsView, PointView, materials_view, note_text,
)

__all__ = ["COURSE_NOTE", "MARKER", "MaterialsView", "PointView", "materials_view", "note_text"]
