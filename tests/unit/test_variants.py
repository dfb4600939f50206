"""Every student their own set (issue 24, "Variants"): seeded, stable, stratified, recorded."""

from __future__ import annotations

import pytest

import ckm_course
from ckm_course.content.catalog import catalog
from ckm_course.exercises import identity, journal, settings
from ckm_course.exercises import variant
from ckm_course.exercises.exercise import exercise

BANKED = [spec for spec in catalog().exercises if variant.has_bank(spec)]
PRACTICE = [spec for spec in BANKED if "-practice-" in spec.id]
EXAMPLE = "c1.1-practice-which-reason"


@pytest.fixture(autouse=True)
def fresh_kernel(monkeypatch):
    """Each test is a new kernel: nobody identified, no journal, practice mode, no hub user."""
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    monkeypatch.delenv("CKM_STUDENT_ID", raising=False)
    monkeypatch.delenv("CKM_VARIANT_SALT", raising=False)
    identity._current.clear()
    journal._journals.clear()
    settings._state.clear()
    yield
    identity._current.clear()
    journal._journals.clear()
    settings._state.clear()


def test_two_students_get_different_items_in_nine_of_ten_practice_exercises_and_the_same_id_the_same():
    ids = [f"2026{n:03d}" for n in range(100)]
    differ = total = 0
    for spec in PRACTICE:
        for first, second in zip(ids, ids[1:]):
            a = variant.variant_for(spec, first).items
            assert a == variant.variant_for(spec, first).items
            differ += set(a) != set(variant.variant_for(spec, second).items)
            total += 1
    assert differ / total >= 0.9, f"{differ}/{total}"


def test_a_set_covers_as_many_answers_as_the_bank_allows():
    for spec in BANKED:
        if spec.questions:  # a question bank's set is one question (tests/unit/test_question_banks.py)
            continue
        answers = {tuple(sorted(i.answer)) for i in spec.items}
        for student in ("a", "b", "c"):
            shown = variant.restrict(spec, variant.variant_for(spec, student).items).items
            assert len(shown) == spec.show
            assert len({tuple(sorted(i.answer)) for i in shown}) == min(spec.show, len(answers)), spec.id


def test_the_default_set_is_from_the_exercise_s_own_items_and_the_salt_changes_sets():
    spec = catalog().exercises.find(EXAMPLE)
    default = variant.variant_for(spec, None)
    assert default.seed is None and set(default.items) <= {i.id for i in spec.items[:spec.own_items]}
    assert variant.variant_for(spec, "s1", assignment_salt="autumn").items != \
        variant.variant_for(spec, "s1", assignment_salt="spring").items or \
        variant.variant_for(spec, "s2", assignment_salt="autumn").items != \
        variant.variant_for(spec, "s2", assignment_salt="spring").items


def test_identifying_draws_the_student_s_set_and_a_check_records_it_by_number():
    before = exercise(EXAMPLE)
    assert before.variant.seed is None and before.template() == {1: ..., 2: ..., 3: ..., 4: ...}
    ckm_course.student("王小明", "2024001")
    ex = exercise(EXAMPLE)
    assert ex.variant == variant.variant_for(ex.bank, "2024001")
    answer = {n: item.answer[0] for n, item in enumerate(ex.items, start=1)}
    checked = ex.check(answer)
    record = checked.record
    assert record["variant"] == ex.variant.as_record() and record["score"] == record["max_score"] == 4
    assert record["history"][-1]["set"] == 1
    assert "1. " in ex.your_set() and "set 1" in ex.your_set("en")


def test_new_set_draws_the_next_set_kept_for_the_exercise_and_refused_in_assessment():
    ckm_course.student("Ana", "s-001")
    first = exercise(EXAMPLE)
    second = first.new_set()
    assert second.variant.set == 2 and second.variant.items != first.variant.items
    assert exercise(EXAMPLE).variant == second.variant  # re-running the cell keeps the new set
    wrong = {n: next(c.id for c in second.spec.choices if c.id not in item.answer)
             for n, item in enumerate(second.items, start=1)}
    record = second.check(wrong).record
    assert record["variant"]["set"] == 2 and record["score"] == 0
    ckm_course.configure(mode="assessment")
    with pytest.raises(ValueError, match="assessment"):
        exercise(EXAMPLE).new_set()
    with pytest.raises(ValueError, match="no item bank"):
        exercise("c1.3-customer-classes").new_set()


def test_a_restart_comes_back_to_the_saved_set():
    ckm_course.student("Ana", "s-001")
    second = exercise(EXAMPLE).new_set()
    saved = second.check({1: "revenue"}).record
    journal._journals.clear()  # the kernel restarts; the saved record seeds the journal again
    journal.seed(saved)
    assert exercise(EXAMPLE).variant == second.variant


@pytest.mark.parametrize("tamper", ["swap", "seed", "mangle"])
def test_a_variant_that_is_not_the_seed_s_or_not_the_student_s_is_named(tamper):
    spec = catalog().exercises.find(EXAMPLE)
    mine = variant.variant_for(spec, "bob").as_record()
    assert variant.problems(spec, mine, "bob") == []
    if tamper == "swap":
        mine["items"] = [i.id for i in spec.items[:4]] if mine["items"] != [i.id for i in spec.items[:4]] \
            else [i.id for i in spec.items[4:8]]
        assert "not the ones" in " ".join(variant.problems(spec, mine, "bob"))
    elif tamper == "seed":
        assert "not this student's" in " ".join(variant.problems(spec, mine, "mallory"))
    else:
        mine["seed"] = "not hex"
        assert "malformed" in " ".join(variant.problems(spec, mine, "bob"))


def test_a_reveal_is_noted_for_each_set_so_revealing_set_2_spoils_set_2():
    ckm_course.student("Ana", "s-001")
    first = exercise(EXAMPLE)
    first.solution()
    second = first.new_set()
    second.solution()
    key = {n: item.answer[0] for n, item in enumerate(second.items, start=1)}
    record = second.check(key).record
    reveals = [h for h in record["history"] if h.get("event") == "reveal"]
    assert [h["set"] for h in reveals] == [1, 2] and record["revealed"]
    from ckm_course.exercises.mastery import exercise_credit
    assert exercise_credit(record) == (True, 0.0)  # the set-2 key was shown before its first check


def test_an_item_number_is_ascii_digits_only():
    """"²" is a digit to str.isdigit() but no number (found by the property run): not an item number."""
    from ckm_course.exercises.checks import check

    ex = exercise(EXAMPLE)
    assert check(ex.spec, {"²": False}).status != "correct"
    assert check(ex.spec, {" 1 ": ex.items[0].answer[0]}).score == 1
