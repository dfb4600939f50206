"""The bilingual glossary (术语表), generated from the content files (issues 11 and 20)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

import ckm_course
from ckm_course import materials
from ckm_course.content.builder import ContentError
from ckm_course.content.catalog import catalog
from ckm_course.content.glossary import build, check, is_term_choice, load_definitions
from ckm_course.content.model import Choice, Course, ExerciseSpec, Item, Text
from ckm_course.i18n import fold

REPO = Path(__file__).resolve().parents[2]
TERMS = REPO / "ckm_course" / "content" / "glossary" / "terms.toml"


@pytest.fixture(scope="module")
def course() -> Course:
    return ckm_course.course()


def test_every_defined_term_choice_is_in_the_glossary(course):
    """A term choice (is_term_choice) with a definition is listed, under its own labels or, when its
    Chinese label is already a term, under that term's (issue 20: choices that are answers stay out)."""
    table = ckm_course.glossary()
    pairs, chinese = set(zip(table["term_zh"], table["term_en"])), set(table["term_zh"])
    defined = load_definitions()
    missing = [(spec.id, c.label.zh, c.label.en) for spec in course.exercises for c in spec.choices
               if is_term_choice(spec, c) and (c.explanation or (fold(c.label.zh), fold(c.label.en)) in defined)
               and (c.label.zh, c.label.en) not in pairs and c.label.zh not in chinese]
    assert not missing, missing


def test_every_entry_of_every_point_is_in_the_glossary(course):
    table = ckm_course.glossary()
    pairs = set(zip(table["term_zh"], table["term_en"]))
    missing = [(p.id, e.label.zh) for p in course.points for e in p.entries if (e.label.zh, e.label.en) not in pairs]
    assert not missing, missing


def test_each_row_has_both_languages_a_one_line_definition_and_where_it_is_taught(course):
    notebooks = {c.id: c.notebook for c in course.chapters}
    for t in catalog().glossary.items:
        assert t.zh and t.en and t.definition.zh and t.definition.en
        assert "\n" not in t.definition.zh + t.definition.en
        assert t.point.startswith(t.chapter + ".") and t.notebook == notebooks[t.chapter]


def test_search_forgives_case_full_width_spaces_and_partial_input():
    exact = ckm_course.glossary("隐性知识")
    assert exact.iloc[0]["term_zh"] == "隐性知识" and exact.iloc[0]["chapter"] == "C3"
    assert set(ckm_course.glossary("ＴＡＣＩＴ")["term_zh"]) >= {"隐性知识"}
    assert "隐性知识" in set(ckm_course.glossary("  tacit  knowledge ")["term_zh"])
    assert "一般成员" in set(ckm_course.glossary("general mem")["term_zh"])
    assert ckm_course.glossary("no such term xyz").empty
    assert len(ckm_course.glossary()) == len(catalog().glossary.items) == len(ckm_course.glossary(""))


def test_a_term_first_taught_keeps_its_first_chapter(course):
    row = ckm_course.glossary("有关客户的知识").iloc[0]
    assert (row["term_zh"], row["chapter"]) == ("有关客户的知识", "C3")


def test_glossary_is_built_from_the_content_only(course):
    import dataclasses

    point = course.points[0]
    entry = dataclasses.replace(point.entries[0], label=dataclasses.replace(point.entries[0].label, zh="测试术语", en="Test term"))
    changed_point = dataclasses.replace(point, entries=(entry, *point.entries[1:]))
    chapter = dataclasses.replace(course.chapters[0], points=(changed_point, *course.chapters[0].points[1:]))
    changed = dataclasses.replace(course, chapters=(chapter, *course.chapters[1:]))
    assert any(t.zh == "测试术语" and t.chapter == "C1" for t in build(changed))


def test_calling_glossary_twice_still_calls_the_function():
    ckm_course.glossary("客户")
    assert callable(ckm_course.glossary) and not isinstance(ckm_course.glossary, type(ckm_course))


