"""RFM on the CDNOW cohort with the bands and segments of company.toml (C2.3, issue 12):
no customer in an active segment is lapsed, and each segment holds what its definition says."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ckm_course.case import analytics, data


@pytest.fixture(scope="module")
def scored():
    case = data.case_company()
    table = analytics.rfm(data.load_cdnow(), case.rfm)
    return case, table, analytics.rfm_segments(table, case.rfm_segments)


def test_every_customer_has_a_segment(scored):
    case, table, segments = scored
    assert segments.notna().all()
    assert set(segments) == {s.id for s in case.rfm_segments}


def test_no_active_segment_customer_is_lapsed_by_its_own_definition(scored):
    case, table, segments = scored
    lapsed_after = case.rfm.lapsed_after_days
    for segment in case.rfm_segments:
        members = table[segments == segment.id]
        limit = analytics.recency_limit(segment, case.rfm)
        assert (members["recency_days"] <= limit).all(), segment.id
        if segment.status == "active":
            assert limit <= 180 and members["recency_days"].max() <= 180, segment.id
        if segment.status != "lapsed":
            assert (members["recency_days"] <= lapsed_after).all(), segment.id
        else:
            assert (members["recency_days"] > lapsed_after).all(), segment.id
        # The words say the same days as the bounds.
        if limit != float("inf"):
            assert str(int(limit)) in segment.definition.en and str(int(limit)) in segment.definition.zh, segment.id


def test_the_issue_12_findings_are_gone(scored):
    """Quintiles gave R=4 to customers 432 days quiet and made 486 'Champions' lapsed."""
    case, table, segments = scored
    assert table.loc[table["R"] >= 4, "recency_days"].max() <= 90
    champions = table[segments == "champions"]
    assert (champions["recency_days"] > 365).sum() == 0
    assert table[segments == "loyal"]["recency_days"].median() <= 180


def test_company_segments_on_hand_made_customers():
    case = data.case_company()
    # (days since last purchase, purchase days) -> segment, by the definitions in company.toml
    cases = {(10, 12): "champions", (90, 5): "champions", (91, 5): "loyal", (180, 3): "loyal",
             (60, 2): "returning", (200, 4): "at-risk", (365, 1): "fading", (366, 3): "lapsed-regulars",
             (500, 1): "lapsed", (30, 4): "loyal"}
    table = pd.DataFrame({"recency_days": [k[0] for k in cases], "frequency": [k[1] for k in cases]})
    table["R"] = analytics.band_score(table["recency_days"], case.rfm.recency_days, higher_is_better=False)
    table["F"] = analytics.band_score(table["frequency"], case.rfm.frequency)
    assert analytics.rfm_segments(table, case.rfm_segments).tolist() == list(cases.values())


def test_actions_fit_the_status():
    """An active segment's action does not talk of winning back; a lapsed one's does not keep warm."""
    for segment in data.case_company().rfm_segments:
        text = segment.action.en.lower()
        if segment.status == "active":
            assert not re.search(r"win.?back|lapse|lost", text), segment.id
        if segment.status == "lapsed":
            assert not re.search(r"keep the relationship|warm|new release", text), segment.id


def test_the_worked_example_states_the_scores_the_code_gives():
    """content/materials/09: the worked example's customer (20 days, 6 purchase days, $180) scored
    on the [rfm] bands at 1998-07-01, as the text says (issue 12: it used to say quintiles)."""
    import pandas as pd

    from ckm_course.content.catalog import catalog

    days = pd.Timestamp("1998-07-01") - pd.to_timedelta([160, 130, 100, 70, 45, 20], unit="D")
    one = pd.DataFrame({"customer_id": [1] * 6, "date": days, "cds": [1] * 6, "dollars": [30.0] * 6})
    scored = analytics.rfm(one, data.case_company().rfm)
    row = scored.iloc[0]  # iloc on a mixed row gives floats
    assert (row.recency_days, row.frequency, row.monetary) == (20, 6, 180.0)
    scores = f"R{int(row.R)}, F{int(row.F)}, M{int(row.M)}"
    segment = analytics.rfm_segments(scored, data.case_company().rfm_segments).iloc[0]
    label = next(s.label for s in data.case_company().rfm_segments if s.id == segment)
    worked = next(w for w in catalog().materials.find("09").worked if w.id == "c9-w1")
    assert scores in worked.situation.en and scores.replace(", ", "、") in worked.situation.zh
    assert "quintile" not in worked.situation.en and "五分位" not in worked.situation.zh
    assert label.en in worked.steps[1].en
