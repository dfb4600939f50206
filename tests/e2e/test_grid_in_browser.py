"""Exercise rows in a real JupyterLab in chromium (issue 10, items 2-4 and 7).

The C3.1 grid: click, check, save and read back; one Tab stop per row, arrow keys and
Space inside a row, ARIA state that follows the controls, a 2 px focus ring, the score line
above the rows, category names above the columns, compact height; light and dark
screenshots in build/screenshots/. A one-answer row (C3.4) as an ARIA radio group. The
language switch reaches the saved-answer line; Ctrl+S in a text box saves the notebook.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from ckm_course import read_answers
from lab import open_and_run_all, save
from test_accessibility import set_theme

pytestmark = pytest.mark.e2e
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"

GRID = "c3.1-four-categories"
RADIO = "c3.4-explicit-tacit"
VALUE = "c1.3-lifetime-value"
MAX_GRID_HEIGHT = 900  # px at 1400 px wide, for 19 rows, header and buttons (it was ~2,600 px, then 935)


def write_notebook(path, *sources: str) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(notebook, path)


def pressed(locator) -> str | None:
    return locator.get_attribute("aria-pressed")


def tab_stops(page, widget: str) -> int:
    """Tab from the first control of ``widget`` until focus leaves it; the number of stops on the way."""
    page.evaluate("""(sel) => document.querySelector(sel).querySelector(
        'button:not([tabindex="-1"]), input, select, textarea').focus()""", widget)
    stops = 1
    for _ in range(200):
        page.keyboard.press("Tab")
        if not page.evaluate("(sel) => !!document.activeElement.closest(sel)", widget):
            return stops
        stops += 1
    return stops


def test_answer_by_clicking_check_save_and_read_back(lab, page):
    write_notebook(lab.root / "grid.ipynb", "import ckm_course\nckm_course.start('en')",
                   f"ckm_course.exercise('{GRID}').widget()")
    open_and_run_all(page, lab, "grid.ipynb")
    grid = page.locator(".ckm-exercise.ckm-kind-multi_label")
    grid.wait_for()
    page.wait_for_function("() => document.querySelector('.ckm-choices[role=toolbar]')")  # the ARIA script ran

    # category names head the columns, above the buttons; no separate legend
    head = grid.locator(".ckm-grid-head")
    assert "Knowledge about customers" in head.inner_text() and grid.locator(".ckm-legend").count() == 0
    height = grid.bounding_box()["height"]
    print(f"C3.1 grid height: {height:.0f} px")
    assert height <= MAX_GRID_HEIGHT

    about = grid.locator(".ckm-cell-name-about")
    assert pressed(about) == "false" and about.get_attribute("aria-label") == "Knowledge about customers"
    colour_before = about.evaluate("b => getComputedStyle(b).backgroundColor")
    about.click()                                      # right
    page.wait_for_function("() => document.querySelector('.ckm-cell-name-about').getAttribute('aria-pressed') === 'true'")
    assert about.evaluate("b => getComputedStyle(b).backgroundColor") != colour_before  # visibly selected
    grid.locator(".ckm-cell-needs-about").click()     # half of {about, from}
    grid.locator(".ckm-cell-manual-from").click()     # wrong: a manual is knowledge customers need
    grid.get_by_role("button", name="Check", exact=True).click()

    feedback = grid.locator(".ckm-feedback")
    feedback.wait_for()
    assert feedback.locator(".ckm-score").inner_text() == "Score: 1.5/19"
    assert "16 more items not answered yet." in feedback.inner_text()
    assert feedback.get_attribute("aria-live") == "polite"
    # the score line is at the top, above the rows
    assert feedback.bounding_box()["y"] < grid.locator(".ckm-row-name").bounding_box()["y"]
    # each row carries its own mark and reason, beside the controls
    assert grid.locator(".ckm-row-name .ckm-reason").get_attribute("data-mark") == "correct"
    assert grid.locator(".ckm-row-needs .ckm-reason").get_attribute("data-mark") == "partial"
    manual = grid.locator(".ckm-row-manual .ckm-reason")
    assert manual.get_attribute("data-mark") == "wrong" and "does not fit" in manual.inner_text()
    assert "Knowledge customers need" not in manual.inner_text()  # never the key
    assert grid.locator(".ckm-row-opinions .ckm-reason").count() == 0
    assert "✓" in grid.locator(".ckm-row-name .ckm-mark").inner_text()
    assert "✗" in grid.locator(".ckm-row-manual .ckm-mark").inner_text()
    row = grid.locator(".ckm-row-manual").bounding_box()
    reason_box = manual.bounding_box()
    assert row["y"] <= reason_box["y"] <= row["y"] + row["height"]  # on the row, not below the grid
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 1400})  # the whole grid in view for its screenshots
    grid.screenshot(path=str(SHOTS / "grid-partly-right-light.png"))
    # the record output below the widget was updated in place
    page.locator(".ckm-saved summary", has_text=f"[{GRID}] · Score: 1.5/19").first.wait_for()

    save(page)
    recorded = read_answers(lab.root / "grid.ipynb")[GRID]
    assert recorded["answer"] == {"name": ["about"], "needs": ["about"], "manual": ["from"]}
    assert recorded["score"] == 1.5 and recorded["status"] == "partial"

    set_theme(page, "JupyterLab Dark")
    on, off = (grid.locator(f".ckm-cell-name-{c}").evaluate("b => getComputedStyle(b).backgroundColor")
               for c in ("about", "need"))
    assert on != off  # selected and unselected differ in the dark theme too
    grid.screenshot(path=str(SHOTS / "grid-partly-right-dark.png"))
    set_theme(page, "JupyterLab Light")


def test_keyboard_one_tab_stop_per_row_arrows_and_focus_ring(lab, page):
    write_notebook(lab.root / "keys.ipynb", "import ckm_course\nckm_course.start('en')",
                   f"ckm_course.exercise('{GRID}').widget()", f"ckm_course.exercise('{RADIO}').widget()")
    open_and_run_all(page, lab, "keys.ipynb")
    grid, radio = ".ckm-kind-multi_label", ".ckm-kind-single_label"
    page.locator(f"{radio} .ckm-choices[role=radiogroup]").first.wait_for()
    page.locator(f"{grid} .ckm-choices[role=toolbar]").first.wait_for()
    items = page.locator(f"{grid} .ckm-row").count()
    stops = tab_stops(page, grid)
    print(f"C3.1 grid Tab stops: {stops} for {items} rows")
    assert items == 19 and stops <= items + 4  # one per row, then Check, Hint, Reset (Show answer when allowed)

    # multi-label row: arrows move within the row, Space toggles, aria-pressed follows
    first_row = page.locator(f"{grid} .ckm-row").first
    buttons = first_row.locator(".ckm-choices button")
    buttons.first.focus()
    page.keyboard.press("ArrowRight")
    assert buttons.nth(1).evaluate("b => b === document.activeElement")
    assert buttons.nth(1).evaluate("b => parseFloat(getComputedStyle(b).outlineWidth)") >= 2  # the focus ring
    page.keyboard.press("Space")
    page.wait_for_function("(b) => b.getAttribute('aria-pressed') === 'true' && b.classList.contains('mod-active')",
                           arg=buttons.nth(1).element_handle())
    assert pressed(buttons.first) == "false"
    assert [b.get_attribute("tabindex") for b in buttons.all()].count("0") == 1  # roving: one Tab stop
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Enter")
    page.wait_for_function("(b) => b.getAttribute('aria-pressed') === 'true'", arg=buttons.first.element_handle())

    # one-answer row: an ARIA radio group, arrows choose
    options = page.locator(f"{radio} .ckm-row").first.locator(".ckm-choices button")
    assert options.first.get_attribute("role") == "radio"
    options.first.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(b) => b.getAttribute('aria-checked') === 'true' && b.classList.contains('mod-active')",
                           arg=options.nth(1).element_handle())
    assert options.first.get_attribute("aria-checked") == "false"
    page.keyboard.press("End")
    last = options.count() - 1
    page.wait_for_function("(b) => b.getAttribute('aria-checked') === 'true'", arg=options.nth(last).element_handle())
    page.keyboard.press("ArrowRight")  # wraps round to the first
    page.wait_for_function("(b) => b.getAttribute('aria-checked') === 'true'", arg=options.first.element_handle())
    assert options.nth(last).get_attribute("aria-checked") == "false"

    check = page.locator(radio).get_by_role("button", name="Check", exact=True)
    check.focus()
    page.keyboard.press("Enter")
    page.locator(f"{radio} .ckm-feedback").wait_for()
    check.focus()
    assert check.evaluate("b => parseFloat(getComputedStyle(b).outlineWidth)") >= 2
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(radio).screenshot(path=str(SHOTS / "radio-rows-keyboard-light.png"))


def test_language_switch_reaches_the_saved_line_and_ctrl_s_saves_from_a_text_box(lab, page):
    write_notebook(lab.root / "lang.ipynb", "import ckm_course\nckm_course.start('both')\n"
                   "from ckm_course import widgets\nwidgets.language_toggle()",
                   f"ckm_course.exercise('{RADIO}').widget()", f"ckm_course.exercise('{VALUE}').widget()")
    open_and_run_all(page, lab, "lang.ipynb")
    radio = page.locator(".ckm-kind-single_label")
    radio.locator(".ckm-choices button").first.click()
    radio.get_by_role("button", name=re.compile("Check")).click()
    summary = page.locator(f".ckm-saved[data-exercise='{RADIO}'] summary")
    summary.filter(has_text="得分").wait_for()
    # the toggle's label no longer runs into the output prompt on its left
    toggle = page.locator(".ckm-language")
    prompt = toggle.locator("xpath=ancestor::div[contains(@class,'jp-OutputArea-child')]").locator(
        ".jp-OutputArea-prompt")
    assert toggle.locator(".widget-label").bounding_box()["x"] >= prompt.bounding_box()["x"] + prompt.bounding_box()["width"]
    toggle.get_by_role("button", name="English", exact=True).click()
    page.wait_for_function(f"""() => {{
        const s = document.querySelector(".ckm-saved[data-exercise='{RADIO}'] summary");
        return s && !/[\\u4e00-\\u9fff]/.test(s.textContent); }}""")

    box = page.locator(".ckm-kind-value input[type=text]")
    box.fill("1200")
    page.wait_for_function("() => document.querySelector('.jp-mod-dirty')")
    box.focus()
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=30_000)
