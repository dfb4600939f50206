"""Fidelity to the two decks (issue 11): course inferences marked, seed terms exact, zh = en.

Each test names what the seed text says, so a later edit that drifts from the decks fails
here with the reason.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import ckm_course
from ckm_course.content.model import texts
from ckm_course.frontends.present import MARKER, PointView

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def course():
    return ckm_course.course()


def markdown(name: str) -> str:
    notebook = json.loads((REPO / "notebooks" / name).read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")




# --- 2. course inferences are marked ---------------------------------------------------

MARKED = [  # (point, entry or None): where the course adds to what the decks say
    ("C6.5", None),            # which technology serves which process: the figure does not say
    ("C4.3", "definition"),    # slide 16 says only 定义不同
    ("C6.4", None),            # the 4/3/1 split of the audit steps into three stages
    ("C3.3", "information"),   # the deck does not define 客户信息知识
    ("C5.2", None),            # the four channels are not listed
    ("C8.1", None),            # the capability model is the course's design
    ("C5.1", None),            # slide 22 is a figure: the reading of its labels
    ("C7.1", None),            # where de Geus's line comes from is not in the deck
]


@pytest.mark.parametrize(("point_id", "entry_id"), MARKED)
def test_course_inferences_carry_a_course_note(course, point_id, entry_id):
    point = course.point(point_id)
    target = point.entry(entry_id) if entry_id else point
    assert target.course_note is not None, (point_id, entry_id)


@pytest.mark.parametrize(("point_id", "entry_id"), MARKED)
def test_show_displays_the_marker_for_marked_content(point_id, entry_id):
    view = PointView(ckm_course.point(point_id), "en")
    assert MARKER in repr(view)
    assert MARKER in view._repr_html_()


def test_unmarked_points_show_no_marker():
    assert MARKER not in repr(PointView(ckm_course.point("C6.1"), "both"))


@pytest.mark.parametrize("name", ["03_classifying_knowledge.ipynb", "04_ckm_crm_km.ipynb",
                                  "05_knowledge_lifecycle.ipynb", "06_implementation_roadmap.ipynb",
                                  "07_learning_organisation.ipynb", "08_capability_assessment.ipynb"])
def test_notebooks_mark_course_notes_where_inferences_appear(name):
    assert MARKER in markdown(name)


def test_hidden_knowledge_worth_is_marked_as_the_course_view():
    text = markdown("03_classifying_knowledge.ipynb")
    section = text[text.index("<!-- C3.3 -->"):text.index("<!-- C3.4 -->")]
    assert MARKER in section and "worth the most" not in section


def test_technology_exercise_says_the_links_are_the_course_reading(course):
    spec = course.exercise("c6.5-technology-process")
    assert "course" in spec.prompt.en and "课程" in spec.prompt.zh
    assert "defensible" in spec.prompt.en


def test_charts_mark_course_notes(course):
    from ckm_course.frontends import charts, widgets

    matrix = charts.process_technology_matrix(course.point("C6.5"), "en")
    assert MARKER in matrix.layout.title.text
    table = charts.comparison_table([course.point("C4.3")], widgets.side_names([course.exercise("c4.3-ckm-or-km")]),
                                    course.chapters[3].title, "en")
    assert MARKER in table.data[0].cells.values[0][0]  # the definition row


# --- 8. show() numbers parallel lists from 1 ----------------------------------------------

def test_show_numbers_each_path_from_one():
    rows = PointView(ckm_course.point("C4.4"), "zh")._rows()
    numbers = {}
    for number, group, *_ in rows:
        numbers.setdefault(group, []).append(int(number))
    assert all(found == list(range(1, len(found) + 1)) for found in numbers.values())
    assert max(len(found) for found in numbers.values()) == 12  # KM 1-12, not 12-23


def test_roadmap_steps_keep_one_sequence():
    rows = PointView(ckm_course.point("C6.1"), "zh")._rows()
    assert [int(r[0]) for r in rows] == list(range(1, 12))


# --- 3. the seed's terms ------------------------------------------------------------------

def test_team_roles_use_the_deck_names_and_accept_the_hint_wording(course):
    point = course.point("C6.3")
    assert [g.label.zh for g in point.groups] == ["一般成员", "技术人员", "项目领导"]  # deck 000 slide 26
    ex = ckm_course.exercise("c6.3-team-roles")
    for spelling in ("一般成员", "一线成员", "front-line members", "general members", "General members"):
        result = ex.check({"财务人员": spelling})
        assert [v.mark for v in result.verdicts if v.item_id == "finance-staff"] == ["correct"], spelling


def test_definition_of_customer_knowledge_keeps_the_deck_terms(course):
    text = course.point("C2.2").summary.zh
    for term in ("经验", "价值", "情景信息", "专家洞察力"):  # deck 003 p. 4
        assert term in text
    everything = " ".join(t.zh for _, t in texts(course)) + markdown("02_customer_knowledge.ipynb")
    for wrong in ("情境信息", "专家洞见", "专家见解"):
        assert wrong not in everything


def test_de_geus_keeps_the_deck_name(course):
    point = course.point("C7.1")
    assert "德格" in point.summary.zh and "壳牌" in point.summary.zh and "de Geus" in point.summary.en
    assert "德格" in markdown("07_learning_organisation.ipynb")


def test_transparent_capture_tools_is_translated_in_full(course):
    entry = course.point("C6.5").entry("capture-tools")
    assert entry.label.zh == "透明获取工具" and entry.label.en == "Transparent capture tools"


# --- 4 and 8. what the decks claim, and no more -------------------------------------------

def test_four_reasons_not_five(course):
    point = course.point("C1.1")
    assert [e.id for e in point.entries] == ["revenue", "market-value", "competitive-advantage", "learning-innovation"]
    assert "四" in point.title.zh and "Four" in point.title.en
    spec = course.exercise("c1.1-four-reasons")
    assert set(spec.correct) == {e.id for e in point.entries}


def test_customers_are_a_sustainable_advantage_not_the_only_one(course):
    text = markdown("01_why_ckm.ipynb")
    section = text[text.index("<!-- C1.1 -->"):text.index("<!-- C1.2 -->")]
    assert "only lasting competitive advantage" not in section.replace("\"the only lasting advantage\"", "")
    assert "a sustainable competitive advantage" in section and "可持续竞争优势" in section
    assert "唯一" not in course.point("C1.1").summary.zh


def test_ckm_is_defined_at_first_use():
    text = markdown("01_why_ckm.ipynb")
    first = text.index("CKM")
    assert "customer knowledge management" in text[max(0, first - 200):first + 40].lower()


def test_three_definitions_are_reconciled_in_chapter_four():
    text = markdown("04_ckm_crm_km.ipynb")
    assert "slide 9" in text and "p. 10" in text and "C4.3" in text and MARKER in text


def test_final_aims_stay_apart_and_the_typo_is_named(course):
    point = course.point("C4.4")
    aims = point.entries_in("aim")
    assert [e.id for e in aims] == ["km-aim", "ckm-aim"]
    assert "market" in aims[0].label.en and "knowledge" in aims[1].label.en
    assert "CRM" in aims[0].course_note.zh and "typo" in aims[0].course_note.en


def test_learning_unit_example_says_the_name_is_lost(course):
    summary = course.point("C7.2").summary
    assert "缺失" in summary.zh and "lost" in summary.en
    assert "lost" in markdown("07_learning_organisation.ipynb")


# --- 5. one English name per category -----------------------------------------------------

def test_c31_and_c32_categories_have_distinct_english_names(course):
    c31 = {e.label.en.casefold(): e.label.zh for e in course.point("C3.1").entries}
    c32 = {e.label.en.casefold(): e.label.zh for e in course.point("C3.2").entries}
    assert not set(c31) & set(c32)
    assert course.point("C3.2").entry("hold").label.en == "Knowledge customers hold"
    assert "knowledge of / for / from customers" in course.point("C3.2").summary.en


def test_no_spelling_of_one_scheme_is_accepted_by_the_other(course):
    from ckm_course.i18n import fold

    def spellings(spec):
        return {fold(s) for c in spec.choices for s in (c.id, c.label.en, *c.aliases)}

    four = course.exercise("c3.1-four-categories")
    process = course.exercise("c3.2-process-view")
    assert not spellings(four) & spellings(process)


# --- 6. zh and en say the same ------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# An amount in 万 (zh, issue 20: "120 万元") and the same amount with k or m (en, "¥1.2m") are one number.
_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)*)(?:\s*(万|亿)|(k|m)\b)")
_SCALE = {"万": 10_000, "亿": 100_000_000, "k": 1_000, "m": 1_000_000}


def numbers(text: str) -> list[str]:
    """The numbers in a text, thousands separators dropped (1,200 == 1200), in sorted order.

    An amount with a unit of magnitude is read as its value: "120 万" == "1.2m" == "1,200k" == "1200000".
    """
    found = []
    for match in _AMOUNT.finditer(text):
        value = float(re.sub(r",(?=\d{3}\b)", "", match.group(1))) * _SCALE[match.group(2) or match.group(3)]
        found.append(f"{value:.0f}" if value == int(value) else f"{value:g}")
    for raw in _NUMBER.findall(_AMOUNT.sub(" ", text)):
        # "1,200" is a thousands separator; "0.8" a decimal; a trailing list comma is not in the match
        found.append(re.sub(r",(?=\d{3}\b)", "", raw))
    return sorted(found)


def test_numbers_helper():
    assert numbers("¥1,200k, r = 0.8, 2024-03-02") == sorted(["1200000", "0.8", "2024", "03", "02"])
    assert numbers("步骤 1-3") == numbers("steps 1-3")
    assert numbers("收入 120 万元，服务成本 0.8 万元") == numbers("revenue ¥1.2m, cost to serve ¥8k")


def test_every_text_carries_the_same_numbers_in_zh_and_en(course):
    problems = [f"{where}: zh {numbers(t.zh)} vs en {numbers(t.en)}"
                for where, t in texts(course) if numbers(t.zh) != numbers(t.en)]
    assert not problems, "\n".join(problems)


def test_generated_case_data_is_not_called_real():
    text = markdown("09_case_study.ipynb")
    assert "真实接触记录" not in text and "一些真实记录" not in text
    section = text[text.index("<!-- C3.1 -->"):]
    assert "生成" in section[:400] and "generated" in section[:800]
    assert "Case study on real data" not in text


def test_capability_scale_runs_initial_to_optimising(course):
    assert [course.levels[0].label.zh, course.levels[-1].label.zh] == ["初始", "优化"]
    text = markdown("08_capability_assessment.ipynb")
    assert "领先" not in text and "优化" in text and "optimising" in text


def test_lifetime_value_prompt_says_the_same_in_both_languages(course):
    prompt = course.exercise("c1.3-lifetime-value").prompt
    assert "每年服务" not in prompt.zh and "一次性" in prompt.zh and "one-off" in prompt.en
