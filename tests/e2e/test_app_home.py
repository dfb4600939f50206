"""The app's front door in a browser (issue 22.6): the course home at 1280 and 412 px.

Bilingual titles from the content data, no gradebook, every link answers 200, a chapter opens in
the same tab, its page has no speaker notes and a link home, and answering an exercise there
changes the chapter's progress on the home. Screenshots go to /tmp/shots/app-home/.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from lab import block_off_host
from voila_server import running_voila

pytestmark = [pytest.mark.e2e, pytest.mark.delivery]
REPO = Path(__file__).resolve().parents[2]
SHOTS = Path("/tmp/shots/app-home")
CHAPTER = "03_classifying_knowledge.ipynb"
GRID = "c3.1-four-categories"


@pytest.fixture(scope="module")
def app(tmp_path_factory, browser):
    """The app over a course folder: two chapters, the gradebook and start page, the glossary, two practice sets."""
    course = tmp_path_factory.mktemp("course")
    for folder, names in (("notebooks", (CHAPTER, "00_index.ipynb", "10_instructor_gradebook.ipynb", "11_glossary.ipynb")),
                          ("exercises", ("03_classifying_knowledge_exercises.ipynb",)),
                          ("solutions", ("03_classifying_knowledge_exercises.ipynb",))):
        (course / folder).mkdir()
        for name in names:
            shutil.copy(REPO / folder / name, course / folder / name)
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "CKM_STUDENT_ID")}
    env["CKM_STUDENT_ID"], env["CKM_STUDENT_NAME"] = "2024001", "王小明"
    with running_voila(course / "notebooks", env) as server:
        yield server


def home(browser, app, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(120_000)
    off_host = block_off_host(page, app.port)
    page.goto(f"http://127.0.0.1:{app.port}/")
    return page, off_host


@pytest.mark.parametrize("width", [1280, 412])
def test_the_home_is_bilingual_and_has_no_instructor_material(app, browser, width):
    page, off_host = home(browser, app, width)
    title = page.locator("h1")
    assert "课程首页" in title.inner_text() and "course home" in title.inner_text()
    chapter = page.locator(f"li[data-path='notebooks/{CHAPTER}']")
    assert "客户知识的分类" in chapter.inner_text() and "Classifying customer knowledge" in chapter.inner_text()
    practice = page.locator("li[data-path='exercises/03_classifying_knowledge_exercises.ipynb']")
    assert "练习" in practice.inner_text() and "Practice" in practice.inner_text()
    assert "王小明" in page.locator(".ckm-student").inner_text()
    text = page.locator("body").inner_text()
    assert "gradebook" not in text.lower() and "成绩册" not in text and "Shift+Enter" not in text
    hrefs = page.eval_on_selector_all("a", "as => as.map(a => [a.getAttribute('href'), a.target])")
    assert len(hrefs) == 3 and all(target == "" for _, target in hrefs)  # same tab
    assert not any("10_instructor" in h or "solutions" in h for h, _ in hrefs)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll
    box = chapter.locator("a").bounding_box()
    assert box["height"] >= 44 and box["width"] <= width
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"home-{width}.png"), full_page=True)
    assert off_host == []
    page.close()


def test_every_link_answers_and_instructor_pages_are_not_found(app, browser):
    page, _ = home(browser, app, 1280)
    hrefs = page.eval_on_selector_all("a", "as => as.map(a => a.href)")
    for href in hrefs:
        assert page.request.get(href, timeout=180_000).status == 200, href
    base = f"http://127.0.0.1:{app.port}/voila/render/"
    for hidden in ("notebooks/10_instructor_gradebook.ipynb", "solutions/03_classifying_knowledge_exercises.ipynb",
                   "10_instructor_gradebook.ipynb"):
        reply = page.request.get(base + hidden)
        assert reply.status == 404 and "不在课程里" in reply.text()
    assert page.request.get(f"http://127.0.0.1:{app.port}/voila/tree").url.rstrip("/").endswith(str(app.port))
    page.close()


def test_a_chapter_opens_in_the_same_tab_and_its_answer_shows_on_the_home(app, browser):
    page, off_host = home(browser, app, 1280)
    progress = page.locator(f"li[data-path='notebooks/{CHAPTER}'] .ckm-progress")
    assert progress.get_attribute("data-answered") == "0" and progress.get_attribute("data-total") == "5"
    pages_before = len(page.context.pages)
    page.locator(f"li[data-path='notebooks/{CHAPTER}'] a").click()
    page.wait_for_url(f"**/voila/render/notebooks/{CHAPTER}")
    assert len(page.context.pages) == pages_before  # no new tab
    grid = page.locator(f".ckm-exercise.ckm-id-{GRID.replace('.', '_')}")
    grid.wait_for(timeout=180_000)
    body = page.locator("body").inner_text()
    assert "讲者备注" not in body and "Speaker notes" not in body
    grid.locator(".ckm-cell-name-about").click()
    grid.get_by_role("button", name="Check").first.click()
    grid.locator(".ckm-app-saved[data-state='saved']").wait_for()
    page.locator(".ckm-app-nav a").first.click()  # back home, same tab
    page.wait_for_url(f"http://127.0.0.1:{app.port}/")
    progress = page.locator(f"li[data-path='notebooks/{CHAPTER}'] .ckm-progress")
    assert progress.get_attribute("data-answered") == "1"
    assert "1 of 5 exercises answered" in progress.inner_text() and "已作答 1 / 5" in progress.inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "home-after-answer-1280.png"), full_page=True)
    assert off_host == []
    page.close()
