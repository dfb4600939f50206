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
    form.locator(".ckm-plan-step-2-kpi textarea").fill("All three kinds of member on the team")
    form.locator(".ckm-plan-step-2-kpi textarea").press("Tab")
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


def drawn_bars(page) -> dict[str, list[float]]:
    """``{step number: [start, weeks]}`` of the Gantt the plan form's cell drew (read from plotly)."""
    handle = page.wait_for_function(
        """() => {
            const cell = document.querySelector('.ckm-kind-plan')?.closest('.jp-Cell');
            const plot = cell && cell.querySelector('.js-plotly-plot');
            if (!plot || !plot.data || !plot._fullLayout) return null;
            const bars = {};
            for (const trace of plot.data)
                trace.y.forEach((y, i) => { bars[String(y).split('.')[0]] = [trace.base[i], trace.x[i]]; });
            return Object.keys(bars).length === 11 ? bars : null;
        }""", timeout=60_000)
    return handle.json_value()


def wait_bar(page, step: str, start: float) -> dict[str, list[float]]:
    page.wait_for_function(
        """([step, start]) => {
            const cell = document.querySelector('.ckm-kind-plan')?.closest('.jp-Cell');
            const plot = cell && cell.querySelector('.js-plotly-plot');
            if (!plot || !plot.data) return false;
            return plot.data.some(t => t.y.some((y, i) => String(y).split('.')[0] === step && t.base[i] === start));
        }""", arg=[step, start], timeout=60_000)
    return drawn_bars(page)


def test_the_plan_forms_gantt_draws_the_start_weeks_and_show_answer_fills_a_model(lab, page):
    """Issue 12: a start week typed in the form moves that step's bar (steps may overlap); Show answer
    fills the deliverables and KPIs with the course's model texts, under a Course note."""
    write_notebook(lab.root / "capstone-gantt.ipynb", "import ckm_course\nckm_course.start('en')",
                   "ckm_course.exercise('capstone-plan').widget()")
    open_and_run_all(page, lab, "capstone-gantt.ipynb")
    form = page.locator(".ckm-exercise.ckm-kind-plan")
    form.wait_for(timeout=120_000)
    before = drawn_bars(page)
    assert before["6"] == [10, 2] and before["7"] == [12, 2] and before["8"] == [14, 2]  # 2 weeks each, in a row
    for step, start, weeks in (("6", "20", "4"), ("7", "21", "")):
        form.locator(f".ckm-plan-step-{step}-start input").fill(start)
        if weeks:
            form.locator(f".ckm-plan-step-{step}-weeks input").fill(weeks)
        form.locator(f".ckm-plan-step-{step}-start input").press("Tab")
    after = wait_bar(page, "7", 21)
    assert after["6"] == [20, 4] and after["7"] == [21, 2]  # step 7 starts while step 6 runs: drawn overlapping
    assert after["8"] == [23, 2] and after["5"] == before["5"]  # no start given: after the step above
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".jp-Cell:has(.ckm-kind-plan) .js-plotly-plot").first.screenshot(
        path=str(SHOTS / "capstone-plan-gantt-start-weeks.png"))

    form.get_by_role("button", name="Show answer", exact=True).click()
    kpi = form.locator(".ckm-plan-step-11-kpi textarea")
    page.wait_for_function("(el) => el.value.includes('4.6')", arg=kpi.element_handle(), timeout=60_000)
    assert "write yours" not in kpi.input_value() and "below 2" in kpi.input_value()
    assert "Course note" in form.locator(".ckm-course-note").inner_text()
    form.locator(".ckm-shown").locator("..").screenshot(path=str(SHOTS / "capstone-plan-show-answer-note.png"))
    shown = wait_bar(page, "2", 3.5)  # the model plan: each step starts where the one above ends
    assert shown["1"] == [0, 3.5] and shown["2"][0] == 3.5
    form.get_by_role("button", name="Check", exact=True).click()
    page.locator(".ckm-score", has_text="Score: 55/55").wait_for(timeout=60_000)
    form.locator(".ckm-row-step-11").screenshot(path=str(SHOTS / "capstone-plan-model-row.png"))
    # the model sentence wraps in its box instead of running out of a one-line field
    assert kpi.evaluate("t => t.scrollHeight <= t.clientHeight + 2 && t.scrollWidth <= t.clientWidth + 2"), \
        kpi.evaluate("t => [t.scrollWidth, t.clientWidth, t.scrollHeight, t.clientHeight]")
