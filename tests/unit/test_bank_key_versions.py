"""Key versions per bank item and the default_set flag (issue 24 "not met" 3 and 5).

A bank exercise's record carries its set's key hash, made of each item's key hash; when one item's key
changes later, the key history's line for that item ("<exercise>/<item>") tells the old record from a
forged one: ``key_changed``, not ``tampered``. A record on the seedless default set from a student whose
notebook names them is flagged ``default_set`` (benign).
"""

from __future__ import annotations

import copy
import dataclasses
import json

import pytest

import ckm_course
from ckm_course.content.catalog import catalog
from ckm_course.exercises import journal
from ckm_course.exercises import variant as variants
from ckm_course.exercises.record import history_key, key_hash, unit_hash
from ckm_course.grading import grade, gradebook
from ckm_course.grading.samples import notebook

BANKED = "c1.1-practice-which-reason"
BOB = ("Bob Chen", "2026101")


def graded(tmp_path, records, who=BOB, spec=None, monkeypatch=None):
    if spec is not None:
        specs = {**gradebook.catalog(), spec.id.casefold(): spec}
        monkeypatch.setattr(gradebook, "catalog", lambda: specs)
    path = tmp_path / "bob.ipynb"
    path.write_text(json.dumps(notebook(who, records), ensure_ascii=False), encoding="utf-8")
    book = grade([path], exercises=[BANKED if spec is None else spec.id])
    return book.outcomes.iloc[0]


def flags(value) -> set[str]:
    return set(filter(None, str(value).split(";")))


def bob_checks_his_set():
    ckm_course.student(*BOB)
    ex = ckm_course.exercise(BANKED)
    ex.check({n: item.answer[0] for n, item in enumerate(ex.items, start=1)})
    return ex, copy.deepcopy(journal.current(ex.id))


def with_changed_key(spec, item_id):
    """``spec`` with one item's key moved to another choice (as a content fix would)."""
    def change(item):
        if item.id != item_id:
            return item
        other = next(c.id for c in spec.choices if c.id not in item.answer)
        return dataclasses.replace(item, answer=(other,), feedback=())
    return dataclasses.replace(spec, items=tuple(change(i) for i in spec.items))


def test_every_bank_item_s_key_hash_is_in_the_history_and_a_set_hash_is_made_of_them():
    spec = catalog().exercises.find(BANKED)
    for item in spec.items:
        assert unit_hash(spec, item.id) in catalog().key_history[history_key(spec.id, item.id)]
    shown = variants.restrict(spec, variants.variant_for(spec, "2026101").items)
    changed = with_changed_key(spec, shown.items[0].id)
    assert key_hash(variants.restrict(changed, tuple(i.id for i in shown.items))) != key_hash(shown)
    other = next(i for i in spec.items if i.id not in {s.id for s in shown.items})
    assert key_hash(variants.restrict(with_changed_key(spec, other.id), tuple(i.id for i in shown.items))) == key_hash(shown)


def test_an_item_whose_key_changed_later_gives_key_changed_not_tampered(tmp_path, clean_kernel, monkeypatch):
    ex, record = bob_checks_his_set()
    assert record["score"] == record["max_score"] == 4
    assert flags(graded(tmp_path, [record])["flags"]) == set()
    changed = with_changed_key(ex.bank, ex.variant.items[0])
    row = graded(tmp_path, [record], spec=changed, monkeypatch=monkeypatch)
    assert flags(row["flags"]) == {"key_changed"}, row["notes"]
    assert row["score"] == 3.0
    # without the item's line in the key history, the same record is a forgery
    line = history_key(BANKED, ex.variant.items[0])
    forgotten = {k: v for k, v in catalog().key_history.items() if k != line}
    monkeypatch.setitem(catalog().__dict__, "key_history", forgotten)
    row = graded(tmp_path, [record], spec=changed, monkeypatch=monkeypatch)
    assert "tampered" in flags(row["flags"]), row["notes"]


def test_a_question_whose_key_changed_later_gives_key_changed(tmp_path, clean_kernel, monkeypatch):
    spec = catalog().exercises.find("quiz-c2-era")
    if not variants.has_bank(spec):
        pytest.skip("quiz-c2-era has no question bank yet")
    ckm_course.student(*BOB)
    shown = variants.variant_for(spec, BOB[1])
    from ckm_course.exercises.exercise import Exercise
    ex = Exercise(variants.restrict(spec, shown.items), spec, shown)
    record = copy.deepcopy(ex.check(ex.spec.correct[0]).record)
    question = next(q for q in spec.questions if q.id == shown.items[0])
    other = next(c.id for c in question.choices if c.id not in question.correct)
    moved = dataclasses.replace(question, correct=(other,))
    changed = dataclasses.replace(spec, questions=tuple(moved if q.id == question.id else q for q in spec.questions))
    if question.id == spec.id:
        changed = dataclasses.replace(changed, correct=(other,))
    old = unit_hash(spec, question.id)
    history = {**catalog().key_history, history_key(spec.id, question.id): frozenset({old})}
    monkeypatch.setitem(catalog().__dict__, "key_history", history)
    specs = {**gradebook.catalog(), spec.id.casefold(): changed}
    monkeypatch.setattr(gradebook, "catalog", lambda: specs)
    path = tmp_path / "bob.ipynb"
    path.write_text(json.dumps(notebook(BOB, [record]), ensure_ascii=False), encoding="utf-8")
    row = grade([path], exercises=[spec.id]).outcomes.iloc[0]
    assert flags(row["flags"]) == {"key_changed"} and row["score"] == 0.0, row["notes"]


def test_the_default_set_of_a_student_who_names_themselves_is_flagged_default_set(tmp_path, clean_kernel):
    ex = ckm_course.exercise(BANKED)  # nobody identified yet: the default set
    assert ex.variant.seed is None and ex.variant.set == 1
    ex.check({n: item.answer[0] for n, item in enumerate(ex.items, start=1)})
    record = copy.deepcopy(journal.current(ex.id))
    row = graded(tmp_path, [record], who=BOB)
    assert flags(row["flags"]) == {"default_set"} and row["score"] == 4.0, row["notes"]
    assert "default set" in row["notes"]
    anonymous = graded(tmp_path, [record], who=None)
    assert "default_set" not in flags(anonymous["flags"]) and "tampered" not in flags(anonymous["flags"])
    ckm_course.student(*BOB)
    own = ckm_course.exercise(BANKED)
    own.check({n: item.answer[0] for n, item in enumerate(own.items, start=1)})
    assert flags(graded(tmp_path, [copy.deepcopy(journal.current(own.id))], who=BOB)["flags"]) == set()
