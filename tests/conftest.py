"""Fixtures shared by the unit tests (tests/unit) and the browser tests (tests/e2e)."""

from __future__ import annotations

import pytest

from ckm_course import i18n
from ckm_course.exercises import answers, identity, journal, saved, settings, shown_set


@pytest.fixture
def clean_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a freshly started kernel holds: no journals, remembered answers, answer-file states,
    cached saved notebook or drawn set; no student identified (no ``ckm_course.student``, hub user,
    app student or variant salt); settings and language as the environment gives them (practice mode,
    answers shown, both languages); no notebook path and no mode in the environment.

    Everything is put back after the test (``monkeypatch``), so tests can share one process.
    """
    monkeypatch.setattr(journal, "_journals", {})
    monkeypatch.setattr(journal, "_latest_answers", {})
    monkeypatch.setattr(journal, "_save_states", {})
    monkeypatch.setattr(saved, "_saved_cache", {})
    monkeypatch.setattr(settings, "_state", {})
    monkeypatch.setattr(i18n, "_state", {})
    monkeypatch.setattr(identity, "_current", [])
    monkeypatch.setattr(shown_set, "_cache", {})
    for name in ("CKM_COURSE_MODE", "CKM_COURSE_SHOW_ANSWERS", "CKM_COURSE_LANG", "JPY_SESSION_NAME",
                 "JUPYTERHUB_USER", "CKM_VARIANT_SALT", answers.STUDENT_ID_ENV, answers.STUDENT_NAME_ENV):
        monkeypatch.delenv(name, raising=False)
