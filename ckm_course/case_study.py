"""Tables for the chapter 9 case study, joining analytics results with the case content.

Each returns a pandas DataFrame labelled in the chosen language; nothing here computes
customer value (that is ``analytics``) or reads data files (that is ``data``).
"""

from __future__ import annotations

import pandas as pd

from ckm_course.data import case_company
from ckm_course.i18n import render
from ckm_course.model import Text


def _header(zh: str, en: str, language: str | None) -> str:
    return render(Text(zh, en), language)


def segment_actions(table: pd.DataFrame, segments: pd.Series, language: str | None = None) -> pd.DataFrame:
    """C2.3, information -> knowledge -> action: per RFM segment its definition, size, the
    recency of its members (median and longest, days) and what to do (issue 12)."""
    from ckm_course.analytics import segment_profile

    profile = segment_profile(table, segments)
    rows = []
    for segment in case_company().rfm_segments:
        count = int(profile["customers"].get(segment.id, 0))
        rows.append({
            _header("细分", "segment", language): render(segment.label, language),
            _header("定义", "definition", language): render(segment.definition, language) if segment.definition else "",
            _header("客户数", "customers", language): count,
            _header("占比", "share", language): round(count / len(segments), 3),
            _header("距上次购买中位数（天）", "median days since last purchase", language):
                int(profile["median_recency"].get(segment.id, 0)),
            _header("最长（天）", "longest (days)", language): int(profile["max_recency"].get(segment.id, 0)),
            _header("行动", "action", language): render(segment.action, language),
        })
    return pd.DataFrame(rows)


