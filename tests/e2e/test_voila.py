"""Voilà app mode (issue 14): chapter 03 as a page with no code; an answer there is checked and kept.

The page is served by ``make app``'s command line (``ckm_course.frontends.app.voila_command``) and opened
in chromium with every request beyond that loopback server blocked. The widget itself says where
the answer was saved (Voilà never updates the record line below it), or that it could not be saved.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from ckm_course import read_answers
from ckm_course.exercises.answers import answer_file
from ckm_course.exercises.reader import read_all
from lab import block_off_host
from voila_server import running_voila

pytestmark = [pytest.mark.e2e, pytest.mark.delivery]  # make test-delivery (Makefile)
REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "build" / "screenshots"
CHAPTER = "03_classifying_knowledge.ipynb"
GRID = "c3.1-four-categories"


def served(tmp_path_factory, name: str):
    root = tmp_path_factory.mktemp(name)
    shutil.copy(REPO / "notebooks" / CHAPTER, root / CHAPTER)
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "CKM_STUDENT_ID")}
    env["CKM_STUDENT_ID"], env["CKM_STUDENT_NAME"] = "2024001", "王小明"
    return root, env


@pytest.fixture(scope="module")
def app(tmp_path_factory, browser):
    root, env = served(tmp_path_factory, "app-root")
    with running_voila(root, env) as server:
        yield server


@pytest.fixture(scope="module")
def blocked_app(tmp_path_factory, browser):
    """A second app whose answer file cannot be written. A read-only folder would be the natural case,
    but these tests run as root, who ignores chmod: a folder standing where the answer file should be
    fails the write for every user (``app.save`` leaves such a folder alone)."""
    root, env = served(tmp_path_factory, "blocked-root")
    answer_file(root / CHAPTER, "2024001").mkdir()
    with running_voila(root, env) as server:
        yield server


def open_chapter(browser, app):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(120_000)
    off_host = block_off_host(page, app.port)
    page.goto(app.url(CHAPTER), timeout=180_000)
    page.locator(f".ckm-exercise.ckm-id-{GRID.replace('.', '_')}").wait_for(timeout=180_000)
    return page, off_host


def shoot_top_of(page, widget, name: str) -> None:
    """A screenshot of the page with ``widget``'s title, feedback and saved line in view."""
    widget.locator(".ckm-title").scroll_into_view_if_needed()
    widget.locator(".ckm-title").evaluate("e => e.scrollIntoView({block: 'start'})")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


def test_the_notebook_list_fetches_nothing_from_the_network(app, browser):
    page = browser.new_page()
    off_host = block_off_host(page, app.port)
    page.goto(f"http://127.0.0.1:{app.port}/", timeout=120_000)
    page.locator(f"li[data-path$='/{CHAPTER}'] a").wait_for(timeout=120_000)  # the course home (issue 22.6)
    assert off_host == []
    page.close()