def test_instructors_md_holds_every_model_answer_and_is_up_to_date():
    text = (REPO / "INSTRUCTORS.md").read_text(encoding="utf-8")
    assert text[text.index(materials.MARKER) + len(materials.MARKER):].lstrip("\n") == materials.instructor_notes()
    for m in catalog().materials:
        for d in m.discussion:
            assert d.model_answer.en in text and d.model_answer.zh in text and all(r.en in text for r in d.rubric)
    for needle in ("solutions/", "build-exercises --assessment", "Instructors: grading", "ckm-course grade"):
        assert needle in text


# --- issue 20: every entry a real definition; answers are not terms ---------------------------

HOLLOW = ("An item under", "An item of", "An option of exercise", "中的一项", "的一个选项", "下的一项")


def hollow(t) -> list[str]:
    """Why a glossary row is not a real definition (empty list: it is one)."""
    problems = [f"reads {h!r}" for h in HOLLOW if h in t.definition.zh or h in t.definition.en]
    if len(re.findall(r"[\u4e00-\u9fff]", t.definition.zh)) < 6 or not t.definition.zh.endswith(("。", "！", "？", "）")):
        problems.append(f"zh is not a sentence: {t.definition.zh!r}")
    if len(t.definition.en.split()) < 4 or not t.definition.en.endswith((".", "!", "?", ")")):
        problems.append(f"en is not a sentence: {t.definition.en!r}")
    if t.definition.en.endswith((" e.g.", " i.e.", " etc.")):
        problems.append(f"en is cut after an abbreviation: {t.definition.en!r}")
    return problems


def test_no_glossary_entry_is_hollow():
    bad = {f"{t.zh} / {t.en} ({t.point})": hollow(t) for t in catalog().glossary.items if hollow(t)}
    assert not bad, bad


def test_the_hollow_check_catches_the_old_placeholders():
    old = [Text("C6.5「步骤 4：技术规划」中“技术组件”下的一项。", "An item under 'Technologies' in C6.5, Step 4: technology planning."),
           Text("练习 c4.4-two-paths 的一个选项。", "An option of exercise c4.4-two-paths."),
           Text("未经解释的原始记录，例如一条交易流水。", "Raw, uninterpreted records, e.g."), Text("", "")]
    for definition in old:
        assert hollow(dataclasses.replace(catalog().glossary.items[0], definition=definition))


def test_every_term_is_defined_and_terms_toml_has_no_stale_entry(course):
    check(course)  # raises ContentError naming every undefined term and every stale [[term]]


def test_check_names_an_undefined_term_and_a_stale_entry(course, tmp_path):
    point = course.points[0]
    entry = dataclasses.replace(point.entries[0], label=Text("测试术语", "Test term"), explanation=None, sides=())
    changed = _with_entry(course, entry)
    with pytest.raises(ContentError, match="测试术语 / Test term"):
        check(changed)
    stale = tmp_path / "terms.toml"
    stale.write_text(TERMS.read_text(encoding="utf-8") + '\n[[term]]\nzh = "不存在"\nen = "Nowhere"\n'
                     'definition = { zh = "没有这个术语。", en = "No such term here." }\n', encoding="utf-8")
    with pytest.raises(ContentError, match="不存在 / Nowhere"):
        check(course, stale)


def test_terms_toml_is_validated(tmp_path):
    path = tmp_path / "terms.toml"
    for text, problem in [
        ('[[term]]\nzh = "甲"\nen = "A"\n', "definition"),
        ('[[term]]\nzh = ""\nen = "A"\ndefinition = { zh = "甲。", en = "A." }\n', "zh"),
        ('[[term]]\nzh = "甲"\nen = "A"\ndefinition = { zh = "甲。" }\n', "definition"),
        ('[[term]]\nzh = "甲"\nen = "A"\ndefinition = { zh = "甲。", en = " " }\n', "definition.en"),
        ('[[term]]\nzh = "甲"\nen = "A"\nnote = "x"\ndefinition = { zh = "甲。", en = "A." }\n', "note"),
        ('[[term]]\nzh = "甲"\nen = "A"\ndefinition = { zh = "甲。", en = "A." }\n' * 2, "defined twice"),
        ('[[terms]]\nzh = "甲"\n', "terms"),
        ('[[term]\n', "cannot be read"),
    ]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ContentError, match=re.escape(problem)):
            load_definitions(path)


