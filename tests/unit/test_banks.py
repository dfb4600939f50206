"""Item banks (issue 24, "Variants"): every practice exercise with a bank is validated when loaded."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from ckm_course.content.banks import BANK_FACTOR, KINDS, wrong_feedback_needed
from ckm_course.content.builder import CONTENT_DIR, ContentError
from ckm_course.content.catalog import catalog
from ckm_course.content.loader import load_course
from ckm_course.exercises import variant

ALL_BANKED = [spec for spec in catalog().exercises if variant.has_bank(spec)]
BANKED = [spec for spec in ALL_BANKED if spec.kind in KINDS]  # item banks (questions, ordering: their own tests)
EXAMPLE = "c1.1-practice-which-reason"
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def test_the_practice_exercises_and_the_quiz_draw_from_banks():
    ids = {spec.id for spec in ALL_BANKED}
    assert len(ids) >= 50
    assert {i for i in ids if i.startswith("quiz-")} and {i for i in ids if "-practice-" in i}
    # the chapter notebooks' exercises stay fixed; the exercise notebooks' (exercises/01-09, some without
    # "-practice-" in their id, such as c1.3-clv-table) and the quiz draw from banks
    chapters = "".join(path.read_text(encoding="utf-8") for path in sorted(NOTEBOOKS.glob("0[1-9]_*.ipynb")))
    shown = set(re.findall(r'exercise\(\\"([^\\"]+)\\"\)', chapters))
    assert shown, "the chapter notebooks call ckm_course.exercise(...)"
    assert not ids & shown, "chapter exercises stay fixed"


@pytest.mark.parametrize("spec", BANKED, ids=lambda s: s.id)
def test_every_bank_item_has_key_reason_point_and_wrong_choice_feedback(spec):
    assert len(spec.items) >= BANK_FACTOR * spec.show
    choices = {c.id for c in spec.choices}
    points = {p.id for ch in catalog().course.chapters for p in ch.points}
    for item in spec.items[spec.own_items:]:
        assert item.answer and set(item.answer) <= choices and item.reason is not None
        assert item.point in points
        feedback = dict(item.feedback)
        assert not set(feedback) & set(item.answer)
        assert len(feedback) >= wrong_feedback_needed(len(choices), len(item.answer)), item.id
    assert len({item.id for item in spec.items}) == len(spec.items)


@pytest.mark.parametrize("spec", BANKED, ids=lambda s: s.id)
def test_no_feedback_names_the_key_of_its_item(spec):
    labels = {c.id: c.label for c in spec.choices}
    for item in spec.items[spec.own_items:]:
        for _, text in item.feedback:
            for key in item.answer:
                assert labels[key].zh not in text.zh and labels[key].en.casefold() not in text.en.casefold(), \
                    (item.id, key)


def _broken(tmp_path: Path, change) -> ContentError:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    bank = folder / "banks" / f"{EXAMPLE}.toml"
    bank.write_text(change(bank.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_course(folder)
    return caught.value


@pytest.mark.parametrize(("change", "field", "problem"), [
    (lambda t: t.replace('answer = ["revenue"]', 'answer = ["revenu"]', 1), "answer/feedback", "did you mean 'revenue'"),
    (lambda t: t.replace('point = "C1.1"', 'point = "C1.9"', 1), "point", "not a CONTENT.md point"),
    (lambda t: t.replace('show = 4', 'show = 5'), "items", "3 x show = 15 needed"),
    (lambda t: t.replace('market-value = { zh = "这里变化', 'revenue = { zh = "这里变化', 1), "feedback.revenue",
     "is the key of this item"),
    (lambda t: t.replace('competitive-advantage = { zh = "案例没有说', '# ', 1), "feedback", "needed"),
    (lambda t: t.replace('reason = {', 'explanation = {', 1), "explanation", "unknown field"),
    (lambda t: t.replace('exercise = "c1.1-practice-which-reason"', 'exercise = "c1.1-practice-which-reasons"'),
     "exercise", "must be named"),
])
def test_a_broken_bank_is_one_clear_error(tmp_path, change, field, problem):
    error = _broken(tmp_path, change)
    assert error.file == f"banks/{EXAMPLE}.toml" and field in error.field and problem in error.problem, str(error)
