"""Issue 24: ``ckm_course.progress()`` — each chapter's points with their mastery, and today's 3 points."""

from __future__ import annotations

import os
import time

import pytest

import ckm_course
from ckm_course.content.catalog import course
from ckm_course.exercises import journal
from ckm_course.exercises.exercise import exercise_specs


@pytest.fixture(autouse=True)
def fresh_kernel(monkeypatch):
    """A kernel with no journal and no saved notebook."""
    monkeypatch.setattr(journal, "_journals", {})
    monkeypatch.setattr("ckm_course.exercises.saved.saved_record", lambda exercise_id: None)


def first_exercise(point: str) -> str:
    return next(s.id for s in exercise_specs() if s.point == point)


def only_exercise_point() -> str:
    """C5.2: one exercise (quiz-c5-acquisition) and three questions of c5.questionnaire count toward it
    (a questionnaire's items count toward their own points, issue 24 item 6)."""
    return "C5.2"


def correct_records(point: str, **extra) -> list[dict]:
    """A first-try correct record of every exercise that counts toward ``point`` (a questionnaire's with
    every question right)."""
    from ckm_course.exercises.progress import point_order

    ids = next(ids for p, ids in point_order() if p == point)
    found = []
    for ident in ids:
        spec = ckm_course.exercise(ident).spec
        record = correct_record(ident, **extra)
        if spec.items:
            record["history"][0]["answer"] = record["answer"] = {i.id: [i.answer[0]] for i in spec.items}
        found.append(record)
    return found


def correct_record(exercise: str, at: str = "2026-11-20T08:00:00Z", **extra) -> dict:
    return {"schema": 2, "exercise": exercise, "attempt": 1, "checked_at": at, "status": "correct", "score": 1.0,
            "history": [{"attempt": 1, "checked_at": at, "status": "correct", "score": 1.0, "answer": "x"}],
            "hints_seen": [], "revealed": False, "revealed_at": None, **extra}


def test_nothing_done_lists_every_chapter_and_starts_with_the_first_points():
    found = ckm_course.progress(language="en")
    assert [c.id for c, _ in found.chapters] == [c.id for c in course().chapters]
    assert all(p.state == "not_started" for _, points in found.chapters for p in points)
    first = [p.id for p in course().chapters[0].points][:3]
    assert [p.point for p in found.today] == first
    text = repr(found)
    assert course().point(first[0]).title.en in text and "not started" in text and "Today" in text


def test_a_first_try_correct_record_in_the_journal_is_mastered_and_shown_in_both_languages():
    point = only_exercise_point()
    for record in correct_records(point):
        journal.seed(record)
    found = ckm_course.progress(language="both")
    assert found.state(point) == "mastered"
    page = found._repr_html_()
    assert f'data-point="{point}" data-state="mastered"' in page
    assert "已掌握" in page and "mastered" in page and course().point(point).title.zh in page


def test_a_reveal_before_the_check_is_not_mastered():
    point = only_exercise_point()
    for record in correct_records(point, revealed=True, revealed_at="2026-11-20T07:00:00Z"):
        journal.seed(record)
    assert ckm_course.progress().state(point) == "in_progress"


def test_a_real_wrong_check_starts_the_point_and_brings_it_back_for_review(monkeypatch):
    spec = next(s for s in exercise_specs() if s.point == "C2.1" and s.kind == "multiple_choice")
    ident = spec.id
    wrong = next(c.id for c in spec.choices if c.id not in spec.correct)
    assert ckm_course.exercise(ident).check(wrong).status == "incorrect"  # recorded in this kernel's journal
    assert journal.current(ident) is not None
    checked = int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())  # the root conftest.py fixes it
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(checked + 30 * 86400))
    found = ckm_course.progress()
    assert found.state("C2.1") == "in_progress"
    assert found.today[0].point == "C2.1"  # a due review comes before new points


def test_given_records_are_used_instead_of_the_kernel():
    point = only_exercise_point()
    assert ckm_course.progress(records=correct_records(point)).state(point) == "mastered"
    assert ckm_course.progress(records=[correct_record(first_exercise(point))]).state(point) == "in_progress"
    assert ckm_course.progress().state(point) == "not_started"


def test_after_a_restart_the_saved_notebook_counts(monkeypatch):
    point = only_exercise_point()
    saved = {record["exercise"]: record for record in correct_records(point)}
    monkeypatch.setattr("ckm_course.exercises.saved.saved_record", saved.get)
    assert ckm_course.progress().state(point) == "mastered"
