"""The committed notebooks: every CONTENT.md point taught, each chapter complete, light and offline."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import nbformat
import pytest

import ckm_course
from ckm_course.frontends import charts, data_charts
from ckm_course.notebooks.slides import external_references

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
CHAPTERS = [p for p in NOTEBOOKS if re.match(r"0[1-9]_", p.name)]
CONTENT_MD = REPO.parent / "shared" / "CONTENT.md"
POINT_ID = re.compile(r"\bC[1-9]\.[1-9]\b")


def markdown(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def code(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_there_is_a_notebook_per_chapter_named_in_the_content():
    named = {c.notebook for c in ckm_course.course().chapters}
    assert named <= {p.name for p in NOTEBOOKS}
    assert NOTEBOOKS[0].name == "00_index.ipynb"


def test_every_content_point_is_tagged_in_some_notebook():
    tagged = set().union(*(POINT_ID.findall(markdown(p)) for p in CHAPTERS))
    expected = {p.id for p in ckm_course.course().points}
    if CONTENT_MD.exists():
        expected |= set(POINT_ID.findall(CONTENT_MD.read_text(encoding="utf-8")))
    assert expected - tagged == set(), f"not taught in any notebook: {sorted(expected - tagged)}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_a_chapter_has_setup_objectives_exercise_and_summary(path):
    text = markdown(path)
    cells = code(path)
    assert "ckm_course.start(" in cells[0], "the first code cell loads the course and picks the language"
    assert "Objectives" in text and "学习目标" in text
    assert "Summary" in text and "小结" in text
    assert any(".widget()" in c for c in cells), "at least one checked interactive exercise"
    assert re.search(r"[\u4e00-\u9fff]", text) and re.search(r"[A-Za-z]{4,}", text), "both languages"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_is_light_offline_and_free_of_widget_state(path):
    assert path.stat().st_size < 1_500_000  # with the static PNGs of its figures (issue 10)
    raw = path.read_text(encoding="utf-8")
    assert external_references(raw) == [], "an output or cell loads something from the network"
    assert "cdn." not in raw.lower()
    notebook = nbformat.read(path, as_version=4)
    assert "widgets" not in notebook.metadata
    for cell in notebook.cells:
        assert "execution" not in cell.metadata
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", f"{path.name}: an error is committed"
            assert "application/vnd.jupyter.widget-view+json" not in output.get("data", {})


def test_the_index_links_every_chapter():
    text = markdown(REPO / "notebooks" / "00_index.ipynb")
    for path in CHAPTERS:
        assert f"]({path.name})" in text, path.name



def test_the_index_links_every_exercise_notebook():
    text = markdown(REPO / "notebooks" / "00_index.ipynb")
    for path in sorted((REPO / "exercises").glob("*.ipynb")):
        assert f"](../exercises/{path.name})" in text, path.name


def test_every_figure_builder_is_used_in_a_notebook():
    # a figure builder is a public function of charts that returns a plotly Figure (label/wrap/... are helpers)
    builders = [name for name in dir(charts) if callable(getattr(charts, name)) and not name.startswith("_")
                and getattr(getattr(charts, name), "__module__", "") in (charts.__name__, data_charts.__name__)
                and str(inspect.signature(getattr(charts, name)).return_annotation).endswith("Figure")]
    assert {"comparison_table", "audit_flow", "whale_curve"} <= set(builders)
    used = "\n".join("\n".join(code(p)) for p in NOTEBOOKS)
    # builders that notebooks reach through an explorer widget rather than directly
    through = {"customer_classes": "widgets.class_explorer(", "capability_radar": "widgets.capability_assessment(",
               "roadmap_gantt": "widgets.roadmap_planner("}
    missing = [b for b in builders if f"charts.{b}(" not in used and through.get(b, "@") not in used]
    assert missing == []


_MD_HEADING = re.compile(r"^(#{1,6})\s", re.MULTILINE)
_HTML_HEADING = re.compile(r"<h([1-6])\b")
_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def heading_levels(path: Path) -> list[int]:
    """The heading levels a reader meets, in order: markdown headings, then each output's HTML headings.

    Widget outputs carry their question as static HTML (the exercise title is an h4), so the saved
    outputs show what the page will show.
    """
    levels: list[int] = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            levels += [len(h) for h in _MD_HEADING.findall(_FENCE.sub("", cell.source))]
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                html = output.get("data", {}).get("text/html", "")
                levels += [int(h) for h in _HTML_HEADING.findall(html if isinstance(html, str) else "".join(html))]
    return levels


@pytest.mark.parametrize("path", NOTEBOOKS + sorted((REPO / "solutions").glob("*.ipynb")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_heading_outline_never_skips_a_level(path):
    """Screen-reader users move by headings (axe's heading-order, issue 10): each heading is at most one
    level below the one before it, in the markdown and in the saved outputs alike."""
    levels = heading_levels(path)
    assert levels and levels[0] == 1, f"{path.name} does not open with a # title"
    skips = [(i, a, b) for i, (a, b) in enumerate(zip(levels, levels[1:])) if b > a + 1]
    assert skips == [], f"{path.name}: heading levels jump (index, from, to): {skips[:5]}"
