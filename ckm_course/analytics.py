"""Customer-value analytics for the case study (C1.3, C2.3): RFM, CLV, profitability, classes.

Pure functions on pandas objects; every rule is stated in its docstring and in the
README's "Analytics" section.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ckm_course.model import Activity, RfmSegment

CLASS_IDS = ("most-valuable", "growth-potential", "negative-value", "other")


def clv(margin: float | pd.Series, retention: float | pd.Series, discount: float = 0.1) -> float | pd.Series:
    """Simple customer lifetime value ``m·r/(1+i−r)``: yearly margin m, retention r, discount i (C1.3)."""
    return margin * retention / (1 + discount - retention)


def score(values: pd.Series, bins: int = 5, higher_is_better: bool = True) -> pd.Series:
    """Quantile scores 1..bins. Ties rule: equal values get equal scores, the score of the
    lowest-ranked member of their group (rank method "min"); so some scores may go unused
    when many values tie, as CDNOW's one-time buyers do."""
    ordered = values if higher_is_better else -values
    rank = ordered.rank(method="min")
    return (np.floor((rank - 1) / len(values) * bins) + 1).astype(int).clip(1, bins)


def rfm(transactions: pd.DataFrame, as_of: pd.Timestamp | str | None = None, bins: int = 5,
        customer: str = "customer_id", date: str = "date", amount: str = "dollars") -> pd.DataFrame:
    """Recency, frequency, monetary value and their scores per customer (C2.3).

    recency: days from the last purchase to ``as_of`` (default: the day after the last
    transaction); frequency: number of distinct purchase days (several lines on one day are
    one purchase); monetary: total spend. R, F, M: :func:`score` (recent = high R).
    """
    dates = pd.to_datetime(transactions[date])
    as_of = pd.Timestamp(as_of) if as_of is not None else dates.max() + pd.Timedelta(days=1)
    frame = transactions.assign(**{date: dates})
    grouped = frame.groupby(customer, sort=True)
    table = pd.DataFrame({
        "recency_days": (as_of - grouped[date].max()).dt.days,
        "frequency": grouped[date].nunique(),
        "monetary": grouped[amount].sum().round(2),
    })
    table["R"] = score(table["recency_days"], bins, higher_is_better=False)
    table["F"] = score(table["frequency"], bins)
    table["M"] = score(table["monetary"], bins)
    return table


def rfm_segments(table: pd.DataFrame, segments: Iterable[RfmSegment]) -> pd.Series:
    """Each customer's segment id: the first segment whose R and F bounds (inclusive) hold."""
    result = pd.Series(pd.NA, index=table.index, dtype="object")
    for segment in segments:
        fits = (table["R"].between(segment.r_min, segment.r_max) & table["F"].between(segment.f_min, segment.f_max)
                & result.isna())
        result[fits] = segment.id
    return result


def cost_to_serve(customers: pd.DataFrame, activities: Iterable[Activity]) -> pd.Series:
    """Activity-based cost to serve: Σ activity rate × the customer's driver count."""
    total = pd.Series(0.0, index=customers.index)
    for activity in activities:
        total += activity.rate * customers[activity.column]
    return total


def profitability(customers: pd.DataFrame, activities: Iterable[Activity]) -> pd.DataFrame:
    """revenue, gross margin (revenue − COGS), cost to serve and profit (margin − cost to serve)."""
    gross = customers["revenue"] - customers["cogs"]
    cost = cost_to_serve(customers, activities)
    return pd.DataFrame({"revenue": customers["revenue"], "gross_margin": gross,
                         "cost_to_serve": cost, "profit": gross - cost}, index=customers.index)


def whale_curve(profit: pd.Series) -> pd.DataFrame:
    """Customers from most to least profitable: share of customers vs cumulative share of total profit."""
    ordered = profit.sort_values(ascending=False, kind="stable")
    total = ordered.sum()
    return pd.DataFrame({
        "customer": ordered.index,
        "customer_share": np.arange(1, len(ordered) + 1) / len(ordered),
        "cumulative_profit_share": ordered.cumsum().to_numpy() / total if total else np.nan,
    }).reset_index(drop=True)


@dataclass(frozen=True)
class ClassRules:
    """The C1.3 thresholds, adjustable. Applied in this order, first match wins:

    1. negative value: lifetime value of yearly profit, ``clv(profit, retention)``, below 0
       (equivalently, yearly profit below 0: the cost to serve exceeds what they return);
    2. most valuable: the largest customers that together bring ``top_revenue_share`` of revenue;
    3. most growth potential: growth rate at least ``growth_min`` or share of wallet at most
       ``wallet_share_max`` (much of their spending still goes elsewhere);
    4. otherwise "other".
    """

    top_revenue_share: float = 0.6
    growth_min: float = 0.3
    wallet_share_max: float = 0.15
    discount: float = 0.1


def customer_classes(customers: pd.DataFrame, profit: pd.Series, rules: ClassRules = ClassRules()) -> pd.Series:
    """Each customer's class id (``CLASS_IDS``) under ``rules`` (C1.3)."""
    lifetime = clv(profit, customers["retention_rate"], rules.discount)
    by_revenue = customers["revenue"].sort_values(ascending=False, kind="stable")
    before = by_revenue.cumsum().shift(fill_value=0) / by_revenue.sum()
    top = set(before[before < rules.top_revenue_share].index)
    classes = pd.Series("other", index=customers.index, dtype="object")
    growth = (customers["growth_rate"] >= rules.growth_min) | (customers["revenue"] / customers["wallet_size"]
                                                                <= rules.wallet_share_max)
    classes[growth] = "growth-potential"
    classes[customers.index.isin(top)] = "most-valuable"
    classes[lifetime < 0] = "negative-value"
    return classes


def class_summary(customers: pd.DataFrame, profit: pd.Series, classes: pd.Series,
                  labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Per class: customers, share of customers, revenue share and profit share."""
    frame = pd.DataFrame({"class": classes, "revenue": customers["revenue"], "profit": profit})
    summary = frame.groupby("class").agg(customers=("revenue", "size"), revenue=("revenue", "sum"),
                                         profit=("profit", "sum"))
    summary = summary.reindex([c for c in CLASS_IDS if c in summary.index])
    summary["customer_share"] = (summary["customers"] / summary["customers"].sum()).round(3)
    summary["revenue_share"] = (summary["revenue"] / summary["revenue"].sum()).round(3)
    summary["profit_share"] = (summary["profit"] / summary["profit"].sum()).round(3)
    if labels:
        summary.index = [labels.get(i, i) for i in summary.index]
    return summary
