"""Analytics against small examples computed by hand (C1.3, C2.3)."""

from __future__ import annotations

import pandas as pd
import pytest

from ckm_course.case import analytics
from ckm_course.content.company_model import Activity, RfmBands, RfmSegment
from ckm_course.content.model import Text

T = Text("x", "x")


BANDS = RfmBands(as_of="2020-01-11", recency_days=(2, 4, 6, 8), frequency=(2, 3, 4, 5), monetary=(10, 20, 50, 100),
                 lapsed_after_days=8)


def test_clv_formula_in_cents():
    assert analytics.clv(1200, 0.8, 0.1) == 3200.0      # 1200·0.8/0.3, not 3199.9999999999995
    assert analytics.clv(500, 0.5, 0.1) == 416.67       # 250/0.6
    assert analytics.clv(-100, 0.5) == -83.33
    assert analytics.clv(pd.Series([1200.0, 500.0]), 0.8).tolist() == [3200.0, 1333.33]


def test_scores_give_ties_the_lowest_score_of_their_group():
    values = pd.Series([1, 1, 1, 1, 1, 1, 2, 3, 4, 5])
    assert analytics.score(values, 5).tolist() == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]
    recency = pd.Series([10, 20, 30, 40, 50])
    assert analytics.score(recency, 5, higher_is_better=False).tolist() == [5, 4, 3, 2, 1]


