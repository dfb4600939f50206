"""The per-row parts of exercise widgets with rows (classification, ordering): mark and reason cells.

Their layouts and styles are shared between rows (``shared.py``, issue 23): give a cell's size when it is
built rather than changing its ``layout`` afterwards.
"""

from __future__ import annotations

import ipywidgets as widgets

from ckm_course.exercises.checks.result import Result
from ckm_course.exercises.feedback import mark_html, reason_html
from ckm_course.frontends.widgets import shared


def mark_label() -> widgets.HTML:
    """The per-row mark cell, empty until the first check."""
    return shared.html(width="1.8em", flex="0 0 1.8em")


def reason_label(flex: str = "1 1 12em", min_width: str = "10em") -> widgets.HTML:
    """The per-row reason, beside its row (not in a table below the exercise), empty until checked."""
    return shared.html(classes=("ckm-row-reason",), flex=flex, min_width=min_width)


def reasons_for(result: Result | None) -> dict[str, str]:
    """``{item id: reason html}`` for a result (empty when there is none)."""
    if result is None:
        return {}
    return {v.item_id: reason_html(v) for v in result.verdicts}


def marks_for(result: Result | None) -> dict[str, str]:
    """``{item id: mark html}`` for a result (empty when there is none)."""
    if result is None:
        return {}
    return {v.item_id: mark_html(v.mark) for v in result.verdicts}
