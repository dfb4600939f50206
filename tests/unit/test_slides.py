"""Offline slide decks: nothing from a CDN, every referenced file present, figures drawn locally; no code (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from ckm_course import exercise
from ckm_course.cli import main
from ckm_course.notebooks.deck import exercise_view, is_classroom_only, not_attempted_texts, prepare
from ckm_course.notebooks.slides import build_deck, external_references

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    notebooks = [REPO / "notebooks" / "05_knowledge_lifecycle.ipynb", REPO / "notebooks" / "09_case_study.ipynb"]
    assert main(["slides", "--out", str(out), *map(str, notebooks)]) == 0
    return out


def test_decks_refer_to_nothing_outside_their_folder(decks):
    for deck in decks.glob("*.slides.html"):
        html = deck.read_text(encoding="utf-8")
        assert external_references(html) == []
        for reference in re.findall(r"""(?:src|href)="([^"#][^"]*)\"""", html):
            assert (deck.parent / reference).resolve().exists(), f"{deck.name}: {reference} is missing"


def test_decks_have_sections_and_local_figures(decks):
    html = (decks / "05_knowledge_lifecycle.slides.html").read_text(encoding="utf-8")
    assert html.count("<section") >= 5
    assert 'Plotly.newPlot("ckm-figure-' in html and "application/vnd.plotly" not in html
    assert "Reveal.initialize" in html and "unpkg" not in html and "cdn" not in html.lower().replace("cdnow", "")


def test_the_checker_finds_external_references():
    html = '<script src="https://unpkg.com/x.js"></script><link href="//cdn.example/y.css"><a href="#local">'
    assert external_references(html) == ["https://unpkg.com/x.js", "//cdn.example/y.css"]


def test_a_broken_notebook_is_reported_not_fatal(tmp_path):
    bad = tmp_path / "bad.ipynb"
    bad.write_text("{", encoding="utf-8")
    assert main(["slides", "--out", str(tmp_path / "out"), str(bad)]) == 1


# --- decks without code (issue 14) ------------------------------------------------------------

ORDERING = "c6.1-step-order"


def _out(text: str, html: str | None = None, extra: dict | None = None):
    data = {"text/plain": text, **({"text/html": html} if html else {}), **(extra or {})}
    return nbformat.v4.new_output("display_data", data=data)


def lecture_notebook():
    """A chapter in miniature: a hidden start cell, a widget cell with its fallbacks, an explorer, notes."""
    notebook = nbformat.v4.new_notebook()
    start = nbformat.v4.new_code_cell("import ckm_course\nckm_course.start('both')",
                                      metadata={"slideshow": {"slide_type": "skip"}})
    start.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "'ckm_course 0.1.0 ready / 已就绪'"},
                                            execution_count=1)]
    grid = nbformat.v4.new_code_cell(f'ckm_course.exercise("{ORDERING}").widget()')
    grid.outputs = [
        _out(f"[{ORDERING}] steps — interactive exercise: run this cell to answer / 互动练习：运行此单元格作答"),
        _out(f"[{ORDERING}] 尚未检查 / not checked yet", f'<details class="ckm-saved" data-exercise="{ORDERING}"></details>'),
    ]
    demo = nbformat.v4.new_code_cell(f'ex = ckm_course.exercise("{ORDERING}")\nex.check(...)',
                                     metadata={"slideshow": {"slide_type": "slide"}})
    demo.outputs = [_out(" / ".join(not_attempted_texts()))]
    toggle = nbformat.v4.new_code_cell("ckm_course.language_toggle()")
    toggle.outputs = [_out("语言 Language: 中文 / English / 双语 — run this cell to switch / 运行此单元格切换")]
    explorer = nbformat.v4.new_code_cell("widgets.roadmap_planner()")
    explorer.outputs = [_out("[C6.1 planner] — run this cell to use it / 运行此单元格使用")]
    table = nbformat.v4.new_code_cell("ckm_course.syllabus()")
    table.outputs = [_out("a table", "<table><tr><td>kept output</td></tr></table>")]
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# 标题 Title", metadata={"slideshow": {"slide_type": "slide"}}), start, toggle, grid,
        nbformat.v4.new_markdown_cell("要点 Point one", metadata={"tags": ["notes"]}),
        demo, nbformat.v4.new_markdown_cell("## 下一页 Next"), explorer, table,
    ]
    return notebook


