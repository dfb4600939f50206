"""Issue 20 for chapters 1 and 9: one rule, the deck's reasons, exact citations, 万元 and 课件.

Each test pins one fix of section 1 (it fails on the text before the fix), plus the prose
measure of section 2 and the practice / quiz coverage of section 3 for notebooks 01 and 09.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

import ckm_course

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "ckm_course" / "content"
MY_TOMLS = [
    CONTENT / "c1_why_ckm.toml",
    CONTENT / "c9_open_questions.toml",
    CONTENT / "feedback" / "c1.toml",
    CONTENT / "feedback" / "practice_c1.toml",
    CONTENT / "materials" / "01_why_ckm.toml",
    CONTENT / "materials" / "09_case_study.toml",
    CONTENT / "case_thread" / "qinghe.toml",
    CONTENT / "capstone" / "qinghe_capstone.toml",
    ROOT / "ckm_course" / "case" / "company.toml",
]
NOTE = "课程补充"


def cells(name: str) -> list[str]:
    """The markdown cells of a chapter notebook, speaker notes left out."""
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    return [("".join(c["source"])) for c in nb["cells"]
            if c["cell_type"] == "markdown" and not "".join(c["source"]).startswith("**讲者备注")]


def notes(name: str) -> list[str]:
    nb = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
    return [("".join(c["source"])) for c in nb["cells"]
            if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("**讲者备注")]


def zh_texts(value, where=""):
    """Every zh string of a parsed TOML document (tables with a zh key, and zh-suffixed keys)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "zh" and isinstance(item, str):
                yield where, item
            else:
                yield from zh_texts(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from zh_texts(item, f"{where}[{i}]")


def toml(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def chinese_characters(name: str) -> int:
    """The lead's prose measure: CJK characters in markdown cells, speaker notes skipped."""
    return sum(len(re.findall("[\u4e00-\u9fff]", text)) for text in cells(name))


@pytest.fixture(scope="module")
def course():
    return ckm_course.course()


# --- 1.6 the worked example asks what it answers, in both languages --------------------------

def test_worked_example_asks_for_the_lifetime_value_it_computes():
    worked = toml(CONTENT / "materials" / "01_why_ckm.toml")["worked"][0]
    situation, result = worked["situation"], worked["result"]
    assert "每人每年最多能花多少钱" not in situation["zh"]  # the old question: spend per customer per year
    assert "终身价值" in situation["zh"] and "lifetime value" in situation["en"]
    assert "整个生命周期" in situation["zh"] and "whole lifetime" in situation["en"]
    for text in (result["zh"], result["en"]):
        assert "2200" in text and "5400" in text and "3200" in text


# --- 1.7 course additions are marked; the deck's reasons are the deck's ---------------------

def test_the_clv_formula_is_marked_as_a_course_note_everywhere(course):
    for spec in course.exercises:
        for text in (spec.prompt.zh, spec.prompt.en):
            if "m·r/(1+i−r)" in text:
                assert "课程补充 Course note" in text, spec.id
    assert "CLV" in course.point("C1.3").course_note.zh
    for text in cells("01_why_ckm.ipynb"):
        if "CLV" in text or "m·r/(1+i−r)" in text:
            assert NOTE in text, text[:80]
    worked = toml(CONTENT / "materials" / "01_why_ckm.toml")["worked"][0]
    assert NOTE in worked["situation"]["zh"] and "Course note" in worked["situation"]["en"]


def test_sustainable_advantage_is_taught_with_the_decks_reason(course):
    entry = course.point("C1.1").entry("competitive-advantage")
    assert "不论" in entry.explanation.zh and "需求" in entry.explanation.zh
    assert "难以被对手复制" in course.point("C1.1").course_note.zh  # the further reading, marked as the course's
    copied = re.compile(r"难以复制|难以照搬|学不来|买不走|复制不了|hard to copy|cannot easily be|cannot copy|cannot buy or copy")
    for spec in course.exercises:
        for item in spec.items:
            if "competitive-advantage" in item.answer:
                assert not copied.search(item.label.zh + item.reason.zh + item.label.en + item.reason.en), item.id
    opening = toml(CONTENT / "materials" / "01_why_ckm.toml")["opening"]["text"]["zh"]
    for sentence in re.split(r"(?<=。)", opening):
        if copied.search(sentence):
            assert NOTE in sentence, sentence
    for text in cells("01_why_ckm.ipynb"):
        if copied.search(text):
            assert NOTE in text, text[:80]
    quiz = ckm_course.exercise("quiz-c1-reasons").bank  # the whole bank, not only the set shown (issue 24)
    assert not copied.search(next(i for i in quiz.items if i.id == "optician-records").label.zh)


def test_the_ckm_definition_opening_1_1_is_attributed_to_the_decks():
    section = next(t for t in cells("01_why_ckm.ipynb") if t.startswith("## 1.1"))
    assert "有计划地获取、保存、共享、应用" not in section  # the course's own definition, once shown as the definition
    assert "第 9 张幻灯片" in section and "C4.1" in section and "C5.4" in section and "课件 003" in section


def test_one_negative_value_rule_in_chapters_1_and_9(course):
    note = course.point("C1.3").course_note
    for word in ("毛利", "服务成本", "终身", "第 1 章和第 9 章"):
        assert word in note.zh
    classes = ckm_course.exercise("c1.3-customer-classes").spec
    assert all("毛利" in i.label.zh and "gross margin" in i.label.en for i in classes.items)  # not revenue vs cost
    courier = ckm_course.exercise("c1.3-practice-courier-accounts").bank  # every item of the bank (issue 24)
    assert all("毛利" in i.label.zh for i in courier.items)
    loss = ckm_course.exercise("c1.3-case-loss-share").spec
    assert "不等于负值客户" in loss.explanation.zh and "not yet negative value" in loss.explanation.en
    assert any("今年亏损不等于负值客户" in t for t in cells("01_why_ckm.ipynb"))
    nine = next(t for t in cells("09_case_study.ipynb") if t.startswith("### 负值客户"))
    assert "第 1 章的同一条规则" in nine and "chapter 1's rule" in nine and "讲义" not in nine


def test_information_is_not_called_organised_data():
    thread = (CONTENT / "case_thread" / "qinghe.toml").read_text(encoding="utf-8")
    assert "信息已经整理过" not in thread and "It is organised" not in thread
    rfm = next(t for t in cells("09_case_study.ipynb") if t.startswith("### RFM：按天数打分"))
    assert "整理过" not in rfm and "organised and comparable" not in rfm
    assert "原材料" in rfm and "raw material" in rfm


# --- 1.8 citations: what each Fader, Hardie & Lee paper did -------------------------------

def test_cdnow_is_cited_for_rfm_and_clv_with_the_full_reference():
    materials = toml(CONTENT / "materials" / "09_case_study.toml")
    source = materials["opening"]["source"]
    assert source["title"] == "RFM and CLV: Using iso-value curves for customer base analysis"
    assert (source["journal"], source["volume"], source["issue"], source["pages"]) == (
        "Journal of Marketing Research", "42", "4", "415–430")
    text = materials["opening"]["text"]
    assert "2,357" in text["zh"] and "2,357" in text["en"]  # the BG/NBD paper's sample, not all 23,570
    readings = {(r["journal"], r["volume"], r["issue"], r["pages"]) for r in materials["reading"]}
    assert ("Marketing Science", "24", "2", "275–284") in readings
    assert ("Journal of Marketing Research", "42", "4", "415–430") in readings
    for reading in materials["reading"]:
        assert all(reading.get(k) for k in ("authors", "year", "title", "journal", "volume", "issue", "pages"))


# --- 1.9 language: 万元, 课件, the deck's class names ----------------------------------------

@pytest.mark.parametrize("path", MY_TOMLS, ids=lambda p: p.name)
def test_amounts_in_chinese_text_are_in_yuan_not_yen_k(path):
    bad = [(where, text) for where, text in zh_texts(toml(path)) if "¥" in text or re.search(r"\d+k\b", text)]
    assert not bad, bad[:5]


def test_the_decks_are_called_kejian_and_notes_use_the_deck_terms():
    for path in MY_TOMLS:
        assert "讲义" not in path.read_text(encoding="utf-8"), path.name
    for name in ("01_why_ckm.ipynb", "09_case_study.ipynb"):
        nb = (ROOT / "notebooks" / name).read_text(encoding="utf-8")
        sources = [''.join(c["source"]) for c in json.loads(nb)["cells"]]
        assert not any("讲义" in s for s in sources), name
    for text in notes("01_why_ckm.ipynb"):
        assert "负价值" not in text and not re.search(r"(?<!增长)成长潜力", text)
    assert any("最有增长潜力客户" in t and "负值客户" in t for t in notes("01_why_ckm.ipynb"))


# --- 2. prose: teaching, not names ----------------------------------------------------------

@pytest.mark.parametrize("name", ["01_why_ckm.ipynb", "09_case_study.ipynb"])
def test_chapter_prose_reaches_three_thousand_chinese_characters(name):
    assert chinese_characters(name) >= 3000, chinese_characters(name)


def test_chapter_1_explains_each_reason_the_definition_and_the_classes():
    text = "\n".join(cells("01_why_ckm.ipynb"))
    for heading in ("### 理由一", "### 理由二", "### 理由三", "### 理由四", "### 边界情形", "### 怎样从数据里分辨三类"):
        assert heading in text, heading
    for word in ("内部客户", "渠道伙伴", "最终用户", "例子（课程补充）"):
        assert word in text, word


def test_chapter_9_explains_rfm_the_whale_curve_and_the_classes():
    text = "\n".join(cells("09_case_study.ipynb"))
    for heading in ("### RFM 测的是什么", "### 怎样读鲸鱼曲线", "### 从毛利和服务成本读出三类"):
        assert heading in text, heading


# --- 3. practice on new cases, a real distractor, a quiz item per point ----------------------

def test_the_resell_records_distractor_is_replaced_by_a_real_slip():
    spec = ckm_course.exercise("c1.1-four-reasons").spec
    ids = {c.id for c in spec.choices}
    assert "data-resale" not in ids and "only-advantage" in ids
    assert "唯一" in next(c for c in spec.choices if c.id == "only-advantage").label.zh


def test_a_third_of_chapter_1_practice_applies_concepts_to_new_cases():
    nb = json.loads((ROOT / "solutions" / "01_why_ckm_exercises.ipynb").read_text(encoding="utf-8"))
    used = set(re.findall(r'exercise\("([^"]+)"\)', "".join("".join(c["source"]) for c in nb["cells"])))
    reasoning = {"c1.2-practice-who-is-customer", "c1.3-practice-lifetime-judgement"}
    assert reasoning <= used
    count = {i: max(1, len(ckm_course.exercise(i).spec.items)) for i in used}
    assert 3 * sum(count[i] for i in reasoning) >= sum(count.values()), count


def test_every_point_of_chapters_1_and_9_has_a_quiz_item(course):
    quizzed = {spec.point for spec in course.exercises if spec.id.startswith("quiz-")}
    assert {"C1.1", "C1.2", "C1.3", "C9.1"} <= quizzed
    assert ckm_course.exercise("quiz-c9-good-answer").spec.kind == "single_label"  # closed, not open
    assert ckm_course.exercise("quiz-c1-negative-value").spec.kind != "value"  # reasoning, not plug-in


@pytest.mark.parametrize(("chapter", "notebook", "key", "materials"), [
    ("c1", "01_why_ckm.ipynb", "C1", "01_why_ckm.toml"),
    ("c9", "09_case_study.ipynb", "09", "09_case_study.toml"),
])
def test_each_chapter_ends_with_a_questionnaire_that_reasons(chapter, notebook, key, materials):
    spec = ckm_course.exercise(f"{chapter}.questionnaire").spec
    opened = toml(CONTENT / "materials" / materials)["questionnaire"]
    assert len(spec.items) >= 8 and len(opened) >= 4 and 12 <= len(spec.items) + len(opened) <= 20
    assert all(3 <= len(item.options) <= 4 and item.point and item.reason for item in spec.items)
    assert sum("为什么" in item.label.zh or "会怎样" in item.label.zh or "什么" in item.label.zh
               for item in spec.items) >= len(spec.items) // 2  # why / what would change, not only recall
    assert all(q["model_answer"]["zh"] and len(q["checklist"]) >= 3 for q in opened)
    nb = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in nb["cells"]]
    start = next(i for i, s in enumerate(sources) if s.startswith("## 本章问题 Questionnaire"))
    summary = next(i for i, s in enumerate(sources) if s.startswith("## 小结"))
    section = sources[start:summary]
    assert f'ckm_course.exercise("{chapter}.questionnaire").widget()' in section
    assert f'ckm_course.materials_view("{key}", "questionnaire")' in section
    assert not any("model_answer" in s or "参考答案：" in s for s in section)  # answers only in INSTRUCTORS.md
