"""The bilingual glossary (术语表), generated from the content files (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

import ckm_course
from ckm_course import materials
from ckm_course.content.catalog import catalog
from ckm_course.content.glossary import build
from ckm_course.content.model import Course

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def course() -> Course:
    return ckm_course.course()


def test_every_exercise_choice_label_is_in_the_glossary(course):
    table = ckm_course.glossary()
    pairs = set(zip(table["term_zh"], table["term_en"]))
    missing = [(spec.id, c.label.zh, c.label.en) for spec in course.exercises for c in spec.choices
               if (c.label.zh, c.label.en) not in pairs]
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
