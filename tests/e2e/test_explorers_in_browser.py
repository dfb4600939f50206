"""Explorers in a real JupyterLab: change a control, and the drawn plotly figure changes (issue 10, seen 1).

A unit test of ``figure()`` once passed while the planner's chart never moved in the
browser; these tests read the figure the page actually drew.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import expect

from lab import open_and_run_all

pytestmark = pytest.mark.e2e
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def drawn(page, explorer: str) -> dict:
    """The data and x range of the plotly figure drawn right after ``explorer``'s widget.

    Waits until a figure is there: a redraw briefly replaces it (see widgets/figure_output.py).
    """
    handle = page.wait_for_function(
        """(selector) => {
            const cell = document.querySelector(selector)?.closest('.jp-Cell');
            const plot = cell && cell.querySelector('.js-plotly-plot');
            if (!plot || !plot._fullLayout || !plot.data) return null;
            const layout = plot._fullLayout;
            return {data: JSON.stringify(plot.data), x: layout.xaxis ? layout.xaxis.range : null};
        }""", arg=explorer, timeout=30_000)
    return handle.json_value()


def notebook(path: Path, *sources: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, path)


# one small notebook per explorer: each test runs only the explorer it changes
SOURCES = {".ckm-roadmap-planner": "widgets.roadmap_planner()",
           ".ckm-capability-assessment": "widgets.capability_assessment()",
           ".ckm-class-explorer": "widgets.class_explorer()"}


def notebook_of(explorer: str) -> str:
    return f"explorer-{explorer[5:]}.ipynb"


@pytest.fixture(scope="module")
def explorers(lab):
    for explorer, source in SOURCES.items():
        notebook(lab.root / notebook_of(explorer), "import ckm_course\nckm_course.start('en')\nfrom ckm_course import widgets",
                 source)
    return lab


def wait_changed(page, explorer: str, before: dict) -> dict:
    page.wait_for_function(
        """([selector, old]) => {
            const plot = document.querySelector(selector).closest('.jp-Cell').querySelector('.js-plotly-plot');
            return plot && JSON.stringify(plot.data) !== old;
        }""", arg=[explorer, before["data"]], timeout=30_000)
    return drawn(page, explorer)


def test_planner_gantt_follows_the_weeks(explorers, page):
    planner = ".ckm-roadmap-planner"
    open_and_run_all(page, explorers, notebook_of(planner))
    page.locator(f"{planner} ~ * .js-plotly-plot, .jp-Cell:has({planner}) .js-plotly-plot").first.wait_for()
    before = drawn(page, planner)
    assert before["x"][1] < 30
    weeks = page.locator(f"{planner} input[type=number]").first
    weeks.fill("30")
    weeks.press("Enter")
    after = wait_changed(page, planner, before)
    assert after["x"][1] >= 50, after["x"]  # 30 weeks for step 1 + 10 × 2 for the rest
    # the total is its own widget: its update may reach the page just after the figure's
    expect(page.locator(planner)).to_contain_text("Total: 50 weeks", timeout=10_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(f".jp-Cell:has({planner})").screenshot(path=str(SHOTS / "planner-after-30-weeks.png"))


@pytest.mark.parametrize("explorer", [".ckm-capability-assessment", ".ckm-class-explorer"])
def test_slider_explorers_redraw_their_figure(explorers, page, explorer):
    open_and_run_all(page, explorers, notebook_of(explorer))
    page.locator(f".jp-Cell:has({explorer}) .js-plotly-plot").first.wait_for()
    before = drawn(page, explorer)
    handle = page.locator(f"{explorer} .noUi-handle").first
    handle.focus()
    for _ in range(2):
        handle.press("ArrowRight")  # every slider starts below its maximum
    wait_changed(page, explorer, before)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(f".jp-Cell:has({explorer})").screenshot(path=str(SHOTS / f"{explorer[5:]}-after-change.png"))
