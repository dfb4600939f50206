"""Checkers: every key scores full marks; known wrong answers get exactly the feedback we expect."""

from __future__ import annotations

import json

import pytest

import ckm_course
from ckm_course.exercises.checks.choice import check_multiple_choice
from ckm_course.exercises.checks.classification import check_classification
from ckm_course.exercises.checks.ordering import check_ordering
from ckm_course.exercises.checks.value import check_value, to_number
from ckm_course.content.model import ExerciseSpec, TableSpec, Text


@pytest.fixture(autouse=True)
def english():
    ckm_course.set_language("en")
    yield
    ckm_course.set_language("both")


def verdicts(result):
    return {v.item_id: v.mark for v in result.verdicts}


@pytest.mark.parametrize("exercise_id", ckm_course.exercise_ids())
@pytest.mark.parametrize("language", ["zh", "en", "both"])
def test_every_solution_scores_full_marks(exercise_id, language):
    ex = ckm_course.exercise(exercise_id)
    result = ex.check(ex.key(language))
    assert result.status == ("recorded" if ex.kind == "open" else "correct"), str(result)
    assert result.score == result.max_score
    assert not [m for m in result.messages if "not a known" in m.en]
    json.dumps(result.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize("exercise_id", ckm_course.exercise_ids())
@pytest.mark.parametrize("placeholder", [..., None, "", "   ", "...", {}, []])
def test_placeholders_are_not_attempted(exercise_id, placeholder):
    result = ckm_course.exercise(exercise_id).check(placeholder)
    assert result.status == "not_attempted"
    assert result.score == 0
    assert result.score_line("en").startswith("Not attempted")


@pytest.mark.parametrize("exercise_id", ckm_course.exercise_ids())
def test_the_template_is_not_attempted(exercise_id):
    ex = ckm_course.exercise(exercise_id)
    assert ex.check(ex.template()).status == "not_attempted"


# --- multi-label (C3.1) --------------------------------------------------------------

def test_multi_label_partial_credit_is_jaccard_and_feedback_explains_without_the_key():
    ex = ckm_course.exercise("c3.1-four-categories")
    answer = ex.key("zh")
    answer["客户需求"] = ["有关客户的知识"]                       # 1 of 2 -> 0.5
    answer["客户姓名"] = "Knowledge from customers"              # wrong -> 0
    answer["产品说明书"] = ["need", "about"]                     # 1 of 2 -> 0.5
    del answer["客户意见"]                                         # not answered
    result = ex.check(answer)
    assert result.status == "partial"
    assert result.score == pytest.approx(19 - 1 - 0.5 - 1 - 0.5)
    marks = verdicts(result)
    assert (marks["needs"], marks["name"], marks["manual"]) == ("partial", "wrong", "partial")
    assert "opinions" not in marks and [m.en for m in result.messages] == ["1 more item not answered yet."]
    by_id = {v.item_id: v for v in result.verdicts}
    assert by_id["needs"].reason.en.startswith("Partly right (0.50): ")
    assert "Knowledge from customers" not in by_id["needs"].reason.en  # the missing category is not named
    assert by_id["manual"].reason.en.startswith("Partly right (0.50): “Knowledge about customers” does not fit: ")
    assert by_id["name"].reason.en.startswith("“Knowledge from customers” does not fit")
    assert "Knowledge about customers" not in by_id["name"].reason.en
    assert by_id["name"].symbol == "✗" and by_id["needs"].symbol == "◐"


def test_multi_label_is_forgiving_about_spelling():
    ex = ckm_course.exercise("c3.1-four-categories")
    answer = {
        "ＣＵＳＴＯＭＥＲ　ＮＡＭＥ": "  KNOWLEDGE ABOUT CUSTOMERS ",   # full-width, case, spaces
        "客户需求": "about, from",                                   # one text, two labels
        "feedback": "有关客户的知识、来自于客户的知识",               # item by id, zh labels with 、
        "客户偏好": {"about", "from customers"},                      # a set, alias
        "Customer expectations": ("about", "来自客户"),               # en item, alias zh
    }
    result = ex.check(answer)
    marks = verdicts(result)
    assert all(marks[i] == "correct" for i in ["name", "needs", "feedback", "preferences", "expectations"])
    assert [m.en for m in result.messages] == ["14 more items not answered yet."]


def test_multi_label_accepts_the_decks_layout_category_to_items():
    ex = ckm_course.exercise("c3.1-four-categories")
    from_deck = {
        "有关客户的知识": "客户姓名、客户需求、客户对话、客户行为、客户心理、客户反馈、客户偏好、客户与企业的交互、客户期望",
        "客户需要的知识": ["产品说明书", "营销推广"],
        "来自于客户的知识": "客户需求、客户意见、客户反馈、客户对企业的评价、客户偏好、客户期望、客户对产品的建议、客户满意度、客户体验、客户间的协作",
        "合作创造的知识": ["客户合作途径", "客户合作经验"],
    }
    assert ex.check(from_deck).status == "correct"


def test_unknown_label_lists_valid_labels_and_the_nearest():
    ex = ckm_course.exercise("c3.1-four-categories")
    result = ex.check({"客户姓名": "abuot"})
    assert [m.en for m in result.messages] == [
        "“abuot” is not a known label; did you mean “Knowledge about customers”? Valid: “Knowledge about customers”, "
        "“Knowledge customers need”, “Knowledge from customers”, “Co-created knowledge”."
    ]
    assert "有关客户的知识" in result.messages[0].zh
    assert result.status == "not_attempted"  # nothing readable was given


def test_unknown_item_is_reported_and_ignored():
    result = ckm_course.exercise("c3.1-four-categories").check({"customer nmae": "about", "客户姓名": "about"})
    assert result.messages[0].en == "There is no item “customer nmae” in this exercise (did you mean “Customer name”?); it was ignored."
    assert result.score == 1


# --- single-label and matching -------------------------------------------------------

def test_single_label_feedback_says_why_the_choice_does_not_fit():
    result = ckm_course.exercise("c3.4-explicit-tacit").check({"faq": "tacit", "sales-intuition": "隐性"})
    by_id = {v.item_id: v for v in result.verdicts}
    assert by_id["faq"].reason.en.startswith("“Tacit” does not fit this item")
    assert "Explicit" not in by_id["faq"].reason.en
    assert by_id["sales-intuition"].mark == "correct"
    assert result.score == 1 and result.max_score == 4 and result.status == "partial"


def test_single_label_with_two_labels_asks_for_one():
    result = ckm_course.exercise("c3.4-explicit-tacit").check({"faq": ["explicit", "tacit"]})
    faq = {v.item_id: v for v in result.verdicts}["faq"]
    assert faq.mark == "wrong" and faq.reason.en.startswith("Choose exactly one category for this item.")


def test_matching_accepts_any_linked_process():
    ex = ckm_course.exercise("c6.5-technology-process")
    result = ex.check({"Data warehouse": "knowledge discovery", "数据仓库": "数据挖掘", "VoIP call-back": "data mining"})
    assert verdicts(result)["data-warehouse"] == "correct"
    assert result.messages[0].en == "“Data warehouse” was answered more than once; the last answer counts."
    assert {v.item_id: v for v in result.verdicts}["voip-callback"].reason.en.startswith("“Data mining” does not fit")


def test_a_non_mapping_answer_explains_the_expected_shape():
    result = ckm_course.exercise("c2.3-data-information-knowledge").check(["data", "information"])
    assert result.status == "not_attempted"
    assert result.messages[0].en.startswith("The answer should be a dict (item -> category)")


# --- ordering -----------------------------------------------------------------------

def test_ordering_one_misplaced_step_costs_one_point_and_says_which_way():
    ex = ckm_course.exercise("c6.1-step-order")
    key = [i.id for i in ex.spec.items]
    moved = key[:2] + key[3:6] + [key[2]] + key[6:]        # step 3 put after step 6
    result = ex.check(moved)
    assert result.score == 10 and result.status == "partial"
    step3 = {v.item_id: v for v in result.verdicts}[key[2]]
    assert step3.mark == "wrong" and step3.reason.en.startswith("Too late: ")
    early = ex.check([key[5], *key[:5], *key[6:]])           # step 6 put first
    assert {v.item_id: v for v in early.verdicts}[key[5]].reason.en.startswith("Too early: ")


def test_ordering_text_duplicates_and_unknowns():
    ex = ckm_course.exercise("c6.4-audit-order")
    zh = [i.label.zh for i in ex.spec.items]
    result = ex.check(" > ".join([*zh, zh[-1], "销毁"]))
    assert result.score == 8 and result.status == "correct"
    assert result.messages[0].en == f"“{ex.spec.items[-1].label.en}” appears more than once; only the first counts."
    assert "“销毁” is not a known label" in result.messages[1].en


def test_ordering_reverse_scores_one_and_left_out_steps_are_counted_not_placed():
    ex = ckm_course.exercise("c6.4-audit-order")
    key = ex.key("en")
    assert ex.check(list(reversed(key))).score == 1
    result = ex.check(key[:5])
    assert result.score == 5 and len(result.verdicts) == 5
    assert [m.en for m in result.messages] == ["3 more items not answered yet."]


# --- multiple choice -----------------------------------------------------------------

def test_multi_select_is_jaccard_so_choosing_everything_is_not_full_marks():
    ex = ckm_course.exercise("c2.4-characteristics")
    everything = ex.check(["a", "b", "c", "d", "e", "f"])
    assert everything.score == pytest.approx(4 / 6)
    half = ex.check("a, c")
    assert half.score == pytest.approx(0.5)
    assert set(verdicts(half)) == {ex.choices[0].id, ex.choices[2].id}  # only the chosen options are marked
    assert "At least one option that belongs is not chosen yet." in [m.en for m in half.messages]


def test_single_answer_choice_and_explanation_only_when_right():
    ex = ckm_course.exercise("c8.1-weakest-dimension")
    wrong = ex.check("technology infrastructure")
    assert wrong.status == "incorrect" and wrong.messages == ()
    assert wrong.verdicts[0].reason.en.startswith("Does not belong: ")
    right = ex.check("B")
    assert right.status == "correct" and "Co-creation scores lowest and is the first candidate" in right.messages[0].en
    two = ex.check(["A", "C"])
    assert two.status == "not_attempted" and two.verdicts == ()


# --- value --------------------------------------------------------------------------

@pytest.mark.parametrize("answer", [3200, 3200.004, "3200", "¥3,200", "3 200 元", "３２００"])
def test_value_reads_numbers_forgivingly(answer):
    assert ckm_course.exercise("c1.3-lifetime-value").check(answer).status == "correct"


def test_value_wrong_number_states_the_given_value_and_tolerance_never_the_answer():
    result = ckm_course.exercise("c1.3-lifetime-value").check(3000)
    assert result.verdicts[0].reason.en.startswith("3,000 yuan is not right yet (tolerance 0.01).")
    assert "3,200" not in result.verdicts[0].reason.en and "3200" not in result.verdicts[0].reason.en


@pytest.mark.parametrize("answer", [True, "three thousand", float("nan"), float("inf"), [3200], object()])
def test_value_rejects_non_numbers_without_raising(answer):
    result = ckm_course.exercise("c1.3-lifetime-value").check(answer)
    assert result.status == "not_attempted" and result.score == 0 and result.messages


def test_to_number():
    assert to_number("-1,234.5元") == -1234.5
    assert to_number(True) is None and to_number(None) is None


TABLE = ExerciseSpec(
    id="t", kind="value", point="C1.3", title=Text("表", "Table"), prompt=Text("算", "Compute"), hint=Text("提", "Hint"),
    expected_table=TableSpec(columns=("customer", "clv"), rows=(("A", 3200.0), ("B", 150.0)), index="customer"),
    tolerance=0.5,
)


def test_value_table_row_by_row():
    import pandas as pd

    assert check_value(TABLE, pd.DataFrame({"customer": ["B", "A"], "CLV": [150.2, 3200]})).status == "correct"
    assert check_value(TABLE, pd.DataFrame({"clv": [3200.0]}, index=pd.Index(["A"], name="customer"))).score == 1
    result = check_value(TABLE, [("A", 3100), ("B", 150)])
    assert verdicts(result) == {"A": "wrong", "B": "correct"}
    assert result.verdicts[0].reason.en == "Wrong cells: clv=3100."
    missing = check_value(TABLE, {"customer": ["A"], "clv": [3200]})
    assert verdicts(missing) == {"A": "correct", "B": "missing"}
    odd = check_value(TABLE, pd.Timestamp("2024-01-01"))
    assert odd.status == "not_attempted" and odd.messages[0].en.startswith("The answer should be a table")


# --- open ---------------------------------------------------------------------------

def test_open_question_records_the_answer_and_returns_the_checklist():
    ex = ckm_course.exercise("c9.1-lifecycle-management")
    result = ex.check("获取、保存……以海尔为例")
    assert result.status == "recorded" and result.answer == "获取、保存……以海尔为例"
    assert all(v.mark == "review" and v.symbol == "☐" for v in result.verdicts)
    assert len(result.verdicts) == len(ex.spec.checklist)


# --- direct calls (no safety net) -----------------------------------------------------

def test_checkers_called_directly_handle_odd_shapes():
    spec = ckm_course.course().exercise("c3.1-four-categories")
    assert check_classification(spec, {1: 2, None: [None], "客户姓名": {"about": 1}}).status == "not_attempted"
    order = ckm_course.course().exercise("c6.1-step-order")
    assert check_ordering(order, {"2": "构建实施团队", "1": "建立以客户为中心的知识管理战略"}).score == 2
    mc = ckm_course.course().exercise("c5.3-sharing-motives")
    assert check_multiple_choice(mc, 42.5).status == "not_attempted"


def test_result_text_shows_marks_and_score_line():
    result = ckm_course.exercise("c3.4-explicit-tacit").check({"faq": "explicit"})
    text = str(result).splitlines()
    assert text[0] == "Score: 1/4"
    assert text[1] == "! 3 more items not answered yet."
    assert text[2].startswith("✓ The FAQ in the service knowledge base — Right.")
