"""Item statistics across variants and the sample class on its own sets (issue 24 items 2 and 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ckm_course.exercises import variant as variants
from ckm_course.grading import grade, gradebook, samples
from ckm_course.grading.report import dubious_section

BANKED = "c3.4-practice-explicit-tacit"
COUNT = 90
SAMPLES = Path(__file__).resolve().parents[2] / "datasets" / "sample_submissions"


def ids(count: int = COUNT) -> list[str]:
    return [f"2027{n:03d}" for n in range(1, count + 1)]


@pytest.fixture(scope="module")
def banked_class(tmp_path_factory):
    """90 students on their own sets; one bank item everyone gets wrong, one item the abler get wrong."""
    spec = gradebook.catalog()[BANKED]
    hard, odd = spec.items[0], spec.items[1]
    folder = tmp_path_factory.mktemp("class")
    shown = {}
    for rank, ident in enumerate(ids()):
        variant = variants.variant_for(spec, ident, 1, "")
        shown[ident] = variant.items
        answer = {}
        for item in variants.restrict(spec, variant.items).items:
            wrong = next(c.id for c in spec.choices if c.id not in item.answer)
            able = rank % 3 != 0  # two thirds answer the ordinary items right
            right = {hard.id: False, odd.id: not able}.get(item.id, able)
            answer[item.id] = list(item.answer) if right else [wrong]
        record = samples.record_for(spec, [answer], 60 + rank, [], False, variant)
        text = json.dumps(samples.notebook((f"学生{rank}", ident), [record]), ensure_ascii=False)
        (folder / f"{ident}.ipynb").write_text(text, encoding="utf-8")
    book = grade([folder], salt="")
    return book, shown, hard.id, odd.id


def test_each_bank_item_is_counted_over_the_students_shown_it(banked_class):
    book, shown, _, _ = banked_class
    rows = book.items[book.items["exercise"] == BANKED].set_index("item")
    for item in gradebook.catalog()[BANKED].items:
        assert rows.loc[item.id, "n"] == sum(item.id in items for items in shown.values()), item.id
    assert book.grades["flags"].eq("").all() and book.grades["max_total"].eq(4).all()


def test_dubious_items_are_flagged_in_items_and_the_report(banked_class):
    book, shown, hard, odd = banked_class
    rows = book.items[book.items["exercise"] == BANKED].set_index("item")
    assert rows.loc[hard, "facility"] == 0 and rows.loc[hard, "n"] >= 20 and rows.loc[hard, "dubious"]
    assert rows.loc[odd, "discrimination"] < 0 and rows.loc[odd, "dubious"]
    plain = [i for i in rows.index if i not in (hard, odd) and rows.loc[i, "n"] >= 20]
    assert plain and not rows.loc[plain, "dubious"].any()
    section = dubious_section(book)
    assert "可疑题目 Dubious items" in section and hard in section and odd in section
    assert not any(f">{item}<" in section for item in plain)


def test_too_few_students_is_not_dubious():
    from ckm_course.grading.items import dubious

    assert dubious(20, 0.0, None) and dubious(25, 0.5, -0.1) and dubious(30, 0.97, 0.2)
    assert not dubious(19, 0.0, -0.5) and not dubious(40, 0.5, 0.3)


def test_the_sample_students_answer_their_own_sets():
    book = grade([SAMPLES / "submissions"], roster=SAMPLES / "roster.csv", due=samples.DUE, salt="")
    spec = gradebook.catalog()[BANKED]
    sets = {}
    for path in (SAMPLES / "submissions").glob("2026*.ipynb"):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            for output in cell.get("outputs", []):
                record = output.get("data", {}).get("application/vnd.ckm-course.answer+json")
                if record and record["exercise"] == BANKED:
                    sets[path.stem] = tuple(record["variant"]["items"])
    assert len(sets) >= 50 and len(set(sets.values())) >= 20, "each student their own set"
    for ident, items in sets.items():
        assert items == variants.variant_for(spec, ident, 1, "").items, ident
    outcomes = book.outcomes[book.outcomes["exercise"] == BANKED]
    assert not outcomes["flags"].str.contains("tampered").any()
