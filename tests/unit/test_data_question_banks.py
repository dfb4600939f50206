"""Question banks on the course's real data (issue 24 item 1: "every bank item has its key"): every question of
c1.3-case-loss-share and c2.3-cdnow-repeat-buyers, the own one included, has its expected value and every slip
recomputed here from the datasets with the code its hint describes, so a changed dataset or a wrong key fails."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import pandas as pd
import pytest

from ckm_course import analytics, data
from ckm_course.content.catalog import catalog
from ckm_course.exercises import variant

CASE, CDNOW = "c1.3-case-loss-share", "c2.3-cdnow-repeat-buyers"


@cache
def case() -> tuple[pd.DataFrame, pd.DataFrame]:
    customers = data.load_case("customers")
    return customers, analytics.profitability(customers, data.case_company().activities)


@cache
def purchase_days() -> pd.Series:
    return data.load_cdnow().groupby("customer_id")["date"].nunique()


@cache
def lines() -> pd.Series:
    return data.load_cdnow().groupby("customer_id").size()


def loss_share() -> float:  # the own question's hint: (profit < 0).mean()
    return float((case()[1]["profit"] < 0).mean())


def segment(name: str) -> pd.Series:
    return case()[0]["segment"] == name


def segment_loss(name: str) -> pd.Series:  # the new questions' hint: (profit[segment] < 0).mean()
    return case()[1]["profit"][segment(name)] < 0


# question id -> (how its expected value follows from the data, {slip value: the slip that gives it})
RECOMPUTED: dict[str, dict[str, tuple[Callable[[], float], dict[float, Callable[[], float]]]]] = {
    CASE: {
        CASE: (loss_share, {
            0.1006: lambda: float(case()[1].loc[case()[1]["profit"] < 0, "revenue"].sum() / case()[1]["revenue"].sum()),
            0.6825: lambda: float((case()[1]["profit"] > 0).mean()),
            127: lambda: float((case()[1]["profit"] < 0).sum()),
            0.1175: lambda: float(((case()[1]["revenue"] - case()[1]["cost_to_serve"]) < 0).mean()),
        }),
        "smb-loss-share": (lambda: float(segment_loss("smb").mean()), {
            0.0875: lambda: float(segment_loss("smb").sum() / len(case()[0])),
            0.3175: loss_share,
            35: lambda: float(segment_loss("smb").sum()),
            0.8205: lambda: float((case()[1]["profit"][segment("smb")] > 0).mean()),
            0.0718: lambda: float(((case()[1]["revenue"] - case()[1]["cost_to_serve"])[segment("smb")] < 0).mean()),
        }),
        "startup-loss-share": (lambda: float(segment_loss("startup").mean()), {
            0.0525: lambda: float(segment_loss("startup").sum() / len(case()[0])),
            0.3175: loss_share,
            21: lambda: float(segment_loss("startup").sum()),
            0.72: lambda: float((case()[1]["profit"][segment("startup")] > 0).mean()),
            0.1733: lambda: float(((case()[1]["revenue"] - case()[1]["cost_to_serve"])[segment("startup")] < 0).mean()),
        }),
    },
    CDNOW: {
        CDNOW: (lambda: float((purchase_days() > 1).sum()), {
            11662: lambda: float((lines() > 1).sum()),
            23570: lambda: float(len(purchase_days())),
            12054: lambda: float((purchase_days() == 1).sum()),
            7476: lambda: float((purchase_days() > 2).sum()),
            0.48859: lambda: float((purchase_days() > 1).mean()),
            46089: lambda: float(data.load_cdnow().duplicated("customer_id").sum()),
            44021: lambda: float((purchase_days() - 1).sum()),
            10815: lambda: float((data.load_cdnow().assign(month=lambda t: t["date"].dt.to_period("M"))
                                  .groupby("customer_id")["month"].nunique() > 1).sum()),
            16761: lambda: float((data.load_cdnow().groupby("customer_id")["cds"].sum() > 1).sum()),
            48.86: lambda: float((purchase_days() > 1).mean() * 100),
        }),
        "ten-day-buyers": (lambda: float((purchase_days() >= 10).sum()), {
            1154: lambda: float((lines() >= 10).sum()),
            892: lambda: float((purchase_days() > 10).sum()),
            0.04557: lambda: float((purchase_days() >= 10).mean()),
        }),
        "two-day-buyers": (lambda: float((purchase_days() == 2).sum()), {
            4079: lambda: float((lines() == 2).sum()),
            11516: lambda: float((purchase_days() > 1).sum()),
            0.1714: lambda: float((purchase_days() == 2).mean()),
        }),
    },
}
QUESTIONS = [(exercise, question) for exercise in RECOMPUTED
             for question in catalog().course.exercise(exercise).questions]


@pytest.mark.parametrize("exercise", RECOMPUTED)
def test_every_data_question_is_recomputed_here(exercise):
    spec = catalog().course.exercise(exercise)
    assert variant.has_bank(spec) and len(spec.questions) >= 3
    assert [q.id for q in spec.questions] == list(RECOMPUTED[exercise]), "add the new question's computation"


def within_key_rounding(written: float, computed: float, tolerance: float) -> bool:
    """A key is the computed figure, written to within a tenth of the tolerance (a count: exactly)."""
    return abs(written - computed) <= tolerance / 10 + 1e-12


@pytest.mark.parametrize(("exercise", "question"), QUESTIONS, ids=lambda x: getattr(x, "id", x))
def test_each_data_question_s_key_and_slips_are_what_the_data_give(exercise, question):
    spec = catalog().course.exercise(exercise)
    shown = variant.restrict(spec, (question.id,))
    expected, slips = RECOMPUTED[exercise][question.id]
    assert within_key_rounding(shown.expected, expected(), shown.tolerance), (question.id, expected())
    assert sorted(slip.value for slip in shown.slips) == sorted(slips), "every slip is recomputed"
    for slip in shown.slips:
        tolerance = slip.tolerance if slip.tolerance is not None else shown.tolerance
        computed = slips[slip.value]()  # the slip's figure is recognised as that slip
        assert abs(slip.value - computed) <= tolerance + 1e-9, (slip.value, computed)
        assert abs(slip.value - shown.expected) > shown.tolerance  # a slip is never the key


@pytest.mark.parametrize(("exercise", "question"), [(e, q) for e, q in QUESTIONS if q.id != e], ids=lambda x: getattr(x, "id", x))
def test_a_new_data_question_keeps_the_own_tolerance_and_answer_form(exercise, question):
    own = catalog().course.exercise(exercise)
    shown = variant.restrict(own, (question.id,))
    assert (shown.tolerance, shown.percent, shown.relative, shown.unit) == (
        own.tolerance, own.percent, own.relative, own.unit)
    assert question.prompt.en.split("(")[0] == own.prompt.en.split("(")[0]  # the same data and tools


@pytest.mark.parametrize("exercise", RECOMPUTED)
def test_the_gradebook_rescores_each_data_question_tried(clean_kernel, exercise):
    import copy

    import ckm_course
    from ckm_course.exercises import journal
    from ckm_course.grading import gradebook
    from ckm_course.grading.set_scores import set_scores

    ckm_course.student("Bob Chen", "2026101")
    ex = ckm_course.exercise(exercise)
    ex.check(RECOMPUTED[exercise][exercise][0]())  # the own question's figure, whichever set is shown
    first = ex.variant
    ex = ex.new_set()
    ex.check(RECOMPUTED[exercise][ex.variant.items[0]][0]())  # this set's figure, computed from the data
    rows = set_scores(copy.deepcopy(journal.current(exercise)), gradebook.catalog()[exercise], ("2026101",))
    own_right = first.items == (exercise,)
    assert [(r.set, r.status, r.problem) for r in rows] == [
        (1, "correct" if own_right else "incorrect", ""), (ex.variant.set, "correct", "")]
