"""The most a check can score, per kind (README "How answers are checked"): its own module so that the
shape rule (``shape.shaped``), every checker and the package's ``check`` can use it without importing
one another.
"""

from __future__ import annotations

from ckm_course.content.catalog import catalog
from ckm_course.content.model import ExerciseSpec


def plan_max_score(spec: ExerciseSpec) -> float:
    """A plan form: one point per scored check of every row (see ``checks/plan.py``'s docstring)."""
    plan = catalog().plans.find(spec.id)
    total = 0
    for row in plan.rows:
        for field in plan.fields:
            if field.type == "choice" and row.accepted(field.id):
                total += 1
            elif field.type == "number":
                total += (row.range(field.id) is not None) + field.ordered
            elif field.type == "text":
                total += field.required + (len(row.facts) if field.covers else 0)
    return float(total)


def max_score_of(spec: ExerciseSpec) -> float:
    """The most a check of ``spec`` can score (also when the check itself fails)."""
    if spec.kind in ("multi_label", "single_label", "matching", "ordering"):
        return float(len(spec.items))
    if spec.kind == "plan":
        return plan_max_score(spec)
    if spec.kind == "value" and spec.expected_table is not None:
        return float(len(spec.expected_table.rows))
    return 0.0 if spec.kind == "open" else 1.0
