"""The generated touchpoint records of the case company (issue 12): varied, reproducible,
zh with an en gloss, and the complaint kind classified as the decks classify opinions."""

from __future__ import annotations

import re

import pytest

from ckm_course import course
from ckm_course.content.builder import ContentError
from ckm_course.content.company import load_company
from ckm_course.case import data


@pytest.fixture(scope="module")
def records():
    return data.generate_case()["case_interactions.csv"]


def test_records_are_varied(records):
    assert len(records) == 1200
    assert records["text_zh"].nunique() >= 300
    assert records["text_en"].nunique() >= 300
    per_kind = records.groupby("kind")["text_en"].nunique()
    assert (per_kind >= 2).all(), per_kind.to_dict()
    assert set(records["sentiment"]) == {"positive", "neutral", "negative"}
    assert records["channel_en"].nunique() >= 8


def test_regeneration_is_byte_identical_to_the_committed_file(records):
    again = data.generate_case()["case_interactions.csv"]
    assert data.case_csv_bytes(again) == data.case_csv_bytes(records)
    assert data.case_csv_bytes(records) == (data.datasets_dir() / "case_interactions.csv").read_bytes()
    assert data.load_case("interactions").shape == records.shape


def test_every_placeholder_is_filled_alike_in_both_languages(records):
    case = data.case_company()
    assert not records["text_zh"].str.contains(r"[{}]").any() and not records["text_en"].str.contains(r"[{}]").any()
    # Every record matches one template of its kind, with the same filler in zh and en.
    slots = {s.id: s.values for s in case.slots}
    for kind in case.interactions:
        rows = records[records["kind"] == kind.id].head(20)
        for zh, en in zip(rows["text_zh"], rows["text_en"]):
            assert any(_matches(t.text.zh, t.text.en, zh, en, slots) for t in kind.templates), (kind.id, zh, en)


def _matches(template_zh: str, template_en: str, zh: str, en: str, slots) -> bool:
    def pattern(template: str, language: str) -> re.Pattern:
        parts = re.split(r"\{(\w+)\}", template)
        regex = "".join(re.escape(p) if i % 2 == 0 else
                        f"(?P<{p}>{'|'.join(re.escape(getattr(v, language)) for v in slots[p])})"
                        for i, p in enumerate(parts))
        return re.compile(f"^{regex}$")

    found_zh, found_en = pattern(template_zh, "zh").match(zh), pattern(template_en, "en").match(en)
    if not (found_zh and found_en):
        return False
    for name, value in found_zh.groupdict().items():
        pairs = {(v.zh, v.en) for v in slots[name]}
        if (value, found_en.group(name)) not in pairs:
            return False
    return True


def test_the_complaint_is_classified_as_the_decks_classify_opinions():
    """投诉 is an opinion/evaluation (来自于客户 only in the deck); calling it 反馈 (feedback,
    two categories in the deck) while keying one category would contradict C3.1."""
    items = {i.id: i for i in course().exercise("c3.1-four-categories").items}
    kind = {k.id: k for k in data.case_company().interactions}["complaint-late"]
    assert tuple(kind.category) == tuple(items["opinions"].answer) == ("from",)
    assert set(items["feedback"].answer) == {"about", "from"}
    assert "意见" in kind.reason.zh and "opinion" in kind.reason.en
    assert "是客户主动告诉企业的意见和反馈" not in kind.reason.zh


@pytest.mark.parametrize(("old", "new", "message"), [
    ('客户投诉{product}晚到了{days}天', '客户投诉{prodcut}晚到了{days}天', r"zh uses \['days', 'prodcut'\] but en uses"),
    ('sentiment = "negative"', 'sentiment = "angry"', r"templates\[0\]\.sentiment: 'angry' not among"),
    ('recency_days = [30, 90, 180, 365]', 'recency_days = [90, 30, 180, 365]', r"\[rfm\] > recency_days: need four"),
    ('r_min = 3\nf_max = 2\nstatus = "active"', 'r_min = 2\nf_max = 2\nstatus = "active"',
     r"rfm segment 'returning' > r_min: an active segment takes only R>=3"),
])
def test_bad_case_data_is_refused_with_file_entry_and_field(monkeypatch, tmp_path, old, new, message):
    text = data.COMPANY.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "company.toml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ContentError, match=message) as caught:
        load_company(course(), broken)
    assert str(caught.value).startswith("company.toml")