def test_a_chapter_page_has_no_code_and_its_answers_are_kept(app, browser):
    page, off_host = open_chapter(browser, app)
    # narrative, figures and widgets, but not one code cell or line of the course's Python
    assert page.locator("h1", has_text="Chapter 3").count() == 1
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    assert page.locator(".jp-InputArea-editor, .jp-CodeMirrorEditor, .cm-editor").count() == 0
    text = page.locator("body").inner_text()
    assert "ckm_course.exercise(" not in text and "import ckm_course" not in text
    assert "run this cell" not in text
    assert "ckm_course 0.1.0 ready" not in text and "已就绪" not in text  # start()'s line is not on the page
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "voila-top.png"))

    grid = page.locator(f".ckm-exercise.ckm-id-{GRID.replace('.', '_')}")
    grid.locator(".ckm-cell-name-about").click()      # right
    grid.locator(".ckm-cell-manual-from").click()     # wrong
    grid.get_by_role("button", name="Check").first.click()
    grid.locator(".ckm-feedback .ckm-score").wait_for()
    assert "1/19" in grid.locator(".ckm-feedback .ckm-score").inner_text()
    assert "✓" in grid.locator(".ckm-row-name .ckm-mark").inner_text()
    assert "✗" in grid.locator(".ckm-row-manual .ckm-mark").inner_text()
    # no stale "not checked yet" record line (Voila never updates it): the app hides it, and the
    # widget itself names the answer file and the score
    assert page.locator(".ckm-saved").first.is_hidden()
    saved = grid.locator(".ckm-app-saved[data-state='saved']")
    saved.wait_for()
    assert "03_classifying_knowledge.2024001.answers.json" in saved.inner_text()
    assert "Score: 1/19" in saved.inner_text() and grid.locator(".ckm-not-saved").count() == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "voila-chapter-03.png"))
    shoot_top_of(page, grid, "voila-saved-line.png")

    # the answer is in the student's answer file next to the notebook, read like a notebook
    kept = answer_file(app.root / CHAPTER, "2024001")
    assert kept.name == "03_classifying_knowledge.2024001.answers.json"
    recorded = read_answers(kept)[GRID]
    assert recorded["answer"] == {"name": ["about"], "manual": ["from"]}
    assert recorded["score"] == 1 and recorded["schema"] == 2 and recorded["attempt"] == 1
    assert json.loads(kept.read_text(encoding="utf-8"))["student"] == {"name": "王小明", "id": "2024001"}
    submissions, problems = read_all([app.root])  # the gradebook's folder search finds it
    assert [s.identity for s in submissions if s.file.endswith(".answers.json")] == [{"name": "王小明", "id": "2024001"}]
    assert not [p for p in problems if p.severity == "error"]

    # the language toggle works on the page too
    page.locator(".ckm-language button", has_text="English").click()
    page.wait_for_function("t => !document.querySelector(t).innerText.includes('有关客户的知识')",
                           arg=f".ckm-id-{GRID.replace('.', '_')}")
    # the saved line is its own widget: its English text arrives in a message after the grid's
    saved.filter(has_text="Saved to").filter(has_not_text="已保存").wait_for(timeout=30_000)
    assert saved.inner_text().startswith("Saved to 03_classifying_knowledge.2024001.answers.json · Score: 1/19")
    assert off_host == []
    page.close()

    # a new page (a new kernel) brings the answer back from the answer file
    page, off_host = open_chapter(browser, app)
    grid = page.locator(f".ckm-exercise.ckm-id-{GRID.replace('.', '_')}")
    grid.locator(".ckm-restored").wait_for()
    assert "✓" in grid.locator(".ckm-row-name .ckm-mark").inner_text()
    assert read_answers(kept)[GRID]["attempt"] == 1  # restoring never writes a new attempt
    assert off_host == []
    page.close()


def test_an_answer_that_could_not_be_saved_is_reported_on_the_page_and_kept(blocked_app, browser):
    page, off_host = open_chapter(browser, blocked_app)
    grid = page.locator(f".ckm-exercise.ckm-id-{GRID.replace('.', '_')}")
    assert "answers are saved to" in grid.locator(".ckm-app-saved[data-state='none']").inner_text()
    grid.locator(".ckm-cell-name-about").click()
    grid.get_by_role("button", name="Check").first.click()
    warning = grid.locator(".ckm-not-saved[role='alert']")
    warning.wait_for()
    text = warning.inner_text()
    assert "Your answer was NOT saved" in text and "答案没有保存" in text
    assert "03_classifying_knowledge.2024001.answers.json" in text and "keep the page open" in text
    assert "tell your instructor" in text and "告诉老师" in text
    assert "1/19" in grid.locator(".ckm-feedback .ckm-score").inner_text()  # checked all the same
    assert grid.locator(".ckm-app-saved[data-state='saved']").count() == 0
    shoot_top_of(page, grid, "voila-not-saved.png")
    blocked = answer_file(blocked_app.root / CHAPTER, "2024001")
    assert blocked.is_dir() and not any(blocked.iterdir())

    # the folder is cleared away; the next check saves the answer the page still holds, and the warning goes
    blocked.rmdir()
    grid.locator(".ckm-cell-manual-from").click()
    grid.get_by_role("button", name="Check").first.click()
    grid.locator(".ckm-app-saved[data-state='saved']").wait_for()
    assert grid.locator(".ckm-not-saved").count() == 0
    assert read_answers(blocked)[GRID]["answer"] == {"name": ["about"], "manual": ["from"]}
    assert read_answers(blocked)[GRID]["attempt"] == 2  # the first attempt was kept in the page's kernel
    assert off_host == []
    page.close()
