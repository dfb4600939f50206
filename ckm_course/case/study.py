"""Tables for the chapter 9 case study, joining analytics results with the case content.

Each returns a pandas DataFrame labelled in the chosen language; nothing here computes
customer value (that is ``analytics``) or reads data files (that is ``data``).
"""

from __future__ import annotations

import re

import pandas as pd

from ckm_course.case.analytics import negative_value_disagreements, segment_profile
from ckm_course.content.catalog import catalog
from ckm_course.i18n import render
from ckm_course.content.model import Text


def _header(zh: str, en: str, language: str | None) -> str:
    return render(Text(zh, en), language)


def segment_actions(table: pd.DataFrame, segments: pd.Series, language: str | None = None) -> pd.DataFrame:
    """C2.3, information -> knowledge -> action: per RFM segment its definition, size, the
    recency of its members (median and longest, days) and what to do (issue 12)."""
    profile = segment_profile(table, segments)
    rows = []
    for segment in catalog().company.rfm_segments:
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
    (``account``: :func:`ckm_course.case.analytics.lifetime_account`), with their segment and growth."""
    labels = {s.id: s.label for s in catalog().company.segments}
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


def _assets_frame(language: str | None, columns: tuple[str, ...]) -> pd.DataFrame:
    categories = {c.id: c.label for c in catalog().course.exercise("c3.1-four-categories").choices}
    forms = {e.id: e.label for e in catalog().course.point("C3.4").entries}
    stages = {e.id: e.label for e in catalog().course.point("C5.1").entries}
    statuses = {"summarised": Text("已汇总", "summarised"), "unsummarised": Text("未汇总", "unsummarised"),
                "missing": Text("缺失", "missing")}
    cells = {
        "knowledge": (Text("客户知识", "knowledge"), lambda a: render(a.knowledge, language)),
        "category": (Text("类别", "category"), lambda a: " + ".join(render(categories[c], language) for c in a.category)),
        "form": (Text("形态", "form"), lambda a: render(forms[a.form], language)),
        "where": (Text("在哪里", "where"), lambda a: render(a.location, language)),
        "holder": (Text("谁掌握", "held by"), lambda a: render(a.holder, language)),
        "stage": (Text("停在", "stops at"), lambda a: render(stages[a.stage], language)),
        "status": (Text("状态", "status"), lambda a: render(statuses[a.status], language)),
    }
    assets = catalog().company.knowledge_audit.assets
    return pd.DataFrame([{render(cells[c][0], language): cells[c][1](a) for c in columns} for a in assets],
                        index=[a.id for a in assets])


def asset_evidence(language: str | None = None) -> pd.DataFrame:
    """C6.4 evidence for the capstone audit (issue 12): each piece of customer knowledge about the
    audited group, its C3.1 category, where it is and who holds it. Its form, life-cycle stage and
    status are what the student's audit works out, so they are not shown (see :func:`asset_file`)."""
    return _assets_frame(language, ("knowledge", "category", "where", "holder"))


def asset_file(language: str | None = None) -> pd.DataFrame:
    """C6.4 "asset-file" as the case's own audit completes it: with form, stage and status. Part of
    the capstone's key: for the instructor and the benchmarks, not for student-facing notebooks."""
    return _assets_frame(language, ("knowledge", "category", "form", "where", "holder", "stage", "status"))


def audit_brief(language: str | None = None, items: slice = slice(None)) -> str:
    """The capstone audit's case material (issue 12), by source, never by audit step: the CEO's brief,
    interview notes and the data to compute from (``ckm_course/case/audit_brief.toml``). ``items``
    picks some of them (a slide shows a few); the title comes with the first."""
    material = catalog().brief
    lines = [render(material.title, language), ""] if not items.start else []
    for item in material.items[items]:
        lines += [f"■ {render(item.source, language)}", render(item.text, language), ""]
    return "\n".join(lines).rstrip()


def company_text(language: str | None = None) -> str:
    """The company's name and description, for display."""
    company = catalog().company.company
    return f"{render(company.name, language)}: {render(company.description, language)}"


_LEVEL_AT_END = re.compile(r"\s*[（(][^（）()]*[，,]\s*[1-5]\s*[)）]\s*$")


def without_level(text: str) -> str:
    """``text`` without a trailing level note such as "(Defined, 3)" or "（规范，3）"."""
    return _LEVEL_AT_END.sub("", text)


def assessment_evidence(language: str | None = None) -> pd.DataFrame:
    """The evidence behind each C8.1 dimension, without the case's rating (issue 12): capstone 3
    accepts ratings within one level of it, so the rating is revealed only by ``solution()``."""
    labels = {e.id: e.label for e in catalog().course.point("C8.1").entries}
    evidence = dict(catalog().company.assessment_evidence)
    return pd.DataFrame([{
        _header("维度", "dimension", language): render(labels[d], language),
        _header("依据", "evidence", language):
            render(Text(without_level(evidence[d].zh), without_level(evidence[d].en)), language),
    } for d, _ in catalog().company.assessment])


def order_shape(rfm_table: pd.DataFrame, customers: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """CDNOW against Qinghe (issue 12): how often a customer buys, how many buy once, the typical gap.

    CDNOW: purchase days over its 18 months, scaled to a year; Qinghe: orders in its one year.
    The gap is 365 / purchases a year, a rough typical interval between purchases."""
    months = 18
    cdnow_yearly = rfm_table["frequency"] * 12 / months
    rows = [("CDNOW", Text("美国在线唱片店，个人消费者，1997-1998（真实）", "US online music store, consumers, 1997-98 (real)"),
             len(rfm_table), cdnow_yearly.median(), (rfm_table["frequency"] == 1).mean()),
            (render(catalog().company.company.name, language),
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
    for segment in catalog().company.segments:
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