def test_own_explanation_wins_then_terms_toml(course):
    label = course.points[0].entries[0].label
    mine = Text("自己的解释。", "Its own explanation.")
    entry = dataclasses.replace(course.points[0].entries[0], explanation=mine, sides=())
    key = (fold(label.zh), fold(label.en))
    row = next(t for t in build(_with_entry(course, entry), {key: Text("词表的。", "From terms.toml.")}) if t.zh == label.zh)
    assert row.definition == mine
    bare = dataclasses.replace(entry, explanation=None)
    row = next(t for t in build(_with_entry(course, bare), {key: Text("词表的。", "From terms.toml.")}) if t.zh == label.zh)
    assert row.definition == Text("词表的。", "From terms.toml.")


def _spec(kind: str, labels: list[tuple[str, str]], questionnaire: bool = False) -> ExerciseSpec:
    choices = tuple(Choice(f"c{i}", Text(zh, en)) for i, (zh, en) in enumerate(labels))
    items = (Item("q01", Text("问题？", "A question?"), answer=("c0",), options=("c0", "c1") if questionnaire else ()),)
    return ExerciseSpec("x", kind, "C1.1", Text("题", "T"), Text("题", "P"), Text("提示", "H"), choices=choices, items=items)


def test_which_choices_are_terms():
    short = [("数据", "Data"), ("信息", "Information")]
    assert all(is_term_choice(s, c) for s in (_spec("single_label", short), _spec("multi_label", short), _spec("matching", short))
               for c in s.choices)
    for spec in (_spec("multiple_choice", short), _spec("ordering", short), _spec("single_label", short, questionnaire=True),
                 _spec("single_label", [("客户资料可以转卖给其他企业获利，这是理由之一", "Records can be sold on")]),
                 _spec("single_label", [("合理吗？", "Sound?")])):
        assert not any(is_term_choice(spec, c) for c in spec.choices), spec.kind


def test_answers_are_not_glossary_terms(course):
    """Questionnaire options and multiple-choice answers never enter the glossary, even when explained."""
    answers = [s for s in course.exercises if s.kind == "multiple_choice" or any(i.options for i in s.items)]
    assert any(any(i.options for i in s.items) for s in answers), "no questionnaire exercise: the rule is not exercised"
    assert not [(s.id, c.id) for s in answers for c in s.choices if is_term_choice(s, c)]
    explained = Text("一个答案的解释。", "An answer's explanation.")
    for spec in (_spec("single_label", [("测试答案甲", "Test answer A"), ("测试答案乙", "Test answer B")], questionnaire=True),
                 _spec("multiple_choice", [("测试答案甲", "Test answer A"), ("测试答案乙", "Test answer B")])):
        spec = dataclasses.replace(spec, choices=tuple(dataclasses.replace(c, explanation=explained) for c in spec.choices))
        names = {t.zh for t in build(dataclasses.replace(course, exercises=(*course.exercises, spec)))}
        assert not names & {"测试答案甲", "测试答案乙"}, spec.kind


def test_a_defined_choice_is_listed_and_an_undefined_one_is_not(course):
    spec = _spec("single_label", [("测试选项", "Test option"), ("测试判断", "Test verdict")])
    spec = dataclasses.replace(spec, choices=(dataclasses.replace(spec.choices[0], explanation=Text("一个测试选项的解释。", "A test option's explanation.")),
                                              spec.choices[1]))
    changed = dataclasses.replace(course, exercises=(*course.exercises, spec))
    names = {t.zh for t in build(changed)}
    assert "测试选项" in names and "测试判断" not in names


def _with_entry(course: Course, entry) -> Course:
    point = course.points[0]
    changed_point = dataclasses.replace(point, entries=(entry, *point.entries[1:]))
    chapter = dataclasses.replace(course.chapters[0], points=(changed_point, *course.chapters[0].points[1:]))
    return dataclasses.replace(course, chapters=(chapter, *course.chapters[1:]))
