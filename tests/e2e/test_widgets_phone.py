"""Exercise widgets on a phone (412×915) in JupyterLab and in the Voilà app (issue 22, items 1-4).

Below ~600 px an exercise's rows stack (the item's text above its choices, choices wrapping), every
button is a touch target of at least 44×44 px, and neither the widget nor the page scrolls sideways.
Show answer after a partly wrong check clears the ✗ marks and the old score and says the answer is
shown and recorded; the result line sits next to the buttons too. Screenshots (light and dark) go
to /tmp/shots/widgets/ (``CKM_SHOTS`` elsewhere) and build/screenshots/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lab import block_off_host, open_and_run_all
from test_accessibility import set_theme
from test_grid_in_browser import write_notebook
from test_voila import served
from voila_server import running_voila

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("CKM_SHOTS", "/tmp/shots/widgets"))
PHONE = {"width": 412, "height": 915}
GRID = "c3.1-four-categories"
ORDER = "c6.1-step-order"
WIDGET = f".ckm-id-{GRID.replace('.', '_')}"
MIN_TARGET = 44  # px, WCAG 2.5.5 (AAA) and both platforms' guidelines

# every visible button of the exercises on the page that is smaller than a touch target
SMALL_BUTTONS = """(min) => [...document.querySelectorAll('.ckm-exercise button')]
    .filter(b => b.offsetParent !== null)
    .map(b => { const r = b.getBoundingClientRect();
                return {text: b.textContent.trim(), w: Math.round(r.width), h: Math.round(r.height)}; })
    .filter(r => r.w < min || r.h < min)"""
# how far anything scrolls sideways: the page, each exercise, each of its rows; and text cut in a button
SIDEWAYS = """() => {
    const out = {}, page = document.scrollingElement;
    out.page = page.scrollWidth - page.clientWidth;
    document.querySelectorAll('.ckm-exercise, .ckm-exercise .ckm-row, .jp-WindowedPanel-outer, .jp-Notebook')
        .forEach((e, i) => { const d = e.scrollWidth - e.clientWidth; if (d > 1) out[e.className.slice(0, 60) + i] = d; });
    document.querySelectorAll('.ckm-exercise').forEach((e, i) => {
        const right = e.getBoundingClientRect().right - window.innerWidth;
        if (right > 1) out['past the window ' + i] = right; });
    document.querySelectorAll('.ckm-exercise button').forEach(b => {
        if (b.offsetParent !== null && b.scrollWidth > b.clientWidth + 1) out['cut: ' + b.textContent.trim()] = 1; });
    return out;
}"""


def in_view(page, locator) -> bool:
    """Whether ``locator`` lies wholly inside the window (what one screenshot shows)."""
    box = locator.bounding_box()
    size = page.viewport_size
    return (box is not None and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= size["width"] + 0.5
            and box["y"] + box["height"] <= size["height"] + 0.5)


def narrow(page, size: dict) -> None:
    """The window at ``size`` with JupyterLab's side panels closed, as on a phone."""
    page.set_viewport_size(size)
    page.evaluate("() => { window.jupyterapp.shell.collapseLeft(); window.jupyterapp.shell.collapseRight(); }")
    page.wait_for_timeout(1000)  # JupyterLab relays out for the narrow window


def assert_fits_a_phone(page) -> None:
    sideways = page.evaluate(SIDEWAYS)
    assert sideways == {"page": 0}, sideways
    assert page.evaluate(SMALL_BUTTONS, MIN_TARGET) == []


