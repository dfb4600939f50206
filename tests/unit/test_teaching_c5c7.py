"""Issue 20, chapters 5 and 7: one test per fix (each fails on the text before it), plus the prose goal.

1.2  transfer (转移) is outward to the customer, sharing (共享) stays inside: chapter 5 teaches the contrast.
1.8  the famous de Geus line is Senge's 1990 wording, not the 1988 article's; references are complete.
1.9  chapter 7's task names as the deck has them (003 pp. 14-15), 课件 for the decks, speaker notes in deck terms.
2    chapters 5 and 7 teach in prose (>= 3,000 Chinese characters each, English alongside).
3    weak distractors replaced; reasoning practice; a final-quiz item for C5.2, C5.3, C5.4 and C7.1.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

import ckm_course
from ckm_course.materials import find

ROOT = Path(__file__).resolve().parents[2]
NB05 = ROOT / "notebooks" / "05_knowledge_lifecycle.ipynb"
NB07 = ROOT / "notebooks" / "07_learning_organisation.ipynb"
CONTENT = ROOT / "ckm_course" / "content"
MY_FILES = [NB05, NB07, ROOT / "solutions" / "05_knowledge_lifecycle_exercises.ipynb",
            ROOT / "solutions" / "07_learning_organisation_exercises.ipynb",
            CONTENT / "c5_lifecycle.toml", CONTENT / "c7_learning_organisation.toml",
            CONTENT / "feedback" / "c5.toml", CONTENT / "feedback" / "c7.toml",
            CONTENT / "feedback" / "practice_c5.toml", CONTENT / "feedback" / "practice_c7.toml",
            CONTENT / "materials" / "05_knowledge_lifecycle.toml", CONTENT / "materials" / "07_learning_organisation.toml"]
TASKS = ["倡导学习", "学习过程辅导", "标杆管理", "与供应商、分销商和顾客一起成长", "负责内外的沟通与交流"]  # deck 003 pp. 14-15
_HAN = re.compile(r"[\u4e00-\u9fff]")


def cells(path: Path, notes: bool | None = None) -> list[str]:
    """Markdown cells of a notebook; notes=True only speaker notes, False none of them, None all."""
    out = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "markdown":
            continue
        is_note = cell.source.startswith("**讲者备注")
        if notes is None or notes == is_note:
            out.append(cell.source)
    return out


def prose(path: Path) -> tuple[int, int]:
    text = "\n".join(cells(path, notes=False))
    return len(_HAN.findall(text)), len(re.findall(r"[A-Za-z]{2,}", text))


# --- 1.2 transfer vs share ------------------------------------------------------------------

def test_chapter_5_teaches_transfer_against_share():
    section = [c for c in cells(NB05, notes=False) if c.startswith("### 5.1 转移与共享")]
    assert section, "chapter 5 has no section contrasting 转移 and 共享"
    text = section[0]
    assert "从企业流向客户" in text and "留在企业内部" in text and "from the firm to the customer" in text
    assert "研发部门" in text and "共享" in text  # the internal hand-over is named as sharing
    point = ckm_course.point("C5.1")
    assert "共享" in point.entry("transfer").explanation.zh and "转移" in point.entry("share").explanation.zh


def test_transfer_is_never_an_internal_hand_over_in_chapter_5_keys():
    ex = ckm_course.exercise("c5.1-practice-transfer-share")
    spec = ex.bank or ex.spec  # the whole bank, not only the set shown (issue 24)
    key = {item.id: item.answer for item in spec.items}
    assert key["aftersales-to-rnd"] == ("share",) and key["national-accounts"] == ("share",)
    assert key["selfhelp-videos"] == ("transfer",) and key["help-centre"] == ("transfer",)
    for path in MY_FILES:
        assert "转移给研发" not in path.read_text(encoding="utf-8").replace("“转移给研发部门”", ""), path.name


# --- 1.8 de Geus and Senge ------------------------------------------------------------------

def test_the_famous_line_is_senges_wording_not_the_1988_articles():
    opening = find("07").opening
    assert "文中写道，比竞争对手学得更快的能力" not in opening.text.zh
    assert "the article says that the ability to learn faster" not in opening.text.en
    assert "圣吉" in opening.text.zh and "1990" in opening.text.zh and "Senge" in opening.text.en
    note = ckm_course.point("C7.1").course_note
    assert "圣吉" in note.zh and "Senge" in note.en and "66(2)" in note.en and "70–74" in note.en
    assert "德格" in ckm_course.point("C7.1").summary.zh and "壳牌" in ckm_course.point("C7.1").summary.zh
    text = "\n".join(cells(NB07, notes=False))
    where = [c for c in cells(NB07, notes=False) if c.startswith("### 7.1 这句话从哪里来")]
    assert where and "Senge" in where[0] and "Planning as learning" in where[0] and "Doubleday" in where[0]
    assert "壳牌石油公司的德格" in text and "Arie de Geus" in text


def test_chapter_7_references_are_complete():
    readings = {r.authors: r for r in find("07").reading}
    senge = readings["Senge, P. M."]
    assert senge.year == 1990 and "New York" in senge.publisher and "Doubleday" in senge.publisher
    geus = readings["de Geus, A. P."]
    assert (geus.journal, geus.volume, geus.issue, geus.pages) == ("Harvard Business Review", "66", "2", "70–74")
    wack = readings["Wack, P."]
    assert (wack.volume, wack.issue, wack.pages) == ("63", "5", "73–89")
    assert "Boston" in readings["de Geus, A."].publisher


def test_chapter_5_references_are_complete_or_dropped():
    readings = find("05").reading
    assert all(r.publisher or (r.journal and r.volume and r.issue and r.pages) for r in readings)
    assert not [r for r in readings if r.authors.startswith("Rowley")]  # could not be verified: dropped
    assert any(r.authors.startswith("Gibbert") and r.pages == "459–469" for r in readings)


# --- 1.9 the deck's words -------------------------------------------------------------------

def test_chapter_7_uses_the_decks_task_names_everywhere():
    everything = "\n".join(cells(NB07)) + "".join(p.read_text(encoding="utf-8") for p in MY_FILES
                                                  if p.suffix == ".toml" and "7" in p.name)
    for wrong in ("经销商", "共同成长", "辅导学习过程", "内外部沟通", "标杆学习"):
        assert wrong not in everything, wrong
    notes = "\n".join(cells(NB07, notes=True))
    summary = [c for c in cells(NB07, notes=False) if c.startswith("## 小结")][0]
    for task in TASKS:
        assert task in notes and task in summary, task
    assert [e.label.zh for e in ckm_course.point("C7.2").entries] == TASKS


def test_decks_are_called_kejian_in_chapters_5_and_7():
    for path in MY_FILES:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        assert "讲义" not in text, path.name
        assert "¥" not in text, path.name


# --- 2 prose --------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [NB05, NB07], ids=["05", "07"])
def test_chapters_5_and_7_teach_in_prose(path):
    zh, en = prose(path)
    assert zh >= 3000, f"{path.name}: {zh} Chinese characters of explanation"
    assert en >= zh / 3, f"{path.name}: English ({en} words) does not run alongside"


def test_each_stage_task_and_clause_has_its_own_section():
    headings05 = [c.splitlines()[0] for c in cells(NB05, notes=False)]
    for needed in ("### 5.1 七个环节逐个看", "### 5.2 接触点", "### 5.2 汇集与挖掘", "### 5.2 四大途径",
                   "### 5.3 范围", "### 5.3 共享文化与激励机制", "### 5.3 员工为什么愿意共享", "### 5.3 共享的好处",
                   "### 5.4 逐句读定义"):
        assert any(h.startswith(needed) for h in headings05), needed
    text07 = "\n".join(cells(NB07, notes=False))
    assert "情景规划" in text07 and "scenario" in text07
    for task in TASKS:
        assert any(h.startswith("### 7.2") and task in h for h in (c.splitlines()[0] for c in cells(NB07, notes=False))), task


# --- 3 distractors, practice, quiz ----------------------------------------------------------

def test_weak_distractors_are_replaced():
    motives = {c.id for c in ckm_course.exercise("c5.3-sharing-motives").spec.choices}
    assert "order" not in motives and "incentive-scheme" in motives
    tasks = {c.id for c in ckm_course.exercise("c7.2-learning-unit-tasks").spec.choices}
    assert not tasks & {"cut-training", "hiring"} and {"product-ads", "sales-ranking"} <= tasks
    quiz = ckm_course.exercise("quiz-c7-learning-unit").spec
    assert {"cold-chain-ads", "depot-ranking"} <= {c.id for c in quiz.choices}
    assert all(c.feedback for c in quiz.choices if c.id not in quiz.correct)


def test_a_third_of_each_practice_set_reasons_on_new_cases():
    sets = {"C5": (["c5.1-practice-stage", "c5.3-practice-motives"],
                   ["c5.1-practice-transfer-share", "c5.3-practice-sharing-diagnosis"]),
            "C7": (["c7.2-practice-which-task"], ["c7.2-practice-missing-task", "c7.1-practice-lasting"])}
    for chapter, (sorting, reasoning) in sets.items():
        count = lambda ids: sum(len(ckm_course.exercise(i).spec.items) for i in ids)  # noqa: E731
        assert count(reasoning) * 3 >= count(sorting) + count(reasoning), chapter
        for exercise_id in reasoning:
            spec = ckm_course.exercise(exercise_id).spec
            assert all(item.reason for item in spec.items) and len(spec.hints) >= 2, exercise_id


@pytest.mark.parametrize(("exercise_id", "point"), [("quiz-c5-acquisition", "C5.2"), ("quiz-c5-sharing", "C5.3"),
                                                    ("quiz-c5-definition", "C5.4"), ("quiz-c7-learning-speed", "C7.1")])
def test_final_quiz_items_exist_for_the_points_that_had_none(exercise_id, point):
    spec = ckm_course.exercise(exercise_id).spec
    assert spec.point == point and spec.kind != "value"
    wrong = [c for c in spec.choices if c.id not in spec.correct]
    assert spec.kind == "single_label" or all(c.feedback for c in wrong)


def test_questionnaires_for_chapters_5_and_7():
    for chapter, path in (("c5", NB05), ("c7", NB07)):
        spec = ckm_course.exercise(f"{chapter}.questionnaire").spec
        open_questions = find(path.name).questionnaire
        assert len(spec.items) >= 8 and len(open_questions) >= 4 and 12 <= len(spec.items) + len(open_questions) <= 20
        points = {item.point for item in spec.items}
        assert points == {p.id for p in ckm_course.course().points if p.id.startswith(chapter.upper())}
        for item in spec.items:
            assert all(item.feedback_for(o) for o in item.options if o not in item.answer), item.id
