"""The case company's knowledge-audit facts (issue 12): validated on load, true to the data,
and consistent with the company's own C8.1 self-assessment."""

from __future__ import annotations

import re

import pytest

from ckm_course.case import analytics, data
from ckm_course import course
from ckm_course.content.builder import ContentError
from ckm_course.content.company import load_company


@pytest.fixture()
def broken_case(monkeypatch, tmp_path):
    """Load company.toml with one text replaced; yields a function that returns the error."""

    original = data.COMPANY.read_text(encoding="utf-8")

    def load(old: str, new: str, count: int = 1) -> str:
        text = original
        assert old in text, old
        target = tmp_path / "company.toml"
        target.write_text(text.replace(old, new, count), encoding="utf-8")
        with pytest.raises(ContentError) as caught:
            load_company(course(), target)
        return str(caught.value)

    yield load


def test_every_audit_step_has_checkable_facts():
    audit = data.case_company().knowledge_audit
    steps = {e.id for e in course().point("C6.4").entries}
    assert {f.step for f in audit.facts} == steps - {"asset-file"}
    assert len(audit.assets) >= 5
    ids = [a.id for a in audit.assets] + [f.id for f in audit.facts]
    assert len(ids) == len(set(ids))
    statuses = {a.status for a in audit.assets}
    assert {"summarised", "unsummarised", "missing"} <= statuses
    assert any(a.form == "tacit" for a in audit.assets)


def test_the_audit_figures_match_the_case_data():
    case = data.case_company()
    customers = data.load_case("customers").set_index("customer_id")
    profit = analytics.profitability(customers, case.activities)["profit"]
    group = customers["segment"] == case.knowledge_audit.group
    losing, size = int((profit[group] < 0).sum()), int(group.sum())
    calls_per_order = customers.loc[group, "service_calls"].sum() / customers.loc[group, "orders"].sum()
    facts = {f.id: f.fact for f in case.knowledge_audit.facts}
    assert f"{losing} of the {size}" in facts["result-loss"].en
    assert f"{size} 家小微商户中 {losing} 家" in facts["result-loss"].zh
    assert f"{calls_per_order:.1f}" in facts["result-calls"].en and f"{calls_per_order:.1f}" in facts["result-calls"].zh
    assert f"{size} customers" in facts["group-micro"].en
    narrative = {f.step: f.finding for f in case.audit}
    assert f"{size} 家有 {losing} 家" in narrative["audit"].zh
    assert f"{losing} of {size}" in narrative["audit"].en and f"{calls_per_order:.1f}" in narrative["audit"].en
    # The group is where the losses concentrate (the reason the facts give for choosing it).
    by_segment = (profit < 0).groupby(customers["segment"]).mean()
    assert by_segment.idxmax() == case.knowledge_audit.group


def test_the_self_assessment_follows_the_audit():
    """A capability whose knowledge the audit finds unsummarised or missing cannot be rated managed (4+)."""
    case = data.case_company()
    ratings = dict(case.assessment)
    assets = case.knowledge_audit.assets
    stuck_at = {a.stage for a in assets if a.status != "summarised"}
    if "acquire" in stuck_at:
        assert ratings["acquisition"] <= 2
    if any(a.form == "tacit" and a.status == "missing" for a in assets):
        assert ratings["sharing"] <= 2
    if any(a.id == "cost-to-serve" and a.status == "missing" for a in assets):
        assert ratings["audit"] <= 2 and ratings["application"] <= 2
    evidence = dict(case.assessment_evidence)
    for dimension, rating in ratings.items():
        assert re.search(rf"[（(]\D*{int(rating)}[）)]", evidence[dimension].zh), dimension
        assert re.search(rf"\(\D*{int(rating)}\)", evidence[dimension].en), dimension


@pytest.mark.parametrize(("old", "new", "message"), [
    ('group = "micro"', 'group = "mirco"', r"\[knowledge_audit\] > group: 'mirco' is not a segment id"),
    ('form = "tacit"', 'form = "hidden"', r"asset 'sales-knowledge' > form: 'hidden' not among"),
    ('stage = "apply"', 'stage = "use"', r"asset 'cost-to-serve' > stage: 'use' not a C5.1 stage"),
    ('status = "missing"', 'status = "lost"', r"asset 'sales-knowledge' > status: 'lost' not among"),
    ('step = "methods"\nfact', 'step = "method"\nfact', r"fact 'method-abc' > step: not a C6.4 step"),
    ('acquisition = 2\n', 'acquisition = 7\n', r"\[assessment\] > acquisition: rating 7"),
])
def test_bad_audit_data_names_file_entry_and_field(broken_case, old, new, message):
    error = broken_case(old, new)
    assert error.startswith("company.toml"), error
    assert re.search(message, error), error


def test_a_step_without_facts_is_refused(broken_case):
    error = broken_case('step = "constraints"\nfact', 'step = "ideal"\nfact', 3)
    assert "no fact for the C6.4 steps ['constraints']" in error
