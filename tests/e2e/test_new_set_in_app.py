"""再练一组 New set in the Voilà app (issue 24 item 4): a set drawn and not checked yet survives a reload.

A student the app was started for (``--student-id``) opens chapter 3's practice set, checks her set of
the touchpoints grid (a bank exercise), presses New set and reloads the page before checking: the page
(a new kernel) shows the same new items, empty, and says they are not checked yet; the answer file keeps
the set-1 check as the record, the new set beside it.
Screenshots go to /tmp/shots/newset2/ (``CKM_SHOTS`` elsewhere).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from ckm_course import read_answers
from ckm_course.exercises.answers import answer_file
from lab import block_off_host
from test_new_set_in_browser import answer_rows, texts
from voila_server import running_voila

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("CKM_SHOTS", "/tmp/shots/newset2"))
REPO = Path(__file__).resolve().parents[2]
BANK = "c3.1-practice-touchpoints"  # a grid, 5 of the bank's 16 items shown
WIDGET = f".ckm-exercise.ckm-id-{BANK.replace('.', '_')}"
CHAPTER = "03_classifying_knowledge.ipynb"
PRACTICE = "03_classifying_knowledge_exercises.ipynb"
PAGE = f"exercises/{PRACTICE}"


@pytest.fixture(scope="module")
def app(tmp_path_factory, browser):
    course = tmp_path_factory.mktemp("newset-app")
    (course / "notebooks").mkdir()
    (course / "exercises").mkdir()
    shutil.copy(REPO / "notebooks" / CHAPTER, course / "notebooks" / CHAPTER)
    shutil.copy(REPO / "exercises" / PRACTICE, course / "exercises" / PRACTICE)
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "CKM_VARIANT_SALT")}
    env["CKM_STUDENT_ID"], env["CKM_STUDENT_NAME"] = "s-001", "Ana"
    with running_voila(course / "notebooks", env) as server:
        yield server


def open_page(page, app):
    page.goto(app.url(PAGE), timeout=180_000)
    widget = page.locator(WIDGET)
    widget.wait_for(timeout=180_000)
    return widget


def texts_when_shown(widget, count: int, other_than: list[str] | None = None) -> list[str]:
    """The item texts once ``count`` rows are shown and they are not ``other_than`` (rows follow the set line)."""
    for _ in range(120):
        found = texts(widget)
        if len(found) == count and found != other_than:
            return found
        widget.page.wait_for_timeout(500)
    return texts(widget)


def shoot(widget, name: str) -> None:
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.page.screenshot(path=str(SHOTS / name))


def test_a_new_set_not_checked_yet_is_shown_again_after_a_reload(app, page):
    off_host = block_off_host(page, app.port)
    widget = open_page(page, app)
    widget.locator(".ckm-set", has_text="Your set · set 1").wait_for()
    first = texts_when_shown(widget, 5)
    answer_rows(widget, 0)
    widget.get_by_role("button", name="Check").click()
    saved = widget.locator(".ckm-app-saved[data-state='saved']")
    saved.filter(has_text="Score:").wait_for()
    kept = answer_file(app.root.parent / PAGE, "s-001")
    checked = read_answers(kept)[BANK]
    assert checked["variant"]["set"] == 1 and checked["answer"]

    widget.get_by_role("button", name="New set").click()
    widget.locator(".ckm-set", has_text="Your set · set 2").wait_for()
    unchecked = widget.locator(".ckm-app-unchecked")
    unchecked.filter(has_text="Set 2 is a new set, not checked yet").wait_for()
    drawn = texts_when_shown(widget, 5, other_than=first)
    assert len(drawn) == 5 and set(drawn) != set(first)
    shoot(widget, "app-set-2-drawn.png")
    on_disk = json.loads(kept.read_text(encoding="utf-8"))
    assert on_disk["shown"][BANK]["set"] == 2
    assert read_answers(kept)[BANK] == checked  # the record is still the set-1 check

    page.reload()
    widget = page.locator(WIDGET)
    widget.wait_for(timeout=180_000)
    widget.locator(".ckm-set", has_text="Your set · set 2").wait_for()
    assert texts_when_shown(widget, 5) == drawn  # the same new items, in the same order
    assert widget.locator(".ckm-choices button[aria-checked=true]").count() == 0  # empty: never checked
    assert "A new set was drawn (set 2)" in widget.locator(".ckm-result-line").inner_text()
    line = widget.locator(".ckm-app-saved-box").inner_text()
    assert "Set 2 is a new set, not checked yet; the score here is from the set you checked last." in line
    assert f"Score: {checked['score']:g}/{checked['max_score']:g}" in line
    shoot(widget, "app-set-2-after-reload.png")
    assert read_answers(kept)[BANK] == checked  # reloading wrote no record
    assert off_host == []
