"""End-of-chapter questionnaires (issue 20, section 3): closed questions with their own options,
checked like single-label rows; open questions in the materials, answered only in INSTRUCTORS.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from ckm_course.content.builder import ContentError
from ckm_course.content.loader import load_course
from ckm_course.content.materials import parse_materials
from ckm_course.exercises.checks import check
from ckm_course.exercises.checks.normalize import offered, presented
from ckm_course.exercises.exercise import Exercise

HEAD = """
[chapter]
id = "C5"
title = { zh = "生命周期", en = "Life cycle" }

[[points]]
id = "C5.1"
source = "fixture"
title = { zh = "环节", en = "Stages" }
summary = { zh = "摘要", en = "Summary" }

[[points]]
id = "C5.3"
source = "fixture"
title = { zh = "共享", en = "Sharing" }
summary = { zh = "摘要", en = "Summary" }

[[exercises]]
id = "c5.questionnaire"
kind = "single_label"
point = "C5.1"
title = { zh = "本章问题", en = "Questionnaire" }
prompt = { zh = "回答每个问题。", en = "Answer each question." }
hint = { zh = "回到本章。", en = "Go back to the chapter." }
"""

CHOICES = {
    "q01-a": ("企业内部", "Inside the firm"), "q01-b": ("流向客户", "Out to customers"),
    "q01-c": ("两者都是", "Both"),
    "q02-a": ("互惠", "Reciprocity"), "q02-b": ("名声", "Reputation"), "q02-c": ("两者都是", "Both"),
}
QUESTIONS = """
[[exercises.items]]
id = "q01"
label = { zh = "转移的知识流向哪里？", en = "Where does transferred knowledge go?" }
options = ["q01-a", "q01-b", "q01-c"]
answer = ["q01-b"]
reason = { zh = "转移把客户需要的知识送到客户一侧。", en = "Transfer moves the knowledge customers need to their side." }

[[exercises.items]]
id = "q02"
label = { zh = "“他帮过我，我也帮他”是哪种动机？", en = "'He helped me, so I help him' is which motive?" }
options = ["q02-a", "q02-b", "q02-c"]
answer = ["q02-a"]
reason = { zh = "有来有往是互惠。", en = "Give and take is reciprocity." }
point = "C5.3"
"""


def _choices(ids=CHOICES) -> str:
    return "".join(f'\n[[exercises.choices]]\nid = "{i}"\nlabel = {{ zh = "{zh}", en = "{en}" }}\n'
                   for i, (zh, en) in ids.items())


FEEDBACK = """
[[exercise]]
id = "c5.questionnaire"

