"""Customer-value analytics for the case study (C1.3, C2.3): RFM, CLV, profitability, classes.

Pure functions on pandas objects; every rule is stated in its docstring and in the
README's "Analytics" section. Money comes back rounded to cents (issue 12).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ckm_course.content.company_model import Activity, RfmBands, RfmSegment

CLASS_IDS = ("most-valuable", "growth-potential", "negative-value", "other")


def _cents(value: float | pd.Series) -> float | pd.Series:
    return value.round(2) if isinstance(value, pd.Series) else round(float(value), 2)


def clv(margin: float | pd.Series, retention: float | pd.Series, discount: float = 0.1) -> float | pd.Series:
    """Simple customer lifetime value ``m·r/(1+i−r)``: yearly margin m, retention r, discount i (C1.3).

    The textbook perpetuity: next year's margin onwards, constant margin, rounded to cents,
    so ``clv(1200, 0.8, 0.1) == 3200.0``. Its sign is always the sign of ``m``; for a rule
    where lifetime value can disagree with this year's profit see :func:`lifetime_account`.
    """
    return _cents(margin * retention / (1 + discount - retention))


def score(values: pd.Series, bins: int = 5, higher_is_better: bool = True) -> pd.Series:
    """Quantile scores 1..bins. Ties rule: equal values get equal scores, the score of the
    lowest-ranked member of their group (rank method "min"); so some scores may go unused
    when many values tie, as CDNOW's one-time buyers do.

    Quantiles rank customers against each other; for one cohort watched up to one date use
    :func:`band_score` instead (issue 12: quintiles put customers 432 days quiet in R=4)."""
    ordered = values if higher_is_better else -values
    rank = ordered.rank(method="min")
    return (np.floor((rank - 1) / len(values) * bins) + 1).astype(int).clip(1, bins)


def band_score(values: pd.Series, edges: Sequence[float], higher_is_better: bool = True) -> pd.Series:
    """Scores 1..len(edges)+1 from absolute band edges (C2.3, issue 12).

    ``higher_is_better``: ``edges`` are the least value for scores 2, 3, ... (ascending);
    a value equal to an edge gets the higher score. Otherwise (recency): ``edges`` are the
    most value for the top score, the next score, ... (ascending); a value equal to an edge
    gets the higher score too. E.g. recency edges (30, 90, 180, 365): 30 days -> 5,
    31 -> 4, 365 -> 2, 366 -> 1.
    """
    edges = list(edges)
    if edges != sorted(edges) or len(set(edges)) != len(edges):
        raise ValueError(f"band edges must rise strictly: {edges}")
    array = values.to_numpy()
    if higher_is_better:
        scores = np.searchsorted(np.asarray(edges, dtype=float), array, side="right") + 1
    else:
        scores = len(edges) + 1 - np.searchsorted(np.asarray(edges, dtype=float), array, side="left")
    return pd.Series(scores.astype(int), index=values.index)


def rfm(transactions: pd.DataFrame, bands: RfmBands, as_of: pd.Timestamp | str | None = None,
        customer: str = "customer_id", date: str = "date", amount: str = "dollars") -> pd.DataFrame:
    """Recency, frequency, monetary value and their band scores per customer (C2.3, issue 12).

    recency: days from the last purchase to ``as_of`` (default ``bands.as_of``, the stated
    analysis date); frequency: number of distinct purchase days (several lines on one day are
    one purchase); monetary: total spend. R, F, M: :func:`band_score` on ``bands``, so a score
    means the same number of days, purchases or dollars for every customer and every cohort.
    """
    dates = pd.to_datetime(transactions[date])
    as_of = pd.Timestamp(as_of if as_of is not None else bands.as_of)
    if (dates >= as_of).any():
        raise ValueError(f"the analysis date {as_of.date()} must come after every transaction "
                         f"(the last is {dates.max().date()})")
    frame = transactions.assign(**{date: dates})
    grouped = frame.groupby(customer, sort=True)
    table = pd.DataFrame({
        "recency_days": (as_of - grouped[date].max()).dt.days,
        "frequency": grouped[date].nunique(),
        "monetary": grouped[amount].sum().round(2),
    })
    table["R"] = band_score(table["recency_days"], bands.recency_days, higher_is_better=False)
    table["F"] = band_score(table["frequency"], bands.frequency)
    table["M"] = band_score(table["monetary"], bands.monetary)
    return table


def recency_limit(segment: RfmSegment, bands: RfmBands) -> float:
    """The most days since the last purchase a member of ``segment`` can have (inf for R1)."""
    r_min = int(segment.r_min)
    edges = list(bands.recency_days)  # edges[0] bounds R5, edges[-1] bounds R2
    return float("inf") if r_min <= 1 else float(edges[len(edges) + 1 - r_min])


def rfm_segments(table: pd.DataFrame, segments: Iterable[RfmSegment]) -> pd.Series:
    """Each customer's segment id: the first segment whose R and F bounds (inclusive) hold."""
    result = pd.Series(pd.NA, index=table.index, dtype="object")
    for segment in segments:
        fits = (table["R"].between(segment.r_min, segment.r_max) & table["F"].between(segment.f_min, segment.f_max)
                & result.isna())
        result[fits] = segment.id
    return result


def segment_profile(table: pd.DataFrame, segments: pd.Series) -> pd.DataFrame:
    """Per segment: customers, median and longest recency (days), median frequency and spend.

    What each segment's action has to fit (issue 12)."""
    frame = table.assign(segment=segments)
    return frame.groupby("segment", sort=False).agg(
        customers=("recency_days", "size"), median_recency=("recency_days", "median"),
        max_recency=("recency_days", "max"), median_frequency=("frequency", "median"),
        median_monetary=("monetary", "median"))


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


