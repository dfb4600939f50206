"""Issue 24, "Mastery and what to practise next": the mastery rule and the review schedule on hand-made records."""

from __future__ import annotations

import datetime as dt

from ckm_course.exercises.mastery import exercise_credit, mastery, point_mastery, practise_next


def check(attempt: int, status: str, at: str = "2026-11-24T08:00:00Z") -> dict:
    return {"attempt": attempt, "checked_at": at, "status": status, "score": 1.0 if status == "correct" else 0.0,
            "answer": "x"}


def record(exercise: str, *history: dict, hints: list[int] | None = None, revealed_at: str | None = None) -> dict:
    checks = [h for h in history if "event" not in h]
    last = checks[-1] if checks else {"attempt": 0, "checked_at": None, "status": "not_attempted"}
    return {"schema": 2, "exercise": exercise, "point": "C1.1", "mode": "practice", "attempt": last["attempt"],
            "checked_at": last["checked_at"], "status": last["status"], "history": list(history),
            "hints_seen": hints or [], "revealed": revealed_at is not None, "revealed_at": revealed_at}


def reveal(after: int, at: str = "2026-11-24T07:59:00Z") -> dict:
    return {"event": "reveal", "revealed_at": at, "after_attempt": after}


def test_first_try_correct_is_mastered() -> None:
    found = point_mastery("C1.1", ["a"], {"a": record("a", check(1, "correct"))})
    assert (found.state, found.score) == ("mastered", 1.0)


def test_a_reveal_then_a_correct_check_is_not_mastered() -> None:
    rec = record("a", reveal(0), check(1, "correct"), revealed_at="2026-11-24T07:59:00Z")
    assert exercise_credit(rec) == (True, 0.0)
    assert point_mastery("C1.1", ["a"], {"a": rec}).state == "in_progress"


def test_a_reveal_without_its_event_counts_as_before_every_check() -> None:
    rec = record("a", check(1, "correct"), revealed_at="2026-11-24T09:00:00Z")
    assert exercise_credit(rec) == (True, 0.0)


def test_a_reveal_after_a_first_try_correct_keeps_the_credit() -> None:
    rec = record("a", check(1, "correct"), reveal(1), revealed_at="2026-11-24T07:59:00Z")
    assert exercise_credit(rec) == (True, 1.0)


def test_hints_lower_mastery() -> None:
    plain = exercise_credit(record("a", check(1, "correct")))[1]
    one = exercise_credit(record("a", check(1, "correct"), hints=[1]))[1]
    two = exercise_credit(record("a", check(1, "correct"), hints=[1, 2]))[1]
    assert plain > one > two > 0
    assert point_mastery("C1.1", ["a"], {"a": record("a", check(1, "correct"), hints=[1])}).state == "in_progress"


def test_correct_only_later_is_in_progress_and_wrong_gives_nothing() -> None:
    later = record("a", check(1, "incorrect"), check(2, "correct"))
    assert exercise_credit(later) == (True, 0.5)
    assert exercise_credit(record("a", check(1, "incorrect"))) == (True, 0.0)
    assert exercise_credit(record("a", check(1, "saved"))) == (True, 0.0)


def test_not_started_and_all_exercises_of_a_point_count() -> None:
    assert point_mastery("C1.1", ["a", "b"], {}).state == "not_started"
    assert point_mastery("C1.1", ["a"], {"a": record("a", hints=[1])}).state == "not_started"
    half = point_mastery("C1.1", ["a", "b"], {"a": record("a", check(1, "correct"))})
    assert (half.state, half.score, half.started, half.total) == ("in_progress", 0.5, 1, 2)


def test_schedule_is_deterministic_and_replayed_from_check_times() -> None:
    points = [("C1.1", ["a"]), ("C1.2", ["b"]), ("C1.3", ["c"]), ("C1.4", ["d"])]
    records = [record("a", check(1, "correct", "2026-11-01T08:00:00Z")),
               record("b", check(1, "incorrect", "2026-11-20T08:00:00Z")),
               record("c", check(1, "correct", "2026-11-23T08:00:00Z"))]
    first = mastery(points, records)
    assert first == mastery(points, records)
    due = {p.point: p.due for p in first}
    assert due["C1.4"] is None
    utc = dt.timezone.utc
    # a wrong answer comes back sooner after its check than a right one
    assert due["C1.2"] - dt.datetime(2026, 11, 20, 8, tzinfo=utc) < due["C1.1"] - dt.datetime(2026, 11, 1, 8, tzinfo=utc)
    assert due["C1.1"] > dt.datetime(2026, 11, 1, 8, tzinfo=utc)
    today = practise_next(first, 3, today="2026-11-24T08:00:00Z")
    # due reviews first (soonest first), then the unstarted point; a later review only if room is left
    assert [p.point for p in today] == ["C1.1", "C1.2", "C1.4"]  # C1.3 is not due until the 25th