[exercise.items."q01"."q01-a"]
zh = "那是共享。"
en = "That is sharing."
"""


def write(tmp_path: Path, questions: str = QUESTIONS, choices: str | None = None, feedback: str = FEEDBACK) -> Path:
    (tmp_path / "c5.toml").write_text(HEAD + (choices if choices is not None else _choices()) + questions,
                                      encoding="utf-8")
    (tmp_path / "feedback").mkdir(exist_ok=True)
    (tmp_path / "feedback" / "c5.toml").write_text(feedback, encoding="utf-8")
    return tmp_path


@pytest.fixture()
def questionnaire(tmp_path) -> Exercise:
    return Exercise(load_course(write(tmp_path)).exercise("c5.questionnaire"))


def test_questions_keep_the_file_order_and_offer_only_their_own_options(questionnaire):
    spec = questionnaire.spec
    assert [i.id for i in presented(spec)] == ["q01", "q02"]
    assert {c.id for c in offered(spec, spec.items[0])} == {"q01-a", "q01-b", "q01-c"}
    assert {c.id for c in offered(spec, spec.items[1])} == {"q02-a", "q02-b", "q02-c"}
    assert spec.items[1].point == "C5.3" and spec.items[0].point is None


def test_a_label_two_questions_share_is_read_per_question(questionnaire):
    result = check(questionnaire.spec, {"q01": "Both", "q02": "两者都是"})
    assert result.answer == {"q01": ["q01-c"], "q02": ["q02-c"]}
    assert [v.mark for v in result.verdicts] == ["wrong", "wrong"]
    assert result.score == 0


def test_full_marks_by_label_id_or_the_letter_shown(questionnaire):
    spec = questionnaire.spec
    letter = {c.id: c.aliases[-1] for c in offered(spec, spec.items[1])}["q02-a"]
    result = check(spec, {"q01": "Out to customers", "q02": letter})
    assert (result.status, result.score, result.max_score) == ("correct", 2.0, 2.0)
    assert check(spec, questionnaire.key("en")).status == "correct"


def test_an_option_of_another_question_is_not_accepted(questionnaire):
    result = check(questionnaire.spec, {"q01": "Reciprocity"})
    assert result.status == "not_attempted"
    assert any("Reciprocity" in m.en for m in result.messages)


def test_wrong_option_feedback_explains_without_the_key(questionnaire):
    verdict = check(questionnaire.spec, {"q01": "q01-a"}).verdicts[0]
    assert verdict.mark == "wrong"
    assert "That is sharing." in verdict.reason.en
    assert "Out to customers" not in verdict.reason.en


def test_describe_lists_each_question_with_its_lettered_options(questionnaire):
    text = questionnaire.describe("en")
    assert "1. Where does transferred knowledge go?" in text
    assert "2. 'He helped me, so I help him' is which motive?" in text
    assert text.count("Both") == 2


@pytest.mark.parametrize(("questions", "field", "problem"), [
    (QUESTIONS.replace('answer = ["q01-b"]', 'answer = ["q02-a"]'), "items[0].answer",
     "not one of this question's options"),
    (QUESTIONS.replace('options = ["q01-a", "q01-b", "q01-c"]', 'options = ["q01-b"]'), "items[0].options",
     "2-6 options"),
    (QUESTIONS.replace('point = "C5.3"', 'point = "C5.9"'), "items[1].point", "no content point"),
    (QUESTIONS.replace('options = ["q02-a", "q02-b", "q02-c"]\n', ""), "items", "every question lists its options"),
    (QUESTIONS, "items[0].feedback", "does not offer"),
])
def test_a_broken_questionnaire_names_the_field(tmp_path, questions, field, problem):
    feedback = FEEDBACK.replace('"q01"."q01-a"', '"q01"."q02-b"') if field.endswith("feedback") else FEEDBACK
    with pytest.raises(ContentError) as caught:
        load_course(write(tmp_path, questions, feedback=feedback))
    assert (caught.value.entry, caught.value.field) == ("exercise 'c5.questionnaire'", field)
    assert problem in caught.value.problem


def test_two_options_of_one_question_must_differ(tmp_path):
    same = dict(CHOICES, **{"q01-c": ("流向客户", "Out to customers ")})
    with pytest.raises(ContentError) as caught:
        load_course(write(tmp_path, choices=_choices(same)))
    assert caught.value.field.startswith("items[0].options")


MATERIALS = """
[notebook]
name = "05_knowledge_lifecycle.ipynb"
kind = "reference"

[[questionnaire]]
id = "c5-q13"
point = "C5.3"
question = { zh = "为什么共享需要激励？", en = "Why does sharing need incentives?" }
model_answer = { zh = "因为……", en = "Because ..." }
checklist = [{ zh = "动机", en = "motives" }, { zh = "文化", en = "culture" }]
"""


def test_open_questions_parse_and_reference_notebooks_may_not_carry_them(tmp_path):
    path = tmp_path / "05.toml"
    path.write_text(MATERIALS, encoding="utf-8")
    with pytest.raises(ContentError, match="carry no teaching materials"):
        parse_materials(path)


def test_open_question_checklist_and_point_are_validated(tmp_path):
    from ckm_course.materials import find  # the old path keeps working

    real = Path(find("05").file)
    text = (Path(__file__).resolve().parents[2] / "ckm_course/content/materials" / real).read_text(encoding="utf-8")
    body = MATERIALS.split("[[questionnaire]]", 1)[1]
    path = tmp_path / "05.toml"
    path.write_text(text + "\n[[questionnaire]]" + body.replace('"C5.3"', '"5.3"'), encoding="utf-8")
    with pytest.raises(ContentError, match="CONTENT.md point id"):
        parse_materials(path)
    path.write_text(text + "\n[[questionnaire]]" + body.replace(', { zh = "文化", en = "culture" }', ""),
                    encoding="utf-8")
    with pytest.raises(ContentError, match="at least 2 points"):
        parse_materials(path)
    path.write_text(text + "\n[[questionnaire]]" + body, encoding="utf-8")
    assert parse_materials(path).questionnaire[-1].model_answer.en == "Because ..."


def test_the_static_view_lists_each_question_with_its_own_options(questionnaire):
    from ckm_course.exercises.feedback import question_html

    page = question_html(questionnaire, "en")
    assert "<table" not in page  # not one grid of every option of every question
    first = page.index("Where does transferred knowledge go?")
    second = page.index("is which motive?")
    assert page.count("Both") == 2
    assert first < page.index("Out to customers") < second < page.index("Reciprocity")