def test_prepare_keeps_no_fallback_and_shows_the_exercise_as_a_question():
    notebook = prepare(lecture_notebook())
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    texts = " ".join(str(o.get("data", {})) for o in outputs)
    for gone in ("run this cell", "运行此单元格", "not checked yet", "ckm-saved", "ready", *not_attempted_texts()):
        assert gone not in texts, gone
    views = [o["data"]["text/html"] for o in outputs if "ckm-deck-exercise" in o["data"].get("text/html", "")]
    assert len(views) == 1 and "请在笔记本中作答" in views[0] and "Do it live in the notebook." in views[0]
    noted = [c.source for c in notebook.cells if c.cell_type == "code"
             for o in c.outputs if "互动工具" in o["data"].get("text/html", "")]
    assert noted == ["widgets.roadmap_planner()"] and "kept output" in texts  # the explorer's note, not the toggle's
    # the start cell and the demo cell had nothing left to show: dropped, the demo's slide start handed on
    assert [c.source.splitlines()[0] for c in notebook.cells if c.cell_type == "code"] == [  # the toggle dropped too
        f'ckm_course.exercise("{ORDERING}").widget()', "widgets.roadmap_planner()", "ckm_course.syllabus()"]
    following = next(c for c in notebook.cells if c.source.startswith("## 下一页"))
    assert following.metadata["slideshow"]["slide_type"] == "slide"
    tagged = next(c for c in notebook.cells if c.source.startswith("要点"))
    assert tagged.metadata["slideshow"]["slide_type"] == "notes"


def test_the_static_view_lists_items_in_the_shuffled_order_and_never_the_key():
    ex = exercise(ORDERING)
    view = exercise_view(ORDERING, "en")
    shown = [view.index(item.label.en.replace("&", "&amp;")) for item in ex.items]
    assert shown == sorted(shown)  # the order students see, not the key's (the key order is the file's)
    assert [i.id for i in ex.items] != [i.id for i in ex.spec.items]
    grid = exercise("c3.1-four-categories")
    view = exercise_view(grid.id, "en")
    for item in grid.spec.items:
        if item.reason is not None:
            assert item.reason.en not in view
    assert all(choice.label.en in view for choice in grid.choices)


def test_is_classroom_only_keeps_ordinary_outputs():
    assert is_classroom_only(_out("x", extra={"application/vnd.ckm-course.answer+json": {}}))
    assert is_classroom_only(_out("x", extra={"application/vnd.jupyter.widget-view+json": {}}))
    assert not is_classroom_only(_out("a figure caption about ready customers"))


def test_deck_hides_code_unless_asked_and_carries_speaker_notes(tmp_path):
    source = tmp_path / "lecture.ipynb"
    nbformat.write(lecture_notebook(), source)
    plain = build_deck(source, tmp_path / "plain").read_text(encoding="utf-8")
    assert "roadmap_planner" not in plain and "ckm_course.exercise(" not in plain
    assert plain.count('<aside class="notes">') == 1 and "Point one" in plain
    assert 'src="_static/reveal/plugin/notes/notes.js"' in plain and "plugins: [RevealNotes]" in plain
    assert (tmp_path / "plain" / "_static" / "reveal" / "plugin" / "notes" / "notes.js").is_file()
    coded = build_deck(source, tmp_path / "coded", show_code=True).read_text(encoding="utf-8")
    assert "roadmap_planner" in coded and "ckm-deck-exercise" in coded
    assert external_references(plain) == [] and external_references(coded) == []


def test_cli_show_code_flag(tmp_path):
    source = tmp_path / "lecture.ipynb"
    nbformat.write(lecture_notebook(), source)
    assert main(["slides", "--show-code", "--out", str(tmp_path / "out"), str(source)]) == 0
    assert "roadmap_planner" in (tmp_path / "out" / "lecture.slides.html").read_text(encoding="utf-8")


def test_the_widgets_keyboard_script_never_reaches_a_deck():
    """Exercises carry a small script output (widgets/look.py) for live keyboard use; decks have no live widgets."""
    import nbformat

    from ckm_course.notebooks.deck import prepare

    notebook = nbformat.read(Path(__file__).resolve().parents[2] / "notebooks" / "03_classifying_knowledge.ipynb", 4)
    assert any("application/javascript" in o.get("data", {}) for c in notebook.cells for o in c.get("outputs", []))
    deck = prepare(notebook)
    assert not any("application/javascript" in o.get("data", {}) for c in deck.cells for o in c.get("outputs", []))
