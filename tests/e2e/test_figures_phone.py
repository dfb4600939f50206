"""Issue 22 item 1 (figures): at a phone's 412x915 every course figure fits its output column.

In JupyterLab, a notebook draws the C8.1 radar, the C1.3 whale curve and the C6.1 Gantt chart in JupyterLab
opened at 1280 px; the viewport then narrows to 412x915 (side panels collapsed). Each figure's
box must end inside its output area, no label of it may be clipped or reach past that edge, and the
page must not scroll sideways. The same holds in the Voilà app for chapter 8 (its radar explorer) opened
at 412x915: there the figures are first drawn narrow (Voilà's output rows are CSS tables, which cannot be
size containers, so they are made blocks; the app's first cell puts the figure style on the page before
the first figure is drawn). Screenshots go to /tmp/shots/figures-2/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import shutil

from lab import block_off_host, open_and_run_all, write_code_notebook
from test_accessibility import PANEL
from test_voila import REPO, served
from voila_server import running_voila

pytestmark = pytest.mark.e2e
SHOTS = Path("/tmp/shots/figures-2")
NOTEBOOK = "figures_phone.ipynb"
MIN_PLOT = 150  # layout px: the plot area (a radar's diameter) left beside legends and labels
CELLS = [
    'import ckm_course\nfrom ckm_course import charts\nckm_course.start("both")',
    "charts.capability_radar([e.label for e in ckm_course.point('C8.1').entries], [4, 4, 2, 5, 4, 3, 1, 3, 3])",
    "import pandas as pd\ncharts.whale_curve(pd.DataFrame({'customer_share': [0.25, 0.5, 0.75, 1.0],\n"
    "                                    'cumulative_profit_share': [0.9, 1.3, 1.2, 1.0]}))",
    "charts.roadmap_gantt(ckm_course.point('C6.1'))",
    'from ckm_course import widgets\ncharts.comparison_table([ckm_course.point("C4.1")], '
    'widgets.side_names([ckm_course.exercise("c4.1-ckm-or-crm")]), ckm_course.point("C4.1").title, rows=(1, 3))',
]
# For each figure output before a figure text: its box, its output area's right edge, and the texts of
# its plot (title, legend, axis and polar labels) that end right of that edge or are clipped by the plot.
OVERFLOW = """(scope) => [...document.querySelectorAll(scope + ' .jp-OutputArea-child:has(+ .jp-OutputArea-child .ckm-figure-text)')]
  .filter(child => child.offsetParent !== null)
  .map(child => {
    const area = child.closest('.jp-OutputArea').getBoundingClientRect();
    const output = child.querySelector('.jp-RenderedPlotly');
    const svg = output.querySelector('.main-svg').getBoundingClientRect();
    const box = output.getBoundingClientRect();
    const table = output.querySelector('g.table') !== null;
    const cut = table ? [] : [...output.querySelectorAll('text')]
      .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
      .filter(t => { const r = t.getBoundingClientRect();
                     return r.right > Math.min(area.right, svg.right) + 1 || r.left < svg.left - 1; })
      .map(t => t.textContent);
    // the plot's own area in layout px: squeezed to nothing, the labels fit but nothing is drawn
    const layout = [output, ...output.querySelectorAll('div')].find(e => e._fullLayout)._fullLayout;
    const plot = layout.polar ? 2 * layout.polar._subplot.radius : layout._size.w;
    return {right: box.right, area: area.right, width: box.width, height: box.height, table, cut, plot: Math.round(plot)};
  })"""


@pytest.fixture(scope="module")
def notebook(lab):
    write_code_notebook(lab.root / NOTEBOOK, CELLS)
    return lab


def test_figures_fit_a_phone(notebook, page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_and_run_all(page, notebook, NOTEBOOK)
    page.locator(f"{PANEL} .jp-RenderedPlotly .main-svg").nth(3).wait_for()
    page.set_viewport_size({"width": 412, "height": 915})
    page.evaluate("() => { window.jupyterapp.shell.collapseLeft(); window.jupyterapp.shell.collapseRight(); }")
    try:
        page.wait_for_timeout(1500)  # plotly redraws on the window's resize
        boxes = page.evaluate(OVERFLOW, PANEL)
        print("figures at 412 px:", boxes)
        page.screenshot(path=str(SHOTS / "phone-page.png"))
        for i, name in enumerate(("radar", "whale", "gantt", "table")):
            page.locator(f"{PANEL} .jp-RenderedPlotly").nth(i).scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / f"phone-{name}.png"))
        assert len(boxes) == 4, boxes
        assert all(b["right"] <= b["area"] + 1 for b in boxes), boxes
        assert all(b["width"] > 250 for b in boxes), boxes  # shrunk to the column, not to a sliver
        assert all(b["height"] > 150 for b in boxes), boxes  # and still drawn: a box 0 px high shows nothing
        assert [b["cut"] for b in boxes] == [[]] * 4, boxes  # no label clipped or past the edge
        assert all(b["plot"] >= MIN_PLOT for b in boxes), boxes
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert page.evaluate("() => document.body.scrollWidth <= window.innerWidth + 1")
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


CHAPTER_8 = "08_capability_assessment.ipynb"


@pytest.fixture(scope="module")
def app(tmp_path_factory, browser):
    root, env = served(tmp_path_factory, "figures-phone-app")
    shutil.copy(REPO / "notebooks" / CHAPTER_8, root / CHAPTER_8)
    with running_voila(root, env) as server:
        yield server


def test_the_app_shows_chapter_8_figures_whole_on_a_phone(app, browser):
    page = browser.new_page(viewport={"width": 412, "height": 915})
    page.set_default_timeout(120_000)
    off_host = block_off_host(page, app.port)
    try:
        page.goto(app.url(CHAPTER_8), timeout=180_000)
        page.locator(".jp-RenderedPlotly .main-svg").first.wait_for(timeout=180_000)
        page.wait_for_timeout(1500)
        boxes = page.evaluate(OVERFLOW, "body")
        print("app figures at 412 px:", boxes)
        figure = page.locator(".jp-RenderedPlotly").first
        figure.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "phone-app-radar.png"))
        assert boxes, "no figure with its words in chapter 8"
        assert all(b["right"] <= b["area"] + 1 for b in boxes), boxes
        assert all(b["width"] > 250 for b in boxes), boxes
        assert all(b["height"] > 150 for b in boxes), boxes
        assert [b["cut"] for b in boxes] == [[]] * len(boxes), boxes
        assert all(b["plot"] >= MIN_PLOT for b in boxes), boxes
        assert page.evaluate("() => document.scrollingElement.scrollWidth <= window.innerWidth + 1")
        assert off_host == []
    finally:
        page.close()
