"""report.html opened from disk in chromium, every network request blocked: figures draw, injected strings stay text."""

from __future__ import annotations

import json

import pytest

import ckm_course
from ckm_course.grading import grade, write
from ckm_course.grading.samples import notebook, record_for
from lab import block_network

pytestmark = pytest.mark.e2e
XSS = ["<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=2">', "javascript:window.__pwned=3"]


def test_report_draws_offline_and_shows_injected_strings_as_text(page, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n, who in enumerate([(XSS[0], XSS[2]), ("王小明", "2024001"), ("李雷", "2024002")]):
        spec = ckm_course.exercise("c3.1-four-categories").spec
        answer = {i.id: (list(i.answer) if (k + n) % 3 else ["co-created"]) for k, i in enumerate(spec.items)}
        opened = ckm_course.exercise("c9.1-lifecycle-management").spec
        records = [record_for(spec, [answer], 60, [], False), record_for(opened, [" ".join(XSS)], 60, [], False)]
        name = f"{XSS[1]}.ipynb" if n == 0 else f"s{n}.ipynb"
        (folder / name).write_text(json.dumps(notebook(who, records)), encoding="utf-8")
    write(grade([folder]), tmp_path / "out")
    report = tmp_path / "out" / "report.html"
    off_disk = block_network(page)
    page.goto(report.as_uri())
    page.locator(".plotly .main-svg").first.wait_for(state="attached")
    assert page.locator(".figure .plotly").count() == 3  # distribution, facility, one heatmap
    assert page.locator(".figure svg.main-svg").count() >= 3
    assert page.locator(".figure .heatmaplayer, .figure image, .figure .hm").count() >= 1
    for student in page.locator("details").all():
        student.evaluate("d => d.open = true")
    text = page.evaluate("document.body.innerText")
    for payload in XSS:
        assert payload in text, payload
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0 and page.locator("a[href^='javascript']").count() == 0
    assert off_disk == []
