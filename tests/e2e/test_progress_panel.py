"""Issue 24, "Mastery and what to practise next", in a browser: the app's home shows the student's
progress panel, and a check on a chapter's page changes that point's state there. Screenshots go to
/tmp/shots/mastery/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from lab import block_off_host
from voila_server import running_voila

pytestmark = [pytest.mark.e2e, pytest.mark.delivery]
REPO = Path(__file__).resolve().parents[2]
SHOTS = Path("/tmp/shots/mastery")
CHAPTER = "03_classifying_knowledge.ipynb"
GRID = "c3.1-four-categories"


@pytest.fixture(scope="module")
def app(tmp_path_factory, browser):
    course = tmp_path_factory.mktemp("course")
    (course / "notebooks").mkdir()
    shutil.copy(REPO / "notebooks" / CHAPTER, course / "notebooks" / CHAPTER)
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "CKM_STUDENT_ID")}
    env["CKM_STUDENT_ID"], env["CKM_STUDENT_NAME"] = "2024001", "王小明"
    with running_voila(course / "notebooks", env) as server:
        yield server


def test_a_check_changes_the_points_state_in_the_home_panel(app, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(120_000)
    off_host = block_off_host(page, app.port)
    page.goto(f"http://127.0.0.1:{app.port}/")
    panel = page.locator("section.ckm-progress")
    assert "学习进度" in panel.locator("h3").inner_text() and "Progress" in panel.locator("h3").inner_text()
    point = panel.locator("li[data-point='C3.1']")
    assert point.get_attribute("data-state") == "not_started"
    assert "未开始" in point.inner_text() and "not started" in point.inner_text()
    assert panel.locator("ol li").count() == 3  # today: practise these 3
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "home-before-1280.png"), full_page=True)
    page.locator(f"li[data-path='notebooks/{CHAPTER}'] a").click()
    page.wait_for_url(f"**/voila/render/notebooks/{CHAPTER}")
    grid = page.locator(f".ckm-exercise.ckm-id-{GRID.replace('.', '_')}")
    grid.wait_for(timeout=180_000)
    grid.locator(".ckm-cell-name-about").click()
    grid.get_by_role("button", name="Check").first.click()
    grid.locator(".ckm-app-saved[data-state='saved']").wait_for()
    page.locator(".ckm-app-nav a").first.click()
    page.wait_for_url(f"http://127.0.0.1:{app.port}/")
    point = page.locator("section.ckm-progress li[data-point='C3.1']")
    assert point.get_attribute("data-state") == "in_progress"
    assert "学习中" in point.inner_text() and "in progress" in point.inner_text()
    assert page.locator("section.ckm-progress li[data-point='C3.2']").get_attribute("data-state") == "not_started"
    point.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "home-after-check-1280.png"), full_page=True)
    assert off_host == []
    page.close()
