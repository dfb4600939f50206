"""Issue 24, "Mastery and what to practise next" across variants: first-try correctness per set of a
bank exercise, reveals that spoil only their own set, on hand-made histories with ``"set": n``."""

from __future__ import annotations

from ckm_course.exercises.mastery import exercise_credit, point_mastery


def check(attempt: int, status: str, number: int | None, at: str = "2026-11-24T08:00:00Z") -> dict:
    entry = {"attempt": attempt, "checked_at": at, "status": status,
             "score": 1.0 if status == "correct" else 0.0, "answer": {"1": "x"}}
    if number is not None:
        entry["set"] = number
    return entry


def reveal(after: int, number: int | None) -> dict:
    event = {"event": "reveal", "revealed_at": "2026-11-24T07:59:00Z", "after_attempt": after}
    if number is not None:
        event["set"] = number
    return event


def record(*history: dict, hints: list[int] | None = None) -> dict:
    checks = [h for h in history if "event" not in h]
    last = checks[-1]
    revealed = any("event" in h for h in history)
    return {"schema": 2, "exercise": "a", "point": "C1.1", "mode": "practice", "attempt": last["attempt"],
            "checked_at": last["checked_at"], "status": last["status"], "history": list(history),
            "variant": {"set": last.get("set"), "seed": "0" * 16, "items": ["i1", "i2"]},
            "hints_seen": hints or [], "revealed": revealed,
            "revealed_at": "2026-11-24T07:59:00Z" if revealed else None}


def test_the_first_check_of_each_set_is_its_first_try() -> None:
    # set 1 wrong then right, then a new set 2 right at its first check (attempt 3): mastered
    rec = record(check(1, "incorrect", 1), check(2, "correct", 1), check(3, "correct", 2))
    assert exercise_credit(rec) == (True, 1.0)
    assert point_mastery("C1.1", ["a"], {"a": rec}).state == "mastered"


def test_the_latest_set_tried_decides() -> None:
    # set 1 right at once, set 2 wrong at first: what the student knows now is the second set
    rec = record(check(1, "correct", 1), check(2, "incorrect", 2), check(3, "correct", 2))
    assert exercise_credit(rec) == (True, 0.5)
    assert exercise_credit(record(check(1, "correct", 1), check(2, "incorrect", 2))) == (True, 0.0)


def test_a_reveal_spoils_its_own_set() -> None:
    rec = record(check(1, "incorrect", 2), reveal(1, 2), check(2, "correct", 2))
    assert exercise_credit(rec) == (True, 0.0)


def test_a_reveal_of_set_1_does_not_spoil_set_2() -> None:
    rec = record(check(1, "incorrect", 1), reveal(1, 1), check(2, "correct", 1), check(3, "correct", 2))
    assert exercise_credit(rec) == (True, 1.0)
    # without sets the same history is spoiled for good (the rule before variants)
    plain = record(check(1, "incorrect", None), reveal(1, None), check(2, "correct", None), check(3, "correct", None))
    assert exercise_credit(plain) == (True, 0.0)


def test_a_reveal_before_any_check_with_no_set_belongs_to_set_1() -> None:
    # the kernel notes the set shown only once it is checked: a reveal before that was of set 1
    spoiled = record(reveal(0, None), check(1, "correct", 1))
    assert exercise_credit(spoiled) == (True, 0.0)
    later = record(reveal(0, None), check(1, "correct", 1), check(2, "correct", 2))
    assert exercise_credit(later) == (True, 1.0)


def test_a_revealed_flag_with_no_event_spoils_every_set() -> None:
    rec = record(check(1, "correct", 1), check(2, "correct", 2))
    rec["revealed"], rec["revealed_at"] = True, "2026-11-24T09:00:00Z"
    assert exercise_credit(rec) == (True, 0.0)


def test_hints_lower_a_set_credit() -> None:
    rec = record(check(1, "incorrect", 1), check(2, "correct", 2), hints=[1])
    assert exercise_credit(rec) == (True, 0.75)
    assert point_mastery("C1.1", ["a"], {"a": rec}).state == "in_progress"