def test_phone_grid_stacks_rows_fits_and_show_answer_clears_verdicts(lab, page):
    write_notebook(lab.root / "phone.ipynb", "import ckm_course\nckm_course.start('en')",
                   f"ckm_course.exercise('{GRID}').widget()", f"ckm_course.exercise('{ORDER}').widget()")
    open_and_run_all(page, lab, "phone.ipynb")
    grid = page.locator(WIDGET)
    page.wait_for_function("() => document.querySelector('.ckm-choices[role=toolbar]')")
    SHOTS.mkdir(parents=True, exist_ok=True)
    narrow(page, PHONE)
    row = grid.locator(".ckm-row-manual")
    row.evaluate("e => e.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(SHOTS / "phone-grid-light.png"))

    assert_fits_a_phone(page)
    # the item's text above its choices, both in view at once
    text, choices = row.locator(".ckm-item-text"), row.locator(".ckm-choices")
    assert in_view(page, text) and in_view(page, choices)
    assert choices.bounding_box()["y"] >= text.bounding_box()["y"] + text.bounding_box()["height"] - 1
    # the category names are still on the screen, as a legend
    assert "Knowledge about customers" in grid.locator(".ckm-grid-head").inner_text()

    # a partly wrong check: the result line is beside the buttons as well as at the top
    grid.locator(".ckm-cell-name-about").click()       # right
    grid.locator(".ckm-cell-needs-about").click()      # half
    grid.locator(".ckm-cell-manual-from").click()      # wrong
    check = grid.get_by_role("button", name="Check", exact=True)
    check.click()
    result = grid.locator(".ckm-result-line")
    result.filter(has_text="1.5/19").wait_for()
    assert in_view(page, result) and in_view(page, check)
    gap = result.bounding_box()["y"] - (check.bounding_box()["y"] + check.bounding_box()["height"])
    assert -check.bounding_box()["height"] <= gap <= 120  # beside or just under the buttons, not 1,000 px up
    assert "✗" in grid.locator(".ckm-row-manual .ckm-mark").inner_text()
    # selected is not right: the wrong, selected button shows no tick; its pressed state says it is chosen
    wrong = grid.locator(".ckm-cell-manual-from")
    assert "✓" not in wrong.inner_text() and wrong.get_attribute("aria-pressed") == "true"
    page.screenshot(path=str(SHOTS / "phone-grid-checked-light.png"))

    grid.get_by_role("button", name="Show answer", exact=True).click()
    page.wait_for_function("(s) => !document.querySelector(s).innerText.includes('✗')", arg=WIDGET)
    shown = grid.inner_text()
    assert "1.5/19" not in shown and "not answered" not in shown and "does not fit" not in shown
    assert grid.locator(".ckm-mark", has_text="✓").count() == 0  # no verdict at all until the next check
    assert "answer is shown" in grid.locator(".ckm-feedback-box").inner_text()
    assert "answer is shown" in result.inner_text() and "recorded" in result.inner_text()
    assert grid.locator(".ckm-cell-manual-need").get_attribute("aria-pressed") == "true"  # the key is filled in
    page.screenshot(path=str(SHOTS / "phone-grid-shown-light.png"))

    # ordering rows stack too, their ↑ / ↓ are touch targets
    order = page.locator(".ckm-kind-ordering")
    order.locator(".ckm-row").nth(2).evaluate("e => e.scrollIntoView({block: 'center'})")
    assert_fits_a_phone(page)
    page.screenshot(path=str(SHOTS / "phone-ordering-light.png"))

    page.set_viewport_size({"width": 1400, "height": 1000})
    set_theme(page, "JupyterLab Dark")
    narrow(page, PHONE)
    row.evaluate("e => e.scrollIntoView({block: 'center'})")
    assert_fits_a_phone(page)
    page.screenshot(path=str(SHOTS / "phone-grid-dark.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})
    set_theme(page, "JupyterLab Light")


def test_keyboard_up_down_go_between_rows_in_the_grid_as_in_ordering(lab, page):
    """Item 4: one keyboard model: ←/→ within a row, ↑/↓ to the row above or below (same column)."""
    write_notebook(lab.root / "keys.ipynb", "import ckm_course\nckm_course.start('en')",
                   f"ckm_course.exercise('{GRID}').widget()")
    open_and_run_all(page, lab, "keys.ipynb")
    grid = page.locator(WIDGET)
    page.wait_for_function("() => document.querySelector('.ckm-choices[role=toolbar]')")
    first = grid.locator(".ckm-row").first.locator(".ckm-choices button")
    first.nth(1).focus()
    page.keyboard.press("ArrowDown")
    second = grid.locator(".ckm-row").nth(1).locator(".ckm-choices button")
    assert second.nth(1).evaluate("b => b === document.activeElement")
    assert second.nth(1).get_attribute("tabindex") == "0"
    page.keyboard.press("ArrowUp")
    assert first.nth(1).evaluate("b => b === document.activeElement")
    page.keyboard.press("Control+End")
    last = grid.locator(".ckm-row").last.locator(".ckm-choices button")
    assert last.nth(1).evaluate("b => b === document.activeElement")
    assert first.nth(1).get_attribute("aria-pressed") == "false"  # moving never toggles


@pytest.fixture(scope="module")
def app(tmp_path_factory, browser):
    root, env = served(tmp_path_factory, "phone-app-root")
    with running_voila(root, env) as server:
        yield server


def test_app_chapter_on_a_phone_fits_and_buttons_read_whole(app, browser):
    page = browser.new_page(viewport=PHONE)
    page.set_default_timeout(120_000)
    off_host = block_off_host(page, app.port)
    page.goto(app.url("03_classifying_knowledge.ipynb"), timeout=180_000)
    grid = page.locator(WIDGET)
    grid.wait_for(timeout=180_000)
    page.wait_for_function("() => document.querySelector('.ckm-choices[role=toolbar]')")
    page.wait_for_timeout(1000)
    grid.locator(".ckm-row-manual").evaluate("e => e.scrollIntoView({block: 'center'})")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "phone-app-grid.png"))
    assert_fits_a_phone(page)
    # the fourth column's button is on the screen, and Check reads whole
    assert in_view(page, grid.locator(".ckm-cell-manual-from"))
    check = grid.locator("button", has_text="检查").first
    check.scroll_into_view_if_needed()
    assert check.inner_text().strip() == "检查 / Check"  # was cut to "检查 / C…"
    assert check.evaluate("b => b.scrollWidth <= b.clientWidth") and in_view(page, check)
    page.screenshot(path=str(SHOTS / "phone-app-buttons.png"))
    assert off_host == []
    page.close()


CHOICE_KINDS = ["c3.1-four-categories", "c1.3-customer-classes", "c1.questionnaire", "c4.1-ckm-or-crm",
                "c1.1-four-reasons", "quiz-c1-negative-value"]
# per exercise: what a chosen control shows (its text and pressed/checked state) and what the row's mark says
CHOSEN = """(sel) => [...document.querySelector(sel).querySelectorAll(
        '.ckm-choices button.mod-active, input:checked, select')].map(c => {
    const row = c.closest('.ckm-row'), mark = row && row.querySelector('.ckm-mark');
    const label = c.tagName === 'INPUT' ? (c.closest('label') || c.parentElement).innerText : c.innerText;
    return {text: label.trim(), state: c.getAttribute('aria-pressed') || c.getAttribute('aria-checked')
            || (c.checked ? 'checked' : ''), mark: mark ? mark.dataset.mark || mark.innerText : ''}; })"""


def test_selected_has_its_own_look_and_marks_mean_right_partly_wrong_in_every_kind(lab, page):
    """Item 3: a chosen control is pressed or checked, never ticked; ✓/◐/✗ appear on rows only after Check."""
    write_notebook(lab.root / "kinds.ipynb", "import ckm_course\nckm_course.start('en')",
                   *[f"ckm_course.exercise('{e}').widget()" for e in CHOICE_KINDS])
    open_and_run_all(page, lab, "kinds.ipynb")
    page.wait_for_function("() => document.querySelector('.ckm-choices[role=toolbar]')")
    for exercise in CHOICE_KINDS:
        box = page.locator(f".ckm-id-{exercise.replace('.', '_')}")
        box.scroll_into_view_if_needed()
        rows = box.locator(".ckm-row")
        if rows.count():   # choose the second choice in every row (some right, most wrong)
            for i in range(rows.count()):
                row = rows.nth(i)
                if row.locator("select").count():
                    row.locator("select").select_option(index=2)
                else:
                    row.locator(".ckm-choices button").nth(1).click()
        else:
            box.locator("input").nth(1).check()
        page.wait_for_timeout(300)
        before = page.evaluate(CHOSEN, f".ckm-id-{exercise.replace('.', '_')}")
        assert before and all("✓" not in c["text"] and c["mark"] == "" for c in before), (exercise, before)
        box.get_by_role("button", name="Check", exact=True).click()
        box.locator(".ckm-result-line .ckm-result").wait_for()
        page.wait_for_timeout(300)
        after = page.evaluate(CHOSEN, f".ckm-id-{exercise.replace('.', '_')}")
        assert all("✓" not in c["text"] and "✗" not in c["text"] for c in after), (exercise, after)
        assert all(c["state"] in ("true", "checked", None, "") for c in after)
        if rows.count():
            marks = {c["mark"] for c in after if c["mark"]}
            assert marks and marks <= {"✓", "◐", "✗"}, (exercise, after)
        box.screenshot(path=str(SHOTS / f"selected-{exercise}.png"))
