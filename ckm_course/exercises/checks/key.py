"""The key of an exercise in the form its checker accepts (labels in the chosen language).

``Exercise.key()`` / ``solution()`` hand it to students and tests; the gradebook's item analysis
(``grading/items.py``) checks it to learn what full marks look like, without building a student's
:class:`~ckm_course.exercises.exercise.Exercise`.
"""

from __future__ import annotations

from typing import Any

from ckm_course.content.model import ExerciseSpec
from ckm_course.exercises.checks.plan import key as plan_key
from ckm_course.i18n import render


def key(spec: ExerciseSpec, language: str | None = None) -> Any:
    """The key of ``spec``: a mapping, list, number, table or text, as a student would answer."""
    label = {c.id: render(c.label, language) for c in spec.choices}
    if spec.kind == "multi_label":
        return {render(i.label, language): [label[a] for a in i.answer] for i in spec.items}
    if spec.kind in ("single_label", "matching"):
        return {render(i.label, language): label[i.answer[0]] for i in spec.items}
    if spec.kind == "ordering":
        return [render(i.label, language) for i in spec.items]
    if spec.kind == "multiple_choice":
        chosen = [label[c] for c in spec.correct]
        return chosen if spec.multiple else chosen[0]
    if spec.kind == "plan":
        return plan_key(spec, language)
    if spec.kind == "value":
        if spec.expected_table is None:
            return spec.expected
        import pandas as pd  # only value-table keys need pandas (~0.3 s at kernel start otherwise)

        table = spec.expected_table
        return pd.DataFrame([list(r) for r in table.rows], columns=list(table.columns))
    return render(spec.model_answer, language) if spec.model_answer else ""
