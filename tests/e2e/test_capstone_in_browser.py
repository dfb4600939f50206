"""Issue 12 in a real JupyterLab: fill one row of the capstone plan form, Check, and see the row's marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from ckm_course import read_answers
from lab import open_and_run_all, save
from test_answers_survive import write_notebook

pytestmark = pytest.mark.e2e
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def test_one_plan_row_is_checked_with_marks_beside_it(lab, page):
    write_notebook(lab.root / "capstone.ipynb", "import ckm_course\nckm_course.start('en')",
                   "ckm_course.exercise('capstone-plan').widget()")
    open_and_run_all(page, lab, "capstone.ipynb")
    form = page.locator(".ckm-exercise.ckm-kind-plan")
    form.wait_for(timeout=120_000)
    form.locator(".ckm-plan-step-2-owner select").select_option(label="Project sponsor")
    form.locator(".ckm-plan-step-2-start input").fill("2")
    form.locator(".ckm-plan-step-2-weeks input").fill("40")  # far too long for building the team
    form.locator(".ckm-plan-step-2-weeks input").press("Tab")
    form.locator(".ckm-plan-step-2-kpi input").fill("All three kinds of member on the team")
    form.locator(".ckm-plan-step-2-kpi input").press("Tab")
    form.get_by_role("button", name="Check", exact=True).click()
    row = form.locator(".ckm-row-step-2 .ckm-row-reason")
    row.locator(".ckm-plan-verdict").first.wait_for(timeout=60_000)
    text = row.inner_text()
    assert "Owner: Plausible." in text and "Weeks: Too long" in text and "Start week: Starts in step order." in text
    assert "First deliverable: Not written yet." in text
    assert form.locator(".ckm-row-step-1 .ckm-row-reason").inner_text().strip() == ""  # untouched row: no marks
    assert "Score: 3/55" in form.locator(".ckm-score").inner_text()
    assert "10 more rows not filled in yet." in form.locator(".ckm-messages").inner_text()
    page.locator(".ckm-saved summary", has_text="Score: 3/55").wait_for()
    SHOTS.mkdir(parents=True, exist_ok=True)
    form.locator(".ckm-row-step-2").screenshot(path=str(SHOTS / "capstone-plan-row.png"))
    save(page)
    saved = read_answers(lab.root / "capstone.ipynb")["capstone-plan"]
    assert saved["answer"]["step-2"]["owner"] == "sponsor" and saved["answer"]["step-2"]["weeks"] == 40
