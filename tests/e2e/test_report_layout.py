"""Issue 22.8: report.html as an instructor reads it at 1366 px: problems first, every heatmap row
labelled, tables that wrap instead of cutting the flags column, bilingual headers, rounded figures."""

from __future__ import annotations

import re

import pytest

from ckm_course.grading import grade, write
from lab import block_network

pytestmark = pytest.mark.e2e
SAMPLES = "datasets/sample_submissions"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    write(grade([f"{SAMPLES}/submissions"], roster=f"{SAMPLES}/roster.csv"), out)
    return out / "report.html"


def test_the_report_fits_1366_px_and_puts_problems_first(page, report, tmp_path):
    page.set_viewport_size({"width": 1366, "height": 900})
    off_disk = block_network(page)
    page.goto(report.as_uri())
    page.locator(".figure .plotly .main-svg").first.wait_for(state="attached")
    page.wait_for_function("document.querySelectorAll('.figure .main-svg').length >= 5")
    page.screenshot(path=str(tmp_path / "report-1366.png"), full_page=True)
    assert page.evaluate("document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth")
    # The flags column of every table ends inside the page.
    right_edges = page.evaluate("[...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right)")
    assert right_edges and max(right_edges) <= 1366
    order = page.evaluate("""[...document.querySelectorAll('h2, .figure')].map(e => e.classList.contains('figure') ? 'figure' : e.id)""")
    assert order.index("not-read") < order.index("flagged") < order.index("figure")
    # problems.csv's rows, the student left out of the LMS files included (issue 21.7)
    first_table = page.locator("h2#not-read + table").inner_text()
    assert "not on the roster" in first_table and "2025117" in first_table
    # Every heatmap labels every row: the y ticks drawn equal the items of its exercise.
    heatmaps = page.evaluate("""[...document.querySelectorAll('.figure[data-name^="heatmap:"]')].map(f => ({
        rows: f._fullData ? f._fullData[0].y.length : -1,
        ticks: f.querySelectorAll('.ytick').length}))""")
    assert len(heatmaps) == 4  # c3.1, c3.2, c3.4 and the bank of c3.4-practice-explicit-tacit (issue 24)
    for figure in heatmaps:
        assert figure["rows"] > 0 and figure["ticks"] == figure["rows"], figure
    # every header that names a column's meaning is bilingual; a point id or a student's name (class data) is data
    headers = page.evaluate("[...document.querySelectorAll('th:not(.data)')].map(th => th.innerText)")
    assert headers and all(re.search(r"[\u4e00-\u9fff]", h) and re.search(r"[A-Za-z]", h) for h in headers), headers
    cells = " ".join(page.evaluate("[...document.querySelectorAll('td')].map(td => td.innerText)"))
    assert not re.search(r"\b0\.\d{3,}", cells)  # shares as whole percents, discrimination to two places
    assert re.search(r"\b\d{1,3}%", cells)
    assert off_disk == []
