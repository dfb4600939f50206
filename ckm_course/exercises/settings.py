"""Course settings an instructor may change, read in one place (README, "Modes and settings").

``mode``: ``"practice"`` (instant feedback, hints, Show answer) or ``"assessment"``
(Check records the answer and says it was saved; no correctness, no key). Chosen by,
first match wins: ``ckm_course.configure(mode=...)`` in the kernel; the environment
variable ``CKM_COURSE_MODE``; the notebook's metadata ``{"ckm_course": {"mode": ...}}``
(written by ``ckm-course build-exercises --assessment``); else practice.

``show_answers``: whether Show answer / ``solution()`` give the key in practice mode.
Default on; off with ``configure(show_answers=False)`` or ``CKM_COURSE_SHOW_ANSWERS=0``.
Assessment mode never shows answers.
"""

from __future__ import annotations

import os

from ckm_course.exercises.saved import saved_metadata

MODES = ("practice", "assessment")
_state: dict[str, object] = {}
_FALSE = {"0", "false", "no", "off"}


def _parse_mode(value: object) -> str | None:
    text = str(value).strip().casefold() if isinstance(value, str) else ""
    return {"practice": "practice", "练习": "practice", "assessment": "assessment", "测评": "assessment",
            "exam": "assessment", "test": "assessment"}.get(text)


def mode() -> str:
    """``"practice"`` or ``"assessment"`` (see the module docstring for how it is chosen)."""
    chosen = _state.get("mode")
    if isinstance(chosen, str):
        return chosen
    from_env = _parse_mode(os.environ.get("CKM_COURSE_MODE", ""))
    if from_env:
        return from_env
    return _parse_mode(saved_metadata().get("mode")) or "practice"


def show_answers() -> bool:
    """Whether the key may be shown (Show answer, ``solution()``): never in assessment mode."""
    if mode() == "assessment":
        return False
    if "show_answers" not in _state:
        _state["show_answers"] = os.environ.get("CKM_COURSE_SHOW_ANSWERS", "1").strip().lower() not in _FALSE
    return bool(_state["show_answers"])


def configure(show_answers: bool | None = None, mode: str | None = None) -> dict[str, object]:
    """Change settings for this kernel; returns them. Widgets built afterwards follow.

    An unknown mode raises ``ValueError`` naming the valid ones (a setting, not an answer).
    """
    if mode is not None:
        parsed = _parse_mode(mode)
        if parsed is None:
            raise ValueError(f"unknown mode {mode!r}; use one of: {', '.join(MODES)}")
        _state["mode"] = parsed
    if show_answers is not None:
        _state["show_answers"] = bool(show_answers)
    return {"mode": globals()["mode"](), "show_answers": globals()["show_answers"]()}