def segment_retention(customers: pd.DataFrame, segment: str = "segment") -> pd.Series:
    """Each customer's retention rate taken as the mean ``retention_rate`` of their segment.

    A firm observes retention per segment (how many of a group stay a year later), not per
    customer; the lifetime rule uses this rate (C1.3, issue 12)."""
    return customers.groupby(segment)["retention_rate"].transform("mean").round(3)


def lifetime_factor(retention: float | pd.Series, growth: float | pd.Series, discount: float,
                    years: int) -> float | pd.Series:
    """Σ_{t=0}^{years−1} ((1+g)·r/(1+i))^t: what one yuan a year now is worth over the horizon.

    Year 0 is the current year (certain); a later year counts if the customer is still
    there (probability r^t), has grown (1+g)^t, and is discounted (1+i)^−t."""
    ratio = (1 + growth) * retention / (1 + discount)
    return sum(ratio ** t for t in range(years))


def lifetime_account(customers: pd.DataFrame, activities: Iterable[Activity], rules: ClassRules | None = None,
                     retention: pd.Series | None = None) -> pd.DataFrame:
    """The C1.3 negative-value test as the deck defines it: the resources the firm must invest
    in a customer over its lifetime against the value the customer brings over it (issue 12).

    * lifetime_value: gross margin (revenue − COGS), growing with ``growth_rate``, over
      ``rules.years`` years at retention r and discount i (:func:`lifetime_factor`);
    * lifetime_cost: the cost to serve over the same years. Activities with ``grows`` (orders,
      deliveries, calls, returns) grow with the customer's business; the others (sales
      visits: the relationship) stay flat, so their factor uses growth 0;
    * lifetime_profit = lifetime_value − lifetime_cost; ``profit`` is this year's.

    With no growth the two signs agree (both sides share one factor). They disagree when a
    customer's business grows or shrinks while part of its cost does not: a fast grower that
    loses money today can be worth keeping, a shrinking one that earns today may not be.
    ``retention`` defaults to :func:`segment_retention` when there is a ``segment`` column,
    else the customer's own ``retention_rate``. Money in yuan, rounded to cents.
    """
    rules = rules or ClassRules()
    activities = list(activities)
    if retention is None:
        retention = segment_retention(customers) if "segment" in customers else customers["retention_rate"]
    growth = customers["growth_rate"]
    growing = lifetime_factor(retention, growth, rules.discount, rules.years)
    flat = lifetime_factor(retention, 0.0, rules.discount, rules.years)
    margin = customers["revenue"] - customers["cogs"]
    variable = cost_to_serve(customers, [a for a in activities if a.grows])
    fixed = cost_to_serve(customers, [a for a in activities if not a.grows])
    value = margin * growing
    cost = variable * growing + fixed * flat
    return pd.DataFrame({
        "retention": retention, "profit": _cents(margin - variable - fixed),
        "lifetime_value": _cents(value), "lifetime_cost": _cents(cost), "lifetime_profit": _cents(value - cost),
    }, index=customers.index)


def negative_value_disagreements(account: pd.DataFrame) -> pd.DataFrame:
    """The customers where "loses money this year" and "costs more than it brings over its
    lifetime" disagree (issue 12), with a column ``case`` naming which way."""
    today = account["profit"] < 0
    lifetime = account["lifetime_profit"] < 0
    differ = account[today != lifetime]
    case = np.where(differ["profit"] < 0, "loses now, pays over its lifetime", "earns now, costs over its lifetime")
    return differ.assign(case=case)


@dataclass(frozen=True)
class ClassRules:
    """The C1.3 thresholds, adjustable. Applied in this order, first match wins:

    1. negative value: the resources the firm must invest over the customer's lifetime exceed
       the value it brings (``lifetime_profit < 0`` from :func:`lifetime_account`, over
       ``years`` years at ``discount``). Without a lifetime account the rule falls back to
       this year's profit below 0;
    2. most valuable: the largest customers that together bring ``top_revenue_share`` of revenue;
    3. most growth potential: growth rate at least ``growth_min`` or share of wallet at most
       ``wallet_share_max`` (much of their spending still goes elsewhere);
    4. otherwise "other".
    """

    top_revenue_share: float = 0.6
    growth_min: float = 0.3
    wallet_share_max: float = 0.15
    discount: float = 0.1
    years: int = 5


def customer_classes(customers: pd.DataFrame, profit: pd.Series, rules: ClassRules = ClassRules(),
                     lifetime_profit: pd.Series | None = None) -> pd.Series:
    """Each customer's class id (``CLASS_IDS``) under ``rules`` (C1.3).

    ``lifetime_profit`` (from :func:`lifetime_account`) decides negative value; if omitted,
    this year's ``profit`` does."""
    by_revenue = customers["revenue"].sort_values(ascending=False, kind="stable")
    before = by_revenue.cumsum().shift(fill_value=0) / by_revenue.sum()
    top = set(before[before < rules.top_revenue_share].index)
    classes = pd.Series("other", index=customers.index, dtype="object")
    growth = (customers["growth_rate"] >= rules.growth_min) | (customers["revenue"] / customers["wallet_size"]
                                                                <= rules.wallet_share_max)
    classes[growth] = "growth-potential"
    classes[customers.index.isin(top)] = "most-valuable"
    negative = (lifetime_profit if lifetime_profit is not None else profit) < 0
    classes[negative] = "negative-value"
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
