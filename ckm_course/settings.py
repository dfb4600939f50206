"""Course settings an instructor may change (README, "Instructor settings").

``show_answers``: whether exercise widgets offer a "Show answer" button. Default on;
off with ``ckm_course.configure(show_answers=False)`` in a notebook, or for a whole
JupyterLab with the environment variable ``CKM_COURSE_SHOW_ANSWERS=0``.
"""

from __future__ import annotations

import os

_state: dict[str, bool] = {}
_FALSE = {"0", "false", "no", "off"}


def show_answers() -> bool:
    """Whether the "Show answer" button is offered."""
    if "show_answers" not in _state:
        _state["show_answers"] = os.environ.get("CKM_COURSE_SHOW_ANSWERS", "1").strip().lower() not in _FALSE
    return _state["show_answers"]


def configure(show_answers: bool | None = None) -> dict[str, bool]:
    """Change settings for this kernel; returns them. Widgets built afterwards follow."""
    if show_answers is not None:
        _state["show_answers"] = bool(show_answers)
    return {"show_answers": globals()["show_answers"]()}