def test_band_scores_are_absolute_and_edges_belong_to_the_better_band():
    recency = pd.Series([1, 30, 31, 90, 91, 180, 181, 365, 366, 546])
    assert analytics.band_score(recency, (30, 90, 180, 365), higher_is_better=False).tolist() == \
        [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    frequency = pd.Series([1, 2, 3, 4, 5, 9, 10, 40])
    assert analytics.band_score(frequency, (2, 3, 5, 10)).tolist() == [1, 2, 3, 3, 4, 4, 5, 5]
    # the same customer keeps its score whoever else is in the table (quantiles would not)
    alone = analytics.band_score(pd.Series([400]), (30, 90, 180, 365), higher_is_better=False)
    assert alone.tolist() == [1]
    assert analytics.score(pd.Series([400]), 5, higher_is_better=False).tolist() == [1]
    assert analytics.score(pd.Series([400, 500, 600, 700, 800]), 5, higher_is_better=False).tolist()[0] == 5
    with pytest.raises(ValueError, match="rise strictly"):
        analytics.band_score(recency, (90, 30))


def test_rfm_counts_purchase_days_and_scores_against_the_stated_date():
    transactions = pd.DataFrame({
        "customer_id": [1, 1, 1, 2, 3, 3],
        "date": ["2020-01-01", "2020-01-01", "2020-01-10", "2020-01-05", "2020-01-02", "2020-01-09"],
        "dollars": [10.0, 5.0, 20.0, 100.0, 1.0, 2.0],
    })
    table = analytics.rfm(transactions, BANDS)            # as_of 2020-01-11 from the bands
    assert table.loc[1].tolist()[:3] == [1, 2, 35.0]
    assert table.loc[2].tolist()[:3] == [6, 1, 100.0]
    assert table.loc[3].tolist()[:3] == [2, 2, 3.0]
    assert table["R"].tolist() == [5, 3, 5]               # 1 and 2 days: R5; 6 days: R3
    assert table["F"].tolist() == [2, 1, 2]
    assert table["M"].tolist() == [3, 5, 1]               # $35 >= 20; $100 >= 100; $3 < 10
    later = analytics.rfm(transactions, BANDS, as_of="2020-01-20")
    assert later["recency_days"].tolist() == [10, 15, 11] and later["R"].tolist() == [1, 1, 1]
    with pytest.raises(ValueError, match="must come after every transaction"):
        analytics.rfm(transactions, BANDS, as_of="2020-01-10")


def test_rfm_segments_take_the_first_match():
    table = pd.DataFrame({"R": [5, 5, 1, 3], "F": [5, 1, 5, 3]})
    segments = [RfmSegment("champions", T, T, r_min=4, f_min=4), RfmSegment("new", T, T, r_min=4, f_max=2),
                RfmSegment("at-risk", T, T, r_max=2, f_min=3), RfmSegment("others", T, T)]
    assert analytics.rfm_segments(table, segments).tolist() == ["champions", "new", "at-risk", "others"]


def test_recency_limit_reads_the_band_edge_of_the_lowest_r():
    bands = RfmBands("1998-07-01", (30, 90, 180, 365), (2, 3, 5, 10), (20, 50, 100, 250), 365)
    limits = [analytics.recency_limit(RfmSegment("s", T, T, r_min=r), bands) for r in (5, 4, 3, 2, 1)]
    assert limits == [30, 90, 180, 365, float("inf")]


def test_segment_profile_summarises_each_segment():
    table = pd.DataFrame({"recency_days": [10, 30, 400], "frequency": [5, 3, 1], "monetary": [100.0, 50.0, 5.0]})
    profile = analytics.segment_profile(table, pd.Series(["a", "a", "b"]))
    assert profile.loc["a"].tolist() == [2, 20.0, 30, 4.0, 75.0]
    assert profile.loc["b", "max_recency"] == 400


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


# Lifetime rule, hand-computed with a 2-year horizon, no discount, retention 0.5:
# growing factor = 1 + (1+g)·0.5, flat factor = 1 + 0.5 = 1.5.
LIFETIME = analytics.ClassRules(discount=0.0, years=2)
ACTIVITIES = [Activity("order", "orders", T, T, 50.0), Activity("visit", "visits", T, T, 380.0, grows=False)]


def _lifetime_customers() -> pd.DataFrame:
    return pd.DataFrame({
        "revenue": [1000, 1000, 1000, 1000], "cogs": [600, 600, 600, 100],
        "orders": [2, 0, 2, 2], "visits": [1, 1, 1, 0],
        "growth_rate": [1.0, -0.5, 0.0, 0.0], "retention_rate": [0.5] * 4,
        "wallet_size": [2000] * 4,
    }, index=list("abcd"))


def test_lifetime_account_by_hand():
    account = analytics.lifetime_account(_lifetime_customers(), ACTIVITIES, LIFETIME)
    # a: margin 400, orders 100, visit 380 -> profit −80; grows 100 %: factor 2, flat 1.5;
    #    value 800, cost 100·2 + 380·1.5 = 770 -> +30: loses now, pays over its lifetime.
    # b: margin 400, visit 380 -> profit +20; shrinks 50 %: factor 1.25; value 500, cost 570 -> −70.
    # c: no growth: one factor 1.5 for both, so the signs agree: −80 -> −120.
    # d: margin 900, orders 100 -> +800 -> 1200.
    assert account["profit"].tolist() == [-80.0, 20.0, -80.0, 800.0]
    assert account["lifetime_value"].tolist() == [800.0, 500.0, 600.0, 1350.0]
    assert account["lifetime_cost"].tolist() == [770.0, 570.0, 720.0, 150.0]
    assert account["lifetime_profit"].tolist() == [30.0, -70.0, -120.0, 1200.0]


def test_the_two_negative_value_rules_disagree_only_where_growth_splits_them():
    account = analytics.lifetime_account(_lifetime_customers(), ACTIVITIES, LIFETIME)
    differ = analytics.negative_value_disagreements(account)
    assert differ.index.tolist() == ["a", "b"]
    assert differ["case"].tolist() == ["loses now, pays over its lifetime", "earns now, costs over its lifetime"]
    customers = _lifetime_customers()
    by_lifetime = analytics.customer_classes(customers, account["profit"], analytics.ClassRules(top_revenue_share=0.2),
                                             lifetime_profit=account["lifetime_profit"])
    by_today = analytics.customer_classes(customers, account["profit"], analytics.ClassRules(top_revenue_share=0.2))
    assert by_lifetime["a"] != "negative-value" and by_today["a"] == "negative-value"
    assert by_lifetime["b"] == "negative-value" and by_today["b"] != "negative-value"
    assert by_lifetime["c"] == by_today["c"] == "negative-value"


def test_retention_is_taken_per_segment():
    customers = pd.DataFrame({"segment": ["x", "x", "y"], "retention_rate": [0.6, 0.8, 0.9]})
    assert analytics.segment_retention(customers).tolist() == [0.7, 0.7, 0.9]
    assert analytics.lifetime_factor(0.5, 0.0, 0.0, 3) == pytest.approx(1.75)      # 1 + 0.5 + 0.25
    assert analytics.lifetime_factor(0.8, 0.0, 0.1, 1) == 1
