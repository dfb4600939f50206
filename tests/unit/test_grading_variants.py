"""The gradebook re-scores a bank exercise against exactly the set its record names (issue 24 item 1)."""

from __future__ import annotations

import copy
import dataclasses
import json

import pytest

import ckm_course
from ckm_course import cli
from ckm_course.exercises import identity, journal
from ckm_course.exercises import variant as variants
from ckm_course.exercises.checks import check
from ckm_course.exercises.checks.normalize import presented
from ckm_course.exercises.record import json_safe, key_hash
from ckm_course.grading import grade, gradebook
from ckm_course.grading.samples import notebook, record_for

BANKED = "c1.1-practice-which-reason"
BOB = ("Bob Chen", "2026101")
MALLORY = ("Mallory Wu", "2026666")


def bank():
    return gradebook.catalog()[BANKED]


def checked(who, numbered=None):
    """What a kernel stores after ``who`` identified and checked ``numbered`` ({1: ..., 2: ...}; default
    :func:`half_right` of the set shown)."""
    ckm_course.student(*who)
    ex = ckm_course.exercise(BANKED)
    shown = ex.check(half_right(ex) if numbered is None else numbered)
    record = copy.deepcopy(journal.current(ex.id))
    return ex, shown, record


def half_right(ex):
    """Items 1 and 3 right, 2 and 4 given another choice: the kernel scores 2 of 4."""
    choices = [c.id for c in ex.spec.choices]
    answer = {}
    for number, item in enumerate(presented(ex.spec), start=1):  # the shown numbers
        wrong = next(c for c in choices if c not in item.answer)
        answer[number] = item.answer[0] if number % 2 else wrong
    return answer


def write(folder, name, records, who):
    path = folder / name
    path.write_text(json.dumps(notebook(who, records), ensure_ascii=False), encoding="utf-8")
    return path


def outcome(book, student):
    rows = book.outcomes[(book.outcomes["exercise"] == BANKED) & (book.outcomes["student_id"] == student)]
    assert len(rows) == 1
    return rows.iloc[0]


def flags(value) -> set[str]:
    return set(filter(None, str(value).split(";")))


def forge(record, items, answer):
    """``record`` re-made on the set ``items`` with ``answer`` (by item id), self-consistent throughout."""
    restricted = variants.restrict(bank(), tuple(items))
    result = check(restricted, answer)
    forged = copy.deepcopy(record)
    forged["variant"]["items"] = list(items)
    forged.update(key_hash=key_hash(restricted), answer=json_safe(result.answer), score=result.score,
                  status=result.status, max_score=result.max_score)
    forged["history"][-1].update(answer=forged["answer"], score=result.score, status=result.status)
    return forged


def test_a_variant_record_is_rescored_to_the_kernels_score_on_its_own_set(tmp_path, clean_kernel):
    ex, shown, record = checked(BOB)
    assert shown.score == 2.0 and record["variant"]["seed"] == variants.seed_of(BOB[1], BANKED)
    book = grade([write(tmp_path, "bob.ipynb", [record], BOB)], exercises=[BANKED])
    row = outcome(book, BOB[1])
    assert flags(row["flags"]) == set(), row["notes"]
    assert row["score"] == shown.score and row["max_score"] == 4.0
    assert book.grades.loc[0, "max_total"] == bank().show  # a set, not the whole bank, counts in the total


def test_items_swapped_for_easier_ones_are_tampered(tmp_path, clean_kernel):
    ex, _, record = checked(BOB)
    others = [item for item in bank().items if item.id not in record["variant"]["items"]][:4]
    forged = forge(record, [i.id for i in others], {i.id: list(i.answer) for i in others})
    book = grade([write(tmp_path, "bob.ipynb", [forged], BOB)], exercises=[BANKED])
    row = outcome(book, BOB[1])
    assert "tampered" in flags(row["flags"])
    assert "the items are not the ones the variant's seed yields" in row["notes"]


def test_mallory_carrying_bobs_seed_is_tampered(tmp_path, clean_kernel):
    ex, _, record = checked(BOB)
    items = [item for item in ex.spec.items]
    perfect = forge(record, [i.id for i in items], {i.id: list(i.answer) for i in items})
    book = grade([write(tmp_path, "bob.ipynb", [perfect], BOB),
                  write(tmp_path, "mallory.ipynb", [copy.deepcopy(perfect)], MALLORY)], exercises=[BANKED])
    assert flags(outcome(book, BOB[1])["flags"]) == set()
    mallory = outcome(book, MALLORY[1])
    assert "tampered" in flags(mallory["flags"]) and "the variant's seed is not this student's" in mallory["notes"]


def test_a_record_made_before_banks_is_scored_on_the_own_items_not_tampered(tmp_path, clean_kernel):
    spec = bank()
    own = variants.restrict(spec, tuple(i.id for i in spec.items[:spec.own_items]))
    answer = {item.id: list(item.answer) for item in own.items[:3]}  # 3 of the own items right
    before_banks = dataclasses.replace(own, show=None, own_items=None)  # the exercise as it was: no bank
    record = record_for(before_banks, [answer], 60, [], False)
    assert "variant" not in record and record["key_hash"] != key_hash(spec)
    book = grade([write(tmp_path, "old.ipynb", [record], BOB)], exercises=[BANKED])
    row = outcome(book, BOB[1])
    assert "tampered" not in flags(row["flags"]), row["notes"]
    assert "made before item banks" in row["notes"]
    assert row["max_score"] == spec.show and row["score"] == pytest.approx(3 * spec.show / len(own.items))


def test_no_variant_with_todays_key_is_tampered(tmp_path, clean_kernel):
    _, _, record = checked(BOB)
    del record["variant"]
    book = grade([write(tmp_path, "bob.ipynb", [record], BOB)], exercises=[BANKED])
    assert "tampered" in flags(outcome(book, BOB[1])["flags"])


def test_one_malformed_variant_does_not_stop_the_rest(tmp_path, clean_kernel):
    ex, shown, good = checked(BOB)
    identity._current.clear()
    journal._journals.clear()
    _, _, broken = checked(MALLORY)
    broken["variant"] = {"set": 1, "seed": "zz", "items": ["no-such-item"]}
    book = grade([write(tmp_path, "bob.ipynb", [good], BOB), write(tmp_path, "mallory.ipynb", [broken], MALLORY)],
                 exercises=[BANKED])
    row = outcome(book, MALLORY[1])
    assert "tampered" in flags(row["flags"]) and "malformed variant" in row["notes"]
    assert outcome(book, BOB[1])["score"] == shown.score and flags(outcome(book, BOB[1])["flags"]) == set()


def test_the_salt_is_the_one_the_class_drew_with(tmp_path, clean_kernel, monkeypatch):
    monkeypatch.setenv("CKM_VARIANT_SALT", "term-2026")
    _, _, record = checked(BOB)
    monkeypatch.delenv("CKM_VARIANT_SALT")
    path = write(tmp_path, "bob.ipynb", [record], BOB)
    assert "tampered" in flags(outcome(grade([path], exercises=[BANKED]), BOB[1])["flags"])
    assert flags(outcome(grade([path], exercises=[BANKED], salt="term-2026"), BOB[1])["flags"]) == set()
    out = tmp_path / "out"
    assert cli.main(["grade", str(path), "--out", str(out), "--salt", "term-2026", "--no-report"]) == 0
    assert "tampered" not in (out / "grades.csv").read_text(encoding="utf-8")
