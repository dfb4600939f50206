"""A question bank in JupyterLab (issue 24 item 1): a student's own whole question, and New set draws another.

Ana identifies; the CLV practice exercise shows her question (one of its bank's three), she answers it
right, presses 再练一组 New set, and another question with other numbers replaces the prompt; she answers
that one too; then, in the dark theme at phone width, New set draws a third. Screenshots: /tmp/shots/qbank/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ckm_course.content.catalog import catalog
from lab import open_and_run_all, write_code_notebook
from test_accessibility import set_theme
from test_widgets_phone import MIN_TARGET, PHONE, narrow

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("CKM_SHOTS", "/tmp/shots/qbank"))
BANK = "c1.3-practice-clv"
WIDGET = f".ckm-id-{BANK.replace('.', '_')}"


def question_shown(widget, other_than: str | None = None):
    """The bank question whose prompt the widget shows (waiting for it to change from ``other_than``)."""
    questions = catalog().exercises.find(BANK).questions
    for _ in range(120):
        text = " ".join(widget.inner_text().split())
        found = [q for q in questions if " ".join(q.prompt.en.split())[:80] in text]
        if len(found) == 1 and found[0].id != other_than:
            return found[0]
        widget.page.wait_for_timeout(500)
    raise AssertionError(f"no single question of {BANK} shown: {text[:300]}")


def answer(widget, question) -> None:
    box = widget.locator("input[type=text], input[type=number], textarea").first
    box.fill(f"{question.expected:g}")
    widget.get_by_role("button", name="Check", exact=True).click()
    widget.locator(".ckm-result-line", has_text="Score: 1/1").wait_for()


def test_new_set_draws_another_whole_question_and_each_is_checked_against_its_own_key(lab, page):
    name = "qbank.ipynb"
    write_code_notebook(lab.root / name, ["import ckm_course\nckm_course.start('en')",
                                          'ckm_course.student("Ana", "s-001")',
                                          f"ckm_course.exercise('{BANK}').widget()"])
    open_and_run_all(page, lab, name)
    widget = page.locator(WIDGET)
    widget.locator(".ckm-set", has_text="Your question · set 1").wait_for()
    first = question_shown(widget)
    answer(widget, first)
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(SHOTS / "question-1-checked.png"))

    widget.get_by_role("button", name="New set", exact=True).click()
    widget.locator(".ckm-result-line", has_text="A new question was drawn").wait_for()
    second = question_shown(widget, other_than=first.id)
    assert second.expected != first.expected
    assert " ".join(first.prompt.en.split())[:80] not in " ".join(widget.inner_text().split())
    answer(widget, second)  # right for this question's numbers, so the key is the drawn question's
    page.screenshot(path=str(SHOTS / "question-2-checked.png"))

    # dark theme and a phone: the next question is drawn by touch and reads whole at 412 px
    set_theme(page, "JupyterLab Dark")
    narrow(page, PHONE)
    new_set = widget.get_by_role("button", name="New set", exact=True)
    new_set.scroll_into_view_if_needed()
    box = new_set.bounding_box()
    assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, box
    new_set.click()
    third = question_shown(widget, other_than=second.id)
    assert widget.evaluate("e => e.scrollWidth <= e.clientWidth + 1")  # no sideways scrolling on the phone
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.screenshot(path=str(SHOTS / f"phone-dark-{third.id}.png"))
    set_theme(page, "JupyterLab Light")