def test_practise_next_uses_the_fixed_clock(monkeypatch) -> None:
    points = mastery([("C1.1", ["a"]), ("C1.2", ["b"])], [record("a", check(1, "incorrect", "2026-11-20T08:00:00Z"))])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023: before any check, nothing is due yet
    assert [p.point for p in practise_next(points, 1)] == ["C1.2"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1830000000")  # 2027: the review is due
    assert [p.point for p in practise_next(points, 1)] == ["C1.1"]


# --- issue 24 item 6: items with their own point credit that point ------------------------------

Q1 = "c1.questionnaire"  # q01-q05 check C1.1 (the exercise's point), q06-q08 C1.2, q09-q13 C1.3


def _questionnaire_answer(wrong: tuple[str, ...] = ()) -> dict:
    """An answer of c1.questionnaire by item id, right except the questions in ``wrong``."""
    import ckm_course

    spec = ckm_course.exercise(Q1).spec
    found = {}
    for item in spec.items:
        other = next(o for o in item.options if o not in item.answer)
        found[item.id] = [other] if item.id in wrong else [item.answer[0]]
    return found


def _questionnaire_check(attempt: int, wrong: tuple[str, ...], at: str) -> dict:
    return {"attempt": attempt, "checked_at": at, "status": "partial" if wrong else "correct",
            "score": 13.0 - len(wrong), "answer": _questionnaire_answer(wrong)}


def test_a_questionnaire_credits_each_item_s_own_point() -> None:
    import ckm_course
    from ckm_course.exercises.mastery import point_items
    from ckm_course.exercises.progress import point_order

    parts = point_items(ckm_course.exercise(Q1).spec)
    assert parts == {"C1.1": ("q01", "q02", "q03", "q04", "q05"), "C1.2": ("q06", "q07", "q08"),
                     "C1.3": ("q09", "q10", "q11", "q12", "q13")}
    assert all(Q1 in ids for point, ids in point_order() if point in parts)
    # first check: C1.1's and C1.3's questions right, one C1.2 question wrong; second check: all right
    rec = record(Q1, _questionnaire_check(1, ("q07",), "2026-11-24T08:00:00Z"),
                 _questionnaire_check(2, (), "2026-11-24T08:05:00Z"))
    records = {Q1: rec}
    assert point_mastery("C1.1", [Q1], records).score == 1.0  # its own questions right at the first try
    assert point_mastery("C1.2", [Q1], records).score == 0.5  # right only at the second check
    assert point_mastery("C1.3", [Q1], records).state == "mastered"
    states = {m.point: m for m in mastery(point_order(), [rec], schedule=False)}
    c12 = next(ids for point, ids in point_order() if point == "C1.2")
    assert states["C1.2"].score == round(0.5 / len(c12), 4) and states["C1.2"].started == 1


def test_a_reveal_or_hints_spoil_every_part_of_a_questionnaire() -> None:
    rec = record(Q1, reveal(0), _questionnaire_check(1, (), "2026-11-24T08:00:00Z"),
                 revealed_at="2026-11-24T07:59:00Z")
    assert {point_mastery(p, [Q1], {Q1: rec}).score for p in ("C1.1", "C1.2", "C1.3")} == {0.0}
    hinted = record(Q1, _questionnaire_check(1, (), "2026-11-24T08:00:00Z"), hints=[1])
    assert {point_mastery(p, [Q1], {Q1: hinted}).score for p in ("C1.1", "C1.2", "C1.3")} == {0.75}


def test_a_questionnaire_part_none_of_whose_items_were_answered_is_not_right() -> None:
    answer = {k: v for k, v in _questionnaire_answer().items() if k not in ("q06", "q07", "q08")}
    entry = {"attempt": 1, "checked_at": "2026-11-24T08:00:00Z", "status": "partial", "score": 10.0, "answer": answer}
    rec = record(Q1, entry)
    assert point_mastery("C1.1", [Q1], {Q1: rec}).score == 1.0
    assert point_mastery("C1.2", [Q1], {Q1: rec}).score == 0.0
