"""Issue 22 item 10 (and item 1's sunburst) in a real JupyterLab: figures follow the theme and speak.

A small notebook draws the C8.1 radar and the C3 sunburst. In JupyterLab Light the radar is
light; switched to JupyterLab Dark from the Settings menu, the same figure is dark (its pixels,
read back from a screenshot, not a style value). Its text alternative sits right after it, and
the "数据 Data" disclosure opens to a visible table holding the scores. axe-core finds no serious
violation in the figures' words, light or dark, and their text meets WCAG AA contrast. At 412 px
wide the sunburst gives way to its table. Screenshots go to /tmp/shots/figures/.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from lab import open_and_run_all, write_code_notebook
from test_accessibility import PANEL, axe_source, low_contrast, ours, serious, set_theme, violations  # noqa: F401

pytestmark = pytest.mark.e2e
SHOTS = Path("/tmp/shots/figures")
NOTEBOOK = "figures_theme.ipynb"
SCORES = {"strategy": 4, "team": 4, "audit": 2, "technology": 5, "acquisition": 4, "sharing": 3,
          "co-creation": 1, "application": 3, "learning": 3}
CELLS = [
    'import ckm_course\nfrom ckm_course import charts\nckm_course.start("both")',
    f"charts.capability_radar([e.label for e in ckm_course.point('C8.1').entries], {list(SCORES.values())!r})",
    'charts.taxonomy_sunburst([ckm_course.point(p) for p in ("C3.1", "C3.2", "C3.3", "C3.4")],\n'
    '                         ckm_course.course().chapters[2].title)',
]
# Mean relative luminance (0 black .. 1 white) of a PNG, decoded by the page's own canvas.
LUMINANCE = """async (data) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + data;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width; canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, image.width, image.height).data;
  let sum = 0;
  for (let i = 0; i < pixels.length; i += 4) sum += (0.2126 * pixels[i] + 0.7152 * pixels[i + 1] + 0.0722 * pixels[i + 2]) / 255;
  return sum / (pixels.length / 4);
}"""


def luminance(page, locator, shot: str) -> float:
    SHOTS.mkdir(parents=True, exist_ok=True)
    png = locator.screenshot(path=str(SHOTS / shot))
    return page.evaluate(LUMINANCE, base64.b64encode(png).decode("ascii"))


@pytest.fixture(scope="module")
def notebook(lab):
    write_code_notebook(lab.root / NOTEBOOK, CELLS)
    return lab


def test_figures_turn_dark_and_open_their_data(notebook, page, axe_source):
    open_and_run_all(page, notebook, NOTEBOOK)
    radar = page.locator(f"{PANEL} .jp-RenderedPlotly").first
    radar.locator(".main-svg").first.wait_for()
    words = page.locator(f"{PANEL} .ckm-figure-text").first
    assert "Strongest" in words.inner_text() and "最强" in words.inner_text()  # from the scores above
    light = luminance(page, radar, "radar-light.png")
    problems: dict[str, object] = {}
    for theme in ("JupyterLab Light", "JupyterLab Dark"):
        set_theme(page, theme)
        words.locator("summary", has_text="数据 Data").click()  # open
        table = words.locator("details table")
        table.wait_for(state="visible")
        assert table.locator("tbody tr").count() == len(SCORES)
        assert "5" in table.locator("tbody tr").nth(3).inner_text()  # technology: 5
        dark = theme.endswith("Dark")
        words.screenshot(path=str(SHOTS / f"radar-data-{'dark' if dark else 'light'}.png"))
        found = serious(ours(violations(page, axe_source, " .ckm-figure-text")))
        dim = low_contrast(page, f"{PANEL} .ckm-figure-text *")
        if found or dim:
            problems[theme] = {"axe": found, "contrast": dim}
        words.locator("summary", has_text="数据 Data").click()  # close again
        table.wait_for(state="hidden")
    dark = luminance(page, radar, "radar-dark.png")
    page.locator(f"{PANEL} .jp-Notebook").screenshot(path=str(SHOTS / "notebook-dark.png"))
    print(f"radar mean luminance: light {light:.2f}, dark {dark:.2f}")
    assert light > 0.8 and dark < 0.3, (light, dark)
    set_theme(page, "JupyterLab Light")
    assert luminance(page, radar, "radar-light-again.png") > 0.8
    assert problems == {}, problems


def test_the_sunburst_is_a_table_at_412_px(notebook, page):
    open_and_run_all(page, notebook, NOTEBOOK)
    sunburst_words = page.locator(f"{PANEL} .ckm-figure-text[data-narrow=table]")
    sunburst_words.wait_for()
    narrow = sunburst_words.locator(".ckm-figure-narrow")
    assert not narrow.is_visible()  # wide: the sunburst itself
    page.set_viewport_size({"width": 412, "height": 915})
    page.evaluate("() => { window.jupyterapp.shell.collapseLeft(); window.jupyterapp.shell.collapseRight(); }")
    try:
        narrow.wait_for(state="visible")
        assert narrow.locator("tbody tr").count() == 4  # one row per classification scheme
        sunburst = page.locator(f"{PANEL} .jp-OutputArea-child:has(+ .jp-OutputArea-child .ckm-figure-text[data-narrow=table])")
        assert not sunburst.is_visible()
        # the table fits its output column: nothing to scroll sideways
        assert page.evaluate("""(e) => { const out = e.closest('.jp-OutputArea-output').getBoundingClientRect();
                                         const box = e.getBoundingClientRect();
                                         return box.left >= out.left - 1 && box.right <= out.right + 1; }""",
                             narrow.element_handle())
        page.screenshot(path=str(SHOTS / "sunburst-412-page.png"))
        sunburst_words.scroll_into_view_if_needed()
        sunburst_words.screenshot(path=str(SHOTS / "sunburst-412.png"))
        assert narrow.bounding_box()["width"] > 250  # a readable column, not a sliver
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})
