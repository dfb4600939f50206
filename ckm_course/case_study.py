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


def segment_actions(segments: pd.Series, language: str | None = None) -> pd.DataFrame:
    """C2.3, information -> knowledge -> action: customers per RFM segment and what to do."""
    counts = segments.value_counts()
    rows = []
    for segment in case_company().rfm_segments:
        count = int(counts.get(segment.id, 0))
        rows.append({
            _header("细分", "segment", language): render(segment.label, language),
            _header("客户数", "customers", language): count,
            _header("占比", "share", language): round(count / len(segments), 3),
            _header("行动", "action", language): render(segment.action, language),
        })
    return pd.DataFrame(rows)


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
