"""Old path of the content model (``from ckm_course.model import Text``): :mod:`ckm_course.content.model`
and :mod:`ckm_course.content.company_model`, re-exported for notebooks and README (docs/ARCHITECTURE.md)."""

from __future__ import annotations

from ckm_course.content.model import (  # noqa: F401 - re-exported under the old path
    ExerciseKind, EXERCISE_KINDS, Text, texts, Group, Entry,
    Point, Chapter, Choice, Item, TableSpec, Slip,
    ExerciseSpec, ExerciseFeedback, Course,
)
from ckm_course.content.company_model import (  # noqa: F401 - re-exported under the old path
    Segment, Activity, InteractionTemplate, Slot, InteractionKind, RfmSegment,
    RfmBands, AuditFinding, KnowledgeAsset, AuditFact, KnowledgeAudit, Company,
    OtherClass, CaseCompany,
)

__all__ = ['Activity', 'AuditFact', 'AuditFinding', 'CaseCompany', 'Chapter', 'Choice', 'Company', 'Course', 'EXERCISE_KINDS', 'Entry', 'ExerciseFeedback', 'ExerciseKind', 'ExerciseSpec', 'Group', 'InteractionKind', 'InteractionTemplate', 'Item', 'KnowledgeAsset', 'KnowledgeAudit', 'OtherClass', 'Point', 'RfmBands', 'RfmSegment', 'Segment', 'Slip', 'Slot', 'TableSpec', 'Text', 'texts']
