"""The gradebook re-scores every set a student tried, not only the latest (issue 24, "both scores")."""

from __future__ import annotations

import copy


import ckm_course
from ckm_course.exercises import journal
from ckm_course.exercises.checks.normalize import presented
from ckm_course.grading import gradebook
from ckm_course.grading.set_scores import set_scores

BANKED = "c1.1-practice-which-reason"
BOB = ("Bob Chen", "2026101")


def answer(ex, right: int) -> dict[int, str]:
    """The first ``right`` shown items answered right, the others wrong."""
    choices = [c.id for c in ex.spec.choices]
    given = {}
    for number, item in enumerate(presented(ex.spec), start=1):
        given[number] = item.answer[0] if number <= right else next(c for c in choices if c not in item.answer)
    return given


def two_sets(right_first: int = 1, right_second: int = 3):
    ckm_course.student(*BOB)
    ex = ckm_course.exercise(BANKED)
    first_items = ex.variant.items
    ex.check(answer(ex, right_first))
    ex = ex.new_set()
    assert ex.variant.items != first_items
    ex.check(answer(ex, right_second))
    return ex, copy.deepcopy(journal.current(ex.id))


def spec():
    return gradebook.catalog()[BANKED]


def test_each_set_tried_is_rescored_to_the_score_the_kernel_gave(clean_kernel):
    ex, record = two_sets(1, 3)
    rows = set_scores(record, spec(), ("2026101",))
    assert [(r.set, r.score, r.max_score, r.problem) for r in rows] == [(1, 1.0, 4.0, ""), (2, 3.0, 4.0, "")]
    assert rows[1].items == tuple(record["variant"]["items"])
    assert [h["score"] for h in record["history"]] == [1.0, 3.0]  # what the student was told


def test_the_last_check_of_a_set_counts(clean_kernel):
    ckm_course.student(*BOB)
    ex = ckm_course.exercise(BANKED)
    ex.check(answer(ex, 0))
    ex.check(answer(ex, 2))
    rows = set_scores(copy.deepcopy(journal.current(ex.id)), spec(), ("2026101",))
    assert [(r.set, r.attempt, r.score) for r in rows] == [(1, 2, 2.0)]


def test_forged_items_of_an_earlier_set_are_not_scored(clean_kernel):
    ex, record = two_sets(1, 3)
    others = [item.id for item in spec().items if item.id not in record["history"][0]["items"]][:4]
    record["history"][0]["items"] = others
    rows = set_scores(record, spec(), ("2026101",))
    assert rows[0].score is None and "not the ones its seed yields" in rows[0].problem
    assert rows[1].score == 3.0
    record["history"][0]["items"] = ["no-such-item"]
    assert "malformed" in set_scores(record, spec(), ("2026101",))[0].problem


def test_a_classmates_sets_are_not_this_students(clean_kernel):
    ex, record = two_sets(1, 3)
    rows = set_scores(record, spec(), ("2026999",))
    assert rows[1].score is None  # set 2 was drawn for 2026101, not 2026999


def test_an_entry_without_items_uses_the_sets_seed(clean_kernel):
    ex, record = two_sets(1, 3)
    for entry in record["history"]:
        del entry["items"]
    assert [r.score for r in set_scores(record, spec(), ("2026101",))] == [1.0, 3.0]


def test_no_bank_no_sets_and_hostile_histories_do_not_raise(clean_kernel):
    plain = gradebook.catalog()["c1.3-customer-classes"]  # a chapter exercise: it teaches, no bank
    assert set_scores({"history": [{"set": 1, "answer": {}}]}, plain) == []
    for history in (None, "x", [1, None, {"set": True}, {"set": 10**9}, {"set": 1, "answer": [[[[]]]] * 10}],
                    [{"set": n, "answer": {}, "items": None} for n in range(1, 500)]):
        rows = set_scores({"history": history}, spec(), ("2026101",))
        assert len(rows) <= 50


def test_a_question_bank_rescores_each_question_tried(clean_kernel):
    ckm_course.student(*BOB)
    ex = ckm_course.exercise("quiz-c2-era")
    wrong = next(c.id for c in ex.spec.choices if c.id not in ex.spec.correct)
    ex.check(wrong)
    first_prompt = ex.spec.prompt
    ex = ex.new_set()
    assert ex.spec.prompt != first_prompt  # another whole question
    ex.check(ex.spec.correct[0])
    rows = set_scores(copy.deepcopy(journal.current(ex.id)), gradebook.catalog()["quiz-c2-era"], ("2026101",))
    # New set skips a set that shows the same question again, so the second may be set 3
    assert [(r.set, r.status, r.problem) for r in rows] == [(1, "incorrect", ""), (ex.variant.set, "correct", "")]
    assert rows[0].score == 0.0 and rows[1].score == rows[1].max_score > 0


def test_the_gradebook_writes_every_sets_score_and_marks_the_one_that_counts(clean_kernel, tmp_path):
    import csv
    import json

    from ckm_course.grading import grade
    from ckm_course.grading.outputs import write
    from ckm_course.grading.samples import notebook

    ex, record = two_sets(1, 3)
    path = tmp_path / "bob.ipynb"
    path.write_text(json.dumps(notebook(BOB, [record]), ensure_ascii=False), encoding="utf-8")
    book = grade([path], exercises=[BANKED])
    assert book.outcomes.iloc[0]["score"] == 3.0  # the grade: the latest set
    write(book, tmp_path / "out")
    with open(tmp_path / "out" / "set_scores.csv", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["student_id"], r["exercise"], r["set"], r["score"], r["counts"]) for r in rows] == [
        ("2026101", BANKED, "1", "1", ""), ("2026101", BANKED, "2", "3", "yes")]