def negative_value_cases(customers: pd.DataFrame, account: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """C1.3 on the case: the customers where this year's profit and the lifetime rule disagree
    (``account``: :func:`ckm_course.analytics.lifetime_account`), with their segment and growth."""
    from ckm_course.analytics import negative_value_disagreements

    labels = {s.id: s.label for s in case_company().segments}
    differ = negative_value_disagreements(account)
    cases = {"loses now, pays over its lifetime": Text("今年亏损，终身算下来值得", "loses now, pays over its lifetime"),
             "earns now, costs over its lifetime": Text("今年盈利，终身算下来亏损", "earns now, costs over its lifetime")}
    return pd.DataFrame({
        _header("细分", "segment", language): [render(labels[s], language) for s in customers.loc[differ.index, "segment"]],
        _header("增长率", "growth", language): customers.loc[differ.index, "growth_rate"],
        _header("今年利润（元）", "profit this year (¥)", language): differ["profit"].round().astype(int),
        _header("终身利润（元）", "lifetime profit (¥)", language): differ["lifetime_profit"].round().astype(int),
        _header("分歧", "disagreement", language): [render(cases[c], language) for c in differ["case"]],
    }, index=differ.index)


def asset_file(language: str | None = None) -> pd.DataFrame:
    """C6.4 "asset-file" on the audited group: what is known, where, who holds it, and its status."""
    from ckm_course import course

    categories = {c.id: c.label for c in course().exercise("c3.1-four-categories").choices}
    forms = {e.id: e.label for e in course().point("C3.4").entries}
    stages = {e.id: e.label for e in course().point("C5.1").entries}
    statuses = {"summarised": Text("已汇总", "summarised"), "unsummarised": Text("未汇总", "unsummarised"),
                "missing": Text("缺失", "missing")}
    return pd.DataFrame([{
        _header("客户知识", "knowledge", language): render(a.knowledge, language),
        _header("类别", "category", language): " + ".join(render(categories[c], language) for c in a.category),
        _header("形态", "form", language): render(forms[a.form], language),
        _header("在哪里", "where", language): render(a.location, language),
        _header("谁掌握", "held by", language): render(a.holder, language),
        _header("停在", "stops at", language): render(stages[a.stage], language),
        _header("状态", "status", language): render(statuses[a.status], language),
    } for a in case_company().knowledge_audit.assets], index=[a.id for a in case_company().knowledge_audit.assets])


def audit_table(language: str | None = None) -> pd.DataFrame:
    """C6.4 on the case company: each audit step, its stage, and what the company found."""
    from ckm_course import point

    audit = point("C6.4")
    stages = {g.id: g.label for g in audit.groups}
    findings = {f.step: f.finding for f in case_company().audit}
    return pd.DataFrame([{
        "#": number,
        _header("阶段", "stage", language): render(stages[entry.group], language) if entry.group in stages else "",
        _header("步骤", "step", language): render(entry.label, language),
        _header("青禾的做法与发现", "what Qinghe does and finds", language):
            render(findings[entry.id], language) if entry.id in findings else "—",
    } for number, entry in enumerate(audit.entries, start=1)]).set_index("#")


def assessment() -> dict[str, int]:
    """The case company's own C8.1 ratings, by dimension id."""
    return {dimension: int(rating) for dimension, rating in case_company().assessment}


def company_text(language: str | None = None) -> str:
    """The company's name and description, for display."""
    company = case_company().company
    return f"{render(company.name, language)}: {render(company.description, language)}"


def assessment_evidence(language: str | None = None) -> pd.DataFrame:
    """The case company's C8.1 ratings with the audit evidence behind each (issue 12)."""
    from ckm_course import course

    labels = {e.id: e.label for e in course().point("C8.1").entries}
    evidence = dict(case_company().assessment_evidence)
    return pd.DataFrame([{
        _header("维度", "dimension", language): render(labels[d], language),
        _header("评分", "rating", language): int(r),
        _header("依据", "evidence", language): render(evidence[d], language),
    } for d, r in case_company().assessment])


def order_shape(rfm_table: pd.DataFrame, customers: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """CDNOW against Qinghe (issue 12): how often a customer buys, how many buy once, the typical gap.

    CDNOW: purchase days over its 18 months, scaled to a year; Qinghe: orders in its one year.
    The gap is 365 / purchases a year, a rough typical interval between purchases."""
    months = 18
    cdnow_yearly = rfm_table["frequency"] * 12 / months
    rows = [("CDNOW", Text("美国在线唱片店，个人消费者，1997-1998（真实）", "US online music store, consumers, 1997-98 (real)"),
             len(rfm_table), cdnow_yearly.median(), (rfm_table["frequency"] == 1).mean()),
            (render(case_company().company.name, language),
             Text("中国办公用品 B2B，企业客户，一年（生成）", "Chinese B2B office supplies, firms, one year (generated)"),
             len(customers), customers["orders"].median(), (customers["orders"] == 1).mean())]
    return pd.DataFrame([{
        _header("数据", "data", language): name,
        _header("是什么", "what", language): render(what, language),
        _header("客户数", "customers", language): count,
        _header("每年购买次数（中位数）", "purchases a year (median)", language): round(float(per_year), 1),
        _header("只买过一次", "bought only once", language): round(float(once), 3),
        _header("典型间隔（天）", "typical gap (days)", language): int(round(365 / per_year)),
    } for name, what, count, per_year, once in rows])


def retention_table(customers: pd.DataFrame, account: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """Per segment: retention (the rate the lifetime rule uses), median growth, and the share of
    customers negative by this year's profit and by the lifetime rule (C1.3, issue 12)."""
    frame = customers.assign(today=account["profit"] < 0, lifetime=account["lifetime_profit"] < 0,
                             retention=account["retention"])
    rows = []
    for segment in case_company().segments:
        part = frame[frame["segment"] == segment.id]
        rows.append({
            _header("细分", "segment", language): render(segment.label, language),
            _header("客户数", "customers", language): len(part),
            _header("保留率", "retention", language): float(part["retention"].iloc[0]) if len(part) else float("nan"),
            _header("增长率中位数", "median growth", language): round(float(part["growth_rate"].median()), 3),
            _header("今年亏损", "losing this year", language): int(part["today"].sum()),
            _header("终身为负", "negative over the lifetime", language): int(part["lifetime"].sum()),
        })
    return pd.DataFrame(rows)
