"""The Qinghe case thread (issue 12): a section per chapter C2-C8, tagged, grounded in company.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import nbformat
import pytest

import ckm_course
from ckm_course.content import thread as case_thread
from ckm_course.content.builder import ContentError
from ckm_course.content.catalog import catalog
from ckm_course.frontends import case_thread as thread_view
from ckm_course.frontends.present import MARKER

REPO = Path(__file__).resolve().parents[2]
CHAPTER_NOTEBOOKS = {f"C{n}": next((REPO / "notebooks").glob(f"0{n}_*.ipynb")) for n in range(2, 9)}
HEADING = re.compile(r"^## 青禾办公 Qinghe <!--((?: C[1-9]\.[1-9])+) -->", re.M)


def numbers(text: str) -> list[str]:
    return sorted(re.findall(r"\d+(?:\.\d+)?", re.sub(r"[A-Z]\d\.\d|C\d", "", text)))


def test_every_chapter_two_to_eight_has_one_section():
    assert [s.chapter for s in catalog().sections] == list(case_thread.CHAPTERS)


@pytest.mark.parametrize("chapter", case_thread.CHAPTERS)
def test_each_notebook_ends_with_its_tagged_qinghe_section(chapter):
    path = CHAPTER_NOTEBOOKS[chapter]
    cells = nbformat.read(path, as_version=4).cells
    at = [i for i, c in enumerate(cells) if c.cell_type == "markdown" and HEADING.search(c.source)]
    assert len(at) == 1, f"{path.name}: expected one '## 青禾办公 Qinghe <!-- ids -->' heading"
    tagged = HEADING.search(cells[at[0]].source).group(1).split()
    assert tagged == list(catalog().sections.find(chapter).points), f"{path.name}: heading tags differ from the content"
    assert MARKER in cells[at[0]].source
    # the section comes just before the questionnaire and the summary; its code cells show text, facts, discussion
    end = next((i for i in range(at[0] + 1, len(cells)) if cells[i].cell_type == "markdown"
                and cells[i].source.startswith("## ")), len(cells))
    views = [c for c in cells[at[0]:end] if c.cell_type == "code"]
    assert [v.source.strip() for v in views] == [f'ckm_course.case_thread_view("{chapter}", "{part}")'
                                                 for part in thread_view.PARTS]
    for view, part in zip(views, thread_view.PARTS):
        html = next(o["data"]["text/html"] for o in view.outputs if "text/html" in o.get("data", {}))
        assert f'data-chapter="{chapter}"' in html and f'data-parts="{part}"' in html and MARKER in html
    later = [c.source for c in cells[at[0] + 1:] if c.metadata.get("slideshow", {}).get("slide_type") == "slide"]
    assert [s.splitlines()[0] for s in later] in (["## 小结 Summary"], ["## 本章问题 Questionnaire", "## 小结 Summary"])


def test_facts_refer_to_what_company_toml_holds():
    raw = tomllib.loads(case_thread.COMPANY_FILE.read_text(encoding="utf-8"))
    segments = {s["id"] for s in raw["segments"]}
    channels = {i["channel"]["zh"] for i in raw["interactions"]}
    steps = {a["step"] for a in raw["audit"]}
    used = {kind: set() for kind in ("segments", "channels", "audit_steps", "activities")}
    for section in catalog().sections:
        for kind in used:
            used[kind] |= set(getattr(section.facts, kind))
    assert used["segments"] and used["segments"] <= segments
    assert used["channels"] and used["channels"] <= channels
    assert used["audit_steps"] and used["audit_steps"] <= steps & set(case_thread.AUDIT_GIVENS)
    assert used["activities"] and used["activities"] <= {a["id"] for a in raw["activities"]}
    # the view shows the company's own labels for what the section names
    shown = repr(ckm_course.case_thread_view("C2", "facts", "both"))
    micro = next(s for s in raw["segments"] if s["id"] == "micro")
    assert micro["label"]["zh"] in shown and micro["label"]["en"] in shown


def _clauses(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"[；;：:。，,（）()]", text)]
    return [p for p in parts if (len(p.split()) >= 4 if p.isascii() else len(p) >= 8)]


def test_no_audit_finding_or_case_rating_is_shown():
    """The capstone's key (issue 12): the thread shows the audit's givens, never its findings or ratings."""
    raw = tomllib.loads(case_thread.COMPANY_FILE.read_text(encoding="utf-8"))
    findings = [t for a in raw["audit"] if a["step"] not in case_thread.AUDIT_GIVENS for t in a["finding"].values()]
    shown = "\n".join(repr(ckm_course.case_thread_view(s.chapter, "all", "both")) for s in catalog().sections)
    notebooks = "\n".join(path.read_text(encoding="utf-8") for path in CHAPTER_NOTEBOOKS.values())
    leaked = [c for text in findings for c in _clauses(text) if c in shown or c in notebooks]
    assert findings and not leaked, leaked[:5]
    assert not re.search(r"自评 ?\d|self-rating \d|rated \d", shown)


def test_a_finding_cannot_be_named(tmp_path):
    with pytest.raises(ContentError, match="capstone's key"):
        case_thread.parse(_write(tmp_path, GOOD.replace('audit_steps = ["team", "constraints"]',
                                                        'audit_steps = ["team", "audit"]', 1)),
                          catalog().company, catalog().course)


def test_sections_are_course_notes_with_one_or_two_questions_and_same_numbers():
    for section in catalog().sections:
        assert 1 <= len(section.questions) <= 2
        view = repr(thread_view.CaseThreadView(section, "both"))
        assert MARKER in view and section.chapter in case_thread.CHAPTERS
        for text in (section.title, *section.paragraphs, *section.questions):
            assert numbers(text.zh) == numbers(text.en), f"{section.chapter}: {text.en[:60]}"


def test_language_choice_is_honoured():
    zh = repr(ckm_course.case_thread_view("C5", language="zh"))
    en = repr(ckm_course.case_thread_view("C5", language="en"))
    assert "生命周期" in zh and "life-cycle" not in zh
    assert "life-cycle" in en and "生命周期" not in en


def test_unknown_chapter_is_a_clear_error():
    with pytest.raises(KeyError, match="C2, C3"):
        ckm_course.case_thread_view("C9")
    with pytest.raises(ValueError, match="text, facts, discussion"):
        ckm_course.case_thread_view("C3", "summary")


def test_all_parts_together_are_the_three_parts_in_order():
    whole = repr(ckm_course.case_thread_view("C4", "all", "en"))
    parts = [repr(ckm_course.case_thread_view("C4", part, "en")) for part in thread_view.PARTS]
    assert whole == "\n".join(parts)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "qinghe.toml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = case_thread.THREAD_FILE.read_text(encoding="utf-8")


@pytest.mark.parametrize("change, message", [
    (('segments = ["micro", "enterprise"]', 'segments = ["micro", "hospitals"]'), r"facts\.segments: \['hospitals'\] not in company\.toml"),
    (('channels = ["订单系统", "电话"]', 'channels = ["订单系统", "传真"]'), r"facts\.channels"),
    (('chapter = "C7"', 'chapter = "C3"'), r"section 'C3' > chapter: C3 has a section already"),
    (('points = ["C8.1"]', 'points = ["C7.1"]'), r"section 'C8' > points"),
    (('title = { zh = "青禾办公怎样学得更快", en = "How Qinghe could learn faster" }',
      'title = { zh = "青禾办公怎样学得更快" }'), r"section 'C7' > title\.en: missing the English text"),
    (("[[section]]\nchapter = \"C2\"", "[[section]]\nchapter = \"C2\"\nsegment = []"), r"unknown field"),
])
def test_a_broken_file_names_file_section_and_field(tmp_path, change, message):
    old, new = change
    assert old in GOOD
    with pytest.raises(ContentError, match=message) as caught:
        case_thread.parse(_write(tmp_path, GOOD.replace(old, new, 1)), catalog().company, catalog().course)
    assert "qinghe.toml" in str(caught.value)


def test_a_missing_chapter_is_named(tmp_path):
    start = GOOD.index('[[section]]\nchapter = "C8"')
    with pytest.raises(ContentError, match="no section for C8"):
        case_thread.parse(_write(tmp_path, GOOD[:start]), catalog().company, catalog().course)
