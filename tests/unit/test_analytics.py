"""Analytics against small examples computed by hand (C1.3, C2.3)."""

from __future__ import annotations

import pandas as pd
import pytest

from ckm_course import analytics
from ckm_course.model import Activity, RfmSegment, Text

T = Text("x", "x")


def test_clv_formula():
    assert analytics.clv(1200, 0.8, 0.1) == pytest.approx(3200)
    assert analytics.clv(500, 0.5, 0.1) == pytest.approx(416.6667, abs=1e-3)
    assert analytics.clv(-100, 0.5) < 0


def test_scores_give_ties_the_lowest_score_of_their_group():
    values = pd.Series([1, 1, 1, 1, 1, 1, 2, 3, 4, 5])
    assert analytics.score(values, 5).tolist() == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]
    recency = pd.Series([10, 20, 30, 40, 50])
    assert analytics.score(recency, 5, higher_is_better=False).tolist() == [5, 4, 3, 2, 1]


def test_rfm_counts_purchase_days_not_lines():
    transactions = pd.DataFrame({
        "customer_id": [1, 1, 1, 2, 3, 3],
        "date": ["2020-01-01", "2020-01-01", "2020-01-10", "2020-01-05", "2020-01-02", "2020-01-09"],
        "dollars": [10.0, 5.0, 20.0, 100.0, 1.0, 2.0],
    })
    table = analytics.rfm(transactions, as_of="2020-01-11", bins=3)
    assert table.loc[1].tolist()[:3] == [1, 2, 35.0]
    assert table.loc[2].tolist()[:3] == [6, 1, 100.0]
    assert table.loc[3].tolist()[:3] == [2, 2, 3.0]
    assert table["R"].tolist() == [3, 1, 2]      # most recent scores highest
    assert table["F"].tolist() == [2, 1, 2]      # customers 1 and 3 tie on frequency
    assert table["M"].tolist() == [2, 3, 1]


def test_rfm_segments_take_the_first_match():
    table = pd.DataFrame({"R": [5, 5, 1, 3], "F": [5, 1, 5, 3]})
    segments = [RfmSegment("champions", T, T, r_min=4, f_min=4), RfmSegment("new", T, T, r_min=4, f_max=2),
                RfmSegment("at-risk", T, T, r_max=2, f_min=3), RfmSegment("others", T, T)]
    assert analytics.rfm_segments(table, segments).tolist() == ["champions", "new", "at-risk", "others"]


def test_profitability_is_margin_minus_activity_costs():
    customers = pd.DataFrame({"revenue": [1000, 500], "cogs": [600, 300], "orders": [2, 10], "calls": [1, 5]})
    activities = [Activity("order", "orders", T, T, 50.0), Activity("call", "calls", T, T, 20.0)]
    table = analytics.profitability(customers, activities)
    assert table["gross_margin"].tolist() == [400, 200]
    assert table["cost_to_serve"].tolist() == [120.0, 600.0]
    assert table["profit"].tolist() == [280.0, -400.0]


def test_whale_curve_rises_above_one_and_ends_at_one():
    curve = analytics.whale_curve(pd.Series([300.0, -100.0, 50.0, -50.0], index=list("abcd")))
    assert curve["customer"].tolist() == ["a", "c", "d", "b"]
    assert curve["cumulative_profit_share"].tolist() == pytest.approx([1.5, 1.75, 1.5, 1.0])
    assert curve["customer_share"].tolist() == [0.25, 0.5, 0.75, 1.0]


def test_customer_classes_follow_the_documented_order():
    customers = pd.DataFrame({
        "revenue": [600, 300, 50, 40, 10], "retention_rate": [0.8] * 5,
        "growth_rate": [0.5, 0.0, 0.5, 0.0, 0.0], "wallet_size": [700, 400, 60, 400, 20],
    }, index=list("abcde"))
    profit = pd.Series([100.0, -5.0, 10.0, 5.0, 1.0], index=list("abcde"))
    classes = analytics.customer_classes(customers, profit, analytics.ClassRules(top_revenue_share=0.6))
    # a: top revenue (and growing: most valuable wins); b: loses money although it is large;
    # c: grows fast; d: spends only 10 % of its wallet with us; e: nothing special.
    assert classes.to_dict() == {"a": "most-valuable", "b": "negative-value", "c": "growth-potential",
                                 "d": "growth-potential", "e": "other"}
    wider = analytics.customer_classes(customers, profit, analytics.ClassRules(top_revenue_share=0.7))
    assert wider["b"] == "negative-value" and wider["a"] == "most-valuable"
    summary = analytics.class_summary(customers, profit, classes)
    assert summary.loc["growth-potential", "customers"] == 2
    assert summary["profit_share"].sum() == pytest.approx(1.0, abs=0.01)
