"""The misconception heatmap of a bank exercise counts each item over the students shown it (issue 24)."""

from __future__ import annotations

from pathlib import Path

from ckm_course.grading import grade
from ckm_course.grading.items import misconceptions

SAMPLES = Path(__file__).resolve().parents[2] / "datasets" / "sample_submissions" / "submissions"
BANKED = "c3.4-practice-explicit-tacit"  # the sample class answers its own sets of it


def test_each_bank_item_is_shared_over_the_students_who_were_shown_it():
    book = grade(sorted(SAMPLES.glob("*.ipynb")))
    table = misconceptions(book, BANKED)
    sums = table.sum(axis=1)
    # every student filed every item of their set somewhere (one label each): a row sums to ~1, not to the
    # quarter of the class that saw it (it read "✓ 22 %" for an item 22 of 34 students got right)
    shown = sums[sums > 0]
    assert len(shown) >= 8 and shown.min() > 0.6 and shown.max() <= 1.0001, sums.to_dict()
    plain = misconceptions(book, "c3.1-four-categories")  # no bank: shares of everyone who handed in
    assert plain.values.max() <= 1.0001
