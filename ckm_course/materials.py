"""Old path of the course materials (INSTRUCTORS.md regenerates its notes with ``import ckm_course.materials``):
:mod:`ckm_course.content.materials` and :mod:`ckm_course.content.syllabus`, re-exported, and the two
lookups of before the catalog (docs/ARCHITECTURE.md)."""

from __future__ import annotations

from ckm_course.content.catalog import catalog

from ckm_course.content.materials import (  # noqa: F401 - re-exported under the old path
    MATERIALS_DIR, KINDS, DISCUSSIONS, MIN_READINGS, Citation, Opening,
    Worked, Discussion, Question, Header, Materials, parse_materials, load_materials,
    keys, normalise, missing,
)
from ckm_course.content.syllabus import (  # noqa: F401 - re-exported under the old path
    MARKER, instructor_notes,
)

__all__ = ['Citation', 'DISCUSSIONS', 'Discussion', 'Header', 'KINDS', 'MARKER', 'MATERIALS_DIR', 'MIN_READINGS', 'Materials', 'Question', 'Opening', 'Worked', 'instructor_notes', 'keys', 'load_materials', 'missing', 'normalise', 'parse_materials', 'find', 'materials']


def materials() -> tuple[Materials, ...]:
    """Every notebook's materials, in notebook order (``catalog().materials``)."""
    return catalog().materials.items


def find(key: str) -> Materials:
    """The materials of one notebook: ``"C3"``, ``"03"``/``"3"`` or a file name (``catalog().materials.find``)."""
    return catalog().materials.find(key)
