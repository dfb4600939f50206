"""Course materials (issue 11): opening case, worked examples, discussion, further reading; one numbering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import ckm_course
from ckm_course.content.builder import ContentError
from ckm_course.content.catalog import catalog
from ckm_course.content.materials import MATERIALS_DIR, load_materials, parse_materials
from ckm_course.content.model import texts
from ckm_course.frontends.present import MARKER, materials_view

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
TEACHING = [m for m in catalog().materials.items if m.notebook.kind != "reference"]
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers(text: str) -> list[str]:
    return sorted(re.sub(r",(?=\d{3}\b)", "", raw) for raw in _NUMBER.findall(text))




def test_every_chapter_notebook_and_the_case_study_have_materials():
    described = {m.notebook.name for m in TEACHING}
    expected = {n for n in NOTEBOOKS if re.match(r"0[1-9]_", n)}
    assert described == expected


@pytest.mark.parametrize("m", TEACHING, ids=lambda m: m.number)
def test_a_notebook_has_opening_worked_discussion_and_reading(m):
    assert m.opening is not None and m.opening.source.authors and m.opening.source.title
    assert m.opening.source.journal or m.opening.source.publisher or m.opening.source.url
    assert len(m.worked) >= 1 and all(len(w.steps) >= 2 for w in m.worked)
    assert 3 <= len(m.discussion) <= 5
    for d in m.discussion:
        assert d.model_answer.zh and d.model_answer.en and len(d.rubric) >= 2
    assert len(m.reading) >= 2
    for c in m.reading:
        assert c.authors and c.year and c.title and (c.journal or c.publisher)


@pytest.mark.parametrize("m", TEACHING, ids=lambda m: m.number)
def test_zh_and_en_are_both_there_and_carry_the_same_numbers(m):
    for where, t in texts(m):
        assert re.search(r"[\u4e00-\u9fff]", t.zh), f"{m.file}{where}: zh has no Chinese"
        assert re.search(r"[A-Za-z]{3,}", t.en), f"{m.file}{where}: en has no English"
        assert numbers(t.zh) == numbers(t.en), f"{m.file}{where}: zh {numbers(t.zh)} vs en {numbers(t.en)}"


def test_the_view_marks_materials_as_the_course_note_and_hides_model_answers():
    m = catalog().materials.find("C3")
    html = materials_view("C3", "all")._repr_html_()
    assert MARKER in html and "讨论题" in html and "Further reading" in html
    for d in m.discussion:
        assert d.model_answer.en not in html and d.rubric[0].en not in html
    assert m.opening.source.reference().split(".")[0] in repr(materials_view("03", "opening", "en"))


def test_c9_finds_notebook_six_and_an_unknown_key_lists_the_numbers():
    assert catalog().materials.find("C9").notebook.name == "06_implementation_roadmap.ipynb"
    assert catalog().materials.find("9").notebook.name == "09_case_study.ipynb"
    with pytest.raises(KeyError, match="01"):
        catalog().materials.find("C42")
    with pytest.raises(ValueError, match="opening"):
        materials_view("C3", "appendix")


def test_syllabus_covers_every_notebook_with_one_number_each():
    table = ckm_course.syllabus("en")
    assert list(table["notebook"]) == NOTEBOOKS
    assert list(table.index) == [n[:2] for n in NOTEBOOKS]
    assert table.loc["06", "chapters"] == "C6, C9"  # the questions for reflection live in notebook 06
    assert table.loc["09", "chapters"] == ""  # the case study is not a second "chapter 9"
    course = ckm_course.course()
    assert table.loc["06", "minutes"] == sum(c.minutes for c in course.chapters if c.notebook == table.loc["06", "notebook"])
    assert table["minutes"].dropna().sum() == sum(c.minutes for c in course.chapters) + catalog().materials.find("09").notebook.minutes


def test_the_start_page_has_no_hand_written_minutes():
    import nbformat

    notebook = nbformat.read(REPO / "notebooks" / "00_index.ipynb", as_version=4)
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "分钟 Minutes |" not in text and "| 80 |" not in text
    assert any("ckm_course.syllabus()" in c.source for c in notebook.cells if c.cell_type == "code")


def test_every_chapter_notebook_shows_its_materials():
    import nbformat

    for m in TEACHING:
        cells = nbformat.read(REPO / "notebooks" / m.notebook.name, as_version=4).cells
        code = [c.source for c in cells if c.cell_type == "code"]
        assert any("materials_view" in c and '"opening"' in c for c in code), m.notebook.name
        assert any("materials_view" in c and '"opening"' not in c for c in code), m.notebook.name


def _copy(tmp_path: Path, name: str, edit) -> Path:
    folder = tmp_path / "materials"
    folder.mkdir()
    for path in MATERIALS_DIR.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_text(edit(text) if path.name == name else text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace('question = { zh = "为什么客户知识审计', 'question = { zz = "为什么客户知识审计', 1),
     r"materials/06_implementation_roadmap.toml: discussion 'c6-d1' > question.zz: unknown field"),
    (lambda t: t.replace('year = 2006\n', '', 1),
     r"materials/06_implementation_roadmap.toml: reading #2 > year: missing required field"),
    (lambda t: t.replace("[[discussion]]\nid = \"c6-d4\"", "[[other]]\nid = \"c6-d4\"", 1),
     r"materials/06_implementation_roadmap.toml: other: unknown top-level section"),
    (lambda t: re.sub(r'rubric = \[\n(  \{[^\n]*\n)+\]', 'rubric = [{ zh = "一点", en = "one point" }]', t, count=1),
     r"discussion 'c6-d1' > rubric: a rubric lists at least 2 points"),
    (lambda t: t.replace('model_answer.en = "The audit', 'model_answer.xx = "The audit', 1),
     r"discussion 'c6-d1' > model_answer.xx: unknown field"),
    (lambda t: t + '\n[[discussion]]\nid = "c6-d5"\nquestion = { zh = "一", en = "one" }\n'
               'model_answer = { zh = "一", en = "one" }\nrubric = [{ zh = "一", en = "one" }, { zh = "二", en = "two" }]\n'
               '\n[[discussion]]\nid = "c6-d6"\nquestion = { zh = "一", en = "one" }\n'
               'model_answer = { zh = "一", en = "one" }\nrubric = [{ zh = "一", en = "one" }, { zh = "二", en = "two" }]\n',
     r"\[\[discussion\]\]: expected 3-5 discussion questions, found 6"),
    (lambda t: t.replace('kind = "chapter"', 'kind = "lecture"'), r"\[notebook\] > kind: expected one of"),
    (lambda t: t.replace("[opening]", "[opening", 1), r"06_implementation_roadmap.toml: not valid TOML"),
])
def test_a_broken_materials_file_names_file_entry_and_field(tmp_path, edit, message):
    folder = _copy(tmp_path, "06_implementation_roadmap.toml", edit)
    with pytest.raises(ContentError, match=message):
        load_materials(folder)


def test_a_missing_english_text_is_named(tmp_path):
    path = tmp_path / "01_x.toml"
    text = (MATERIALS_DIR / "01_why_ckm.toml").read_text(encoding="utf-8")
    path.write_text(text.replace('question = { zh = "读本章时想一想：亚马逊从客户那里学到的东西，哪些竞争对手买不到？", en = "While reading, ask: what does Amazon learn from its customers that a competitor cannot buy?" }',
                                 'question = { zh = "读本章时想一想" }'), encoding="utf-8")
    with pytest.raises(ContentError, match=r"materials/01_x.toml: \[opening\] > question.en: missing the English text"):
        parse_materials(path)
