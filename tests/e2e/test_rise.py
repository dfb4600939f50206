"""RISE live slideshow (issue 14): chapter 03 presented from JupyterLab, its widgets working in the slides.

The instructor's steps: open the chapter, Run All, select the first cell of a section, press
Alt+R (RISE's "Render as Reveal Slideshow"). The course's JupyterLab settings
(``ckm_course/jupyter/overrides.json``) give RISE a theme with no web fonts and hide code
inputs; ``ckm-rise-widgets-shim`` (``ckm_course/static/jupyter_data/labextensions``) lets the
ipywidgets manager load in RISE's app. Everything beyond the loopback server is blocked.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lab import block_off_host, open_and_run_all

pytestmark = [pytest.mark.e2e, pytest.mark.delivery]  # make test-delivery (Makefile)
REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "build" / "screenshots"
CHAPTER = "03_classifying_knowledge.ipynb"


@pytest.fixture(scope="module")
def rise_lab(lab):
    shutil.copy(REPO / "notebooks" / CHAPTER, lab.root / CHAPTER)
    return lab


def test_chapter_03_slideshow_grid_accepts_a_click(rise_lab, page):
    off_host = block_off_host(page, rise_lab.port)  # the page and RISE's iframe in it
    page.set_default_timeout(120_000)
    open_and_run_all(page, rise_lab, CHAPTER)
    # select the C3.1 section's heading, then Alt+R: the slideshow opens on that slide
    page.locator(".jp-MarkdownCell", has_text="3.1 四类客户知识").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("Alt+r")
    slides = page.frame_locator("iframe[src*='/rise/']")
    grid = slides.locator(".ckm-exercise.ckm-id-c3_1-four-categories")
    grid.wait_for(state="attached", timeout=120_000)
    frame = next(f for f in page.frames if "/rise/" in f.url)
    print("slideshow opened at", frame.url)
    on_screen = "e => e.closest('section').classList.contains('present')"
    presses = 0
    for presses in range(15):  # the presenter's space bar, inside the slideshow, until the C3.1 slide is on screen
        if grid.evaluate(on_screen):
            break
        before = frame.evaluate("() => location.hash")
        frame.focus("body")
        page.keyboard.press("Space")
        frame.wait_for_function("(before) => location.hash !== before", arg=before, timeout=30_000)  # the next slide
    print("now at", frame.url, "after", presses, "presses")
    assert grid.evaluate(on_screen)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "rise-chapter-03.png"))
    # a slideshow without code: no visible code input anywhere in the deck
    assert slides.locator(".jp-CodeCell .jp-Cell-inputWrapper:visible").count() == 0
    assert slides.locator(".reveal").count() == 1

    grid.locator(".ckm-cell-name-about").click()
    grid.get_by_role("button", name="Check").first.click()
    mark = grid.locator(".ckm-row-name .ckm-mark")
    mark.filter(has_text="✓").wait_for(timeout=60_000)
    assert "1/19" in grid.locator(".ckm-feedback .ckm-score").inner_text()
    page.screenshot(path=str(SHOTS / "rise-chapter-03.png"))
    assert off_host == []
