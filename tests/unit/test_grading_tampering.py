"""The gradebook re-scores every answer and flags what does not add up (issue 9, "Re-score, never trust")."""

from __future__ import annotations

import copy
import json

import pytest

import ckm_course
from ckm_course.grading import grade
from ckm_course.grading.samples import notebook, record_for

C31 = "c3.1-four-categories"
VALUE = "c1.3-lifetime-value"


def spec(exercise_id: str):
    return ckm_course.exercise(exercise_id).spec


def half_right() -> dict:
    items = spec(C31).items
    return {item.id: list(item.answer) if n % 2 else ["co-created"] for n, item in enumerate(items)}


def write(folder, name, records, who=("王小明", "2024001")):
    path = folder / name
    path.write_text(json.dumps(notebook(who, records), ensure_ascii=False), encoding="utf-8")
    return path


def one(book, exercise_id=C31):
    rows = book.outcomes[book.outcomes["exercise"] == exercise_id]
    assert len(rows) == 1
    return rows.iloc[0]


@pytest.fixture
def honest():
    return record_for(spec(C31), [half_right()], 60, [], False)


def test_an_honest_record_is_re_scored_to_its_own_score_and_not_flagged(tmp_path, honest):
    book = grade([write(tmp_path, "a.ipynb", [honest])])
    row = one(book)
    assert row["score"] == honest["score"] == 9.0 and row["flags"] == ""
    assert book.grades.loc[0, "total"] == 9.0 and book.grades.loc[0, "flags"] == ""


@pytest.mark.parametrize("forged", [{"score": 999}, {"status": "correct"}, {"score": 19.0, "status": "correct"},
                                    {"score": float("nan")}, {"score": 1e308}, {"score": "19"}, {"max_score": 1}])
def test_a_forged_score_or_status_is_flagged_tampered_and_never_counted(tmp_path, honest, forged):
    record = {**honest, **forged}
    path = tmp_path / "forged.ipynb"
    text = json.dumps(notebook(("a", "1"), [record]), allow_nan=True)  # NaN written as a bare NaN token
    path.write_text(text, encoding="utf-8")
    book = grade([path])
    row = one(book)
    assert "tampered" in row["flags"].split(";")
    assert row["score"] == 9.0 and book.grades.loc[0, "total"] == 9.0


def test_a_changed_key_is_told_apart_from_tampering(tmp_path, honest, monkeypatch):
    from ckm_course.exercises.record import key_hash
    from ckm_course.grading import rescore

    record = {**honest, "key_hash": "sha256:0000000000000000", "score": 12.0}
    row = one(grade([write(tmp_path, "k.ipynb", [record])]))
    assert "tampered" in row["flags"].split(";"), "a hash that is no version of the key (issue 21 item 6)"
    monkeypatch.setattr(rescore, "key_versions", lambda spec: frozenset({key_hash(spec), "sha256:0000000000000000"}))
    row = one(grade([write(tmp_path, "k.ipynb", [record])]))
    assert row["flags"] == "key_changed" and row["score"] == 9.0


@pytest.mark.parametrize("exercise_id", ["c3.1-no-such-exercise", "c1.1-five-reasons"])
def test_an_unknown_or_renamed_exercise_is_flagged_and_not_scored(tmp_path, honest, exercise_id):
    book = grade([write(tmp_path, "u.ipynb", [honest, {**honest, "exercise": exercise_id}])])
    row = one(book, exercise_id)
    assert row["flags"] == "unknown_exercise" and not row["counted"]
    assert book.exercises == (C31,) and book.grades.loc[0, "total"] == 9.0
    if exercise_id == "c1.1-five-reasons":
        assert "nearest: c1.1-four-reasons" in row["notes"]


def test_a_kind_that_does_not_match_the_exercise_is_flagged_and_not_scored(tmp_path):
    record = {**record_for(spec(VALUE), [3200], 60, [], False), "kind": "multi_label"}
    row = one(grade([write(tmp_path, "m.ipynb", [record])]), VALUE)
    assert row["flags"] == "kind_mismatch" and row["score"] == 0


def test_of_two_records_the_latest_by_time_counts_and_is_flagged(tmp_path, honest):
    perfect = record_for(spec(C31), [{i.id: list(i.answer) for i in spec(C31).items}], 10, [], False)
    earlier_but_later_in_file = {**perfect}  # checked at minute 10, written after the honest one (minute 60)
    book = grade([write(tmp_path, "d.ipynb", [honest, earlier_but_later_in_file])])
    row = one(book)
    assert row["score"] == 9.0, "the latest by time, not the last in the file"
    assert "duplicate" in row["flags"]
    later = {**perfect, "checked_at": "2026-11-25T08:00:00Z"}
    row = one(grade([write(tmp_path, "d2.ipynb", [honest, later])]))
    assert row["score"] == 19.0 and "duplicate" in row["flags"]


def test_earlier_states_of_one_journal_are_not_duplicates(tmp_path):
    first = record_for(spec(C31), [half_right()], 60, [], False)
    second = record_for(spec(C31), [half_right(), half_right()], 67, [], False)
    assert second["history"][0]["checked_at"] == first["checked_at"]
    row = one(grade([write(tmp_path, "j.ipynb", [first, second])]))
    assert row["flags"] == "" and row["attempts"] == 2


def test_a_deleted_revealed_field_is_flagged_and_a_reveal_is_a_column(tmp_path, honest):
    shown = record_for(spec(VALUE), [3200], 60, [1, 2], True)
    cut = {k: v for k, v in honest.items() if k != "revealed"}
    book = grade([write(tmp_path, "r.ipynb", [cut, shown])])
    assert "fields_missing" in one(book)["flags"] and "revealed" in one(book)["notes"]
    row = one(book, VALUE)
    assert row["flags"] == "revealed" and row["hints_seen"] == 2 and bool(row["revealed"]) is True
    assert book.grades.loc[0, "revealed"] == 1 and book.grades.loc[0, "hints_seen"] == 2


def test_checks_after_the_due_time_are_late(tmp_path, honest):
    assert honest["checked_at"] == "2026-11-24T09:00:00Z"
    book = grade([write(tmp_path, "l.ipynb", [honest])], due="2026-11-24T16:59+08:00")
    assert one(book)["late"] and "late" in one(book)["flags"] and book.grades.loc[0, "late"] == 1
    assert not one(grade([write(tmp_path, "l.ipynb", [honest])], due="2026-11-24T17:01+08:00"))["late"]


def test_an_old_schema_record_is_read_and_flagged(tmp_path, honest):
    old = {k: honest[k] for k in ("exercise", "kind", "answer", "status", "score", "max_score", "verdicts")}
    old["schema"] = 1
    row = one(grade([write(tmp_path, "o.ipynb", [old])]))
    assert row["flags"] == "old_schema" and row["score"] == 9.0


@pytest.mark.parametrize("answer", [["x"] * 300_000, {"a": [[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]}, None, 5])
def test_huge_deep_or_empty_answers_are_flagged_or_not_attempted_never_crash(tmp_path, honest, answer):
    record = {**copy.deepcopy(honest), "answer": answer}
    row = one(grade([write(tmp_path, "h.ipynb", [record])]))
    assert row["score"] == 0
    if isinstance(answer, (list, dict)):
        assert {"answer_too_large", "malformed"} & set(row["flags"].split(";"))
