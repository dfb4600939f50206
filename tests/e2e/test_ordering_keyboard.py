"""The C6.1 ordering exercise (11 roadmap steps) from the keyboard, in a real JupyterLab (issue 10, item 3).

One Tab stop per row (its ↑ / ↓ pair is a labelled ARIA group, ``look.py``), arrow keys between
rows, Alt+Arrow and Enter move the item, focus follows the moved item, the status line says the
new position; then Check and the score line. Screenshots in build/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lab import open_and_run_all
from test_accessibility import axe_source, low_contrast, set_theme  # noqa: F401 - axe_source is a fixture
from test_grid_in_browser import tab_stops, write_notebook

pytestmark = pytest.mark.e2e
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
ORDER = "c6.1-step-order"
WIDGET = ".ckm-kind-ordering"


def texts(page) -> list[str]:
    """The items as shown, top to bottom, without their "N. " numbers."""
    return [re.sub(r"^\d+\.\s*", "", t.strip())
            for t in page.locator(f"{WIDGET} .ckm-row .ckm-item-text").all_inner_texts()]


def focused_row(page) -> int:
    """The 0-based row that holds the focus (-1: none)."""
    return page.evaluate("""(sel) => [...document.querySelectorAll(sel + ' .ckm-row')]
        .findIndex(r => r.contains(document.activeElement))""", WIDGET)


def wait_order(page, expected: list[str]) -> None:
    page.wait_for_function("""([sel, expected]) => {
        const shown = [...document.querySelectorAll(sel + ' .ckm-row .ckm-item-text')]
            .map(t => t.textContent.trim().replace(/^\\d+\\.\\s*/, ''));
        return JSON.stringify(shown) === JSON.stringify(expected); }""", arg=[WIDGET, expected])


def wait_focus(page, row: int) -> None:
    page.wait_for_function("""([sel, row]) => {
        const r = document.querySelectorAll(sel + ' .ckm-row')[row];
        return !!r && r.contains(document.activeElement); }""", arg=[WIDGET, row])


def test_ordering_rows_one_tab_stop_keyboard_moves_focus_follows_and_check(lab, page, axe_source):
    write_notebook(lab.root / "order.ipynb", "import ckm_course\nckm_course.start('en')",
                   f"ckm_course.exercise('{ORDER}').widget()")
    open_and_run_all(page, lab, "order.ipynb")
    widget = page.locator(WIDGET)
    widget.wait_for()
    page.wait_for_function(f"() => document.querySelector('{WIDGET} .ckm-move[role=group][aria-label]')")
    rows = widget.locator(".ckm-row")
    assert rows.count() == 11
    start = texts(page)

    # one Tab stop per row, then the visible buttons below (Check, Hint, Reset, Show answer)
    bar = widget.locator(".jupyter-button:not(.ckm-up):not(.ckm-down):visible").count()
    stops = tab_stops(page, WIDGET)
    print(f"C6.1 ordering Tab stops: {stops} for 11 rows and {bar} buttons (was {2 * 11 - 2 + bar})")
    assert stops == 11 + bar
    groups = widget.locator(".ckm-move")
    assert groups.nth(2).get_attribute("aria-label") == f"3. {start[2]}"
    up = rows.nth(2).locator(".ckm-up")
    assert up.get_attribute("aria-label") == "Move up" and up.get_attribute("aria-keyshortcuts") == "Alt+ArrowUp"
    assert [b.get_attribute("tabindex") for b in rows.nth(2).locator("button").all()].count("0") == 1

    # Down arrow goes to the next row without moving anything; Left/Right between ↑ and ↓
    up = rows.first.locator(".ckm-down")  # ↑ of the first row is disabled: its Tab stop is ↓
    up.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    wait_focus(page, 2)
    is_focused = "b => b === document.activeElement"
    assert rows.nth(2).locator(".ckm-down").evaluate(is_focused)  # the same button, a row further down
    page.keyboard.press("ArrowLeft")
    assert rows.nth(2).locator(".ckm-up").evaluate(is_focused)
    page.keyboard.press("ArrowRight")
    assert rows.nth(2).locator(".ckm-down").evaluate(is_focused)
    page.keyboard.press("ArrowLeft")
    assert texts(page) == start

    # Alt+Up moves the third item to position 2, and focus goes with it
    page.keyboard.press("Alt+ArrowUp")
    moved = start[:1] + [start[2], start[1]] + start[3:]
    wait_order(page, moved)
    wait_focus(page, 1)
    status = widget.locator(".ckm-order-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert status.inner_text().strip() == f"“{start[2]}” moved to position 2 of 11."
    assert groups.nth(1).get_attribute("aria-label") == f"2. {start[2]}"
    # again: to the top; a further press there is clamped (or, while the move is under way, ignored)
    page.keyboard.press("Alt+ArrowUp")
    page.keyboard.press("Alt+ArrowUp")  # at the top: clamped, nothing moves
    top = [start[2], start[0], start[1]] + start[3:]
    wait_order(page, top)
    wait_focus(page, 0)
    page.wait_for_timeout(300)
    assert texts(page) == top
    # Enter on ↓ moves it down one, and focus follows
    page.keyboard.press("Enter")
    moved = [start[0], start[2], start[1]] + start[3:]
    wait_order(page, moved)
    wait_focus(page, 1)
    assert focused_row(page) == 1 and status.inner_text().strip() == f"“{start[2]}” moved to position 2 of 11."
    # End: the last row; its Tab stop is ↑ (↓ is disabled)
    page.keyboard.press("End")
    wait_focus(page, 10)
    assert rows.nth(10).locator(".ckm-up").evaluate(is_focused)

    # a screen reader's click (no pointer, event.detail 0) moves the item and focus follows, as a key press
    rows.nth(3).locator(".ckm-down").evaluate("b => b.click()")
    moved = moved[:3] + [moved[4], moved[3]] + moved[5:]
    wait_order(page, moved)
    wait_focus(page, 4)
    # a mouse click still moves the item; focus stays where the pointer is
    rows.nth(5).locator(".ckm-down").click()
    moved = moved[:5] + [moved[6], moved[5]] + moved[7:]
    wait_order(page, moved)
    assert focused_row(page) == 5

    SHOTS.mkdir(parents=True, exist_ok=True)
    groups.nth(1).locator("button").first.focus()
    widget.screenshot(path=str(SHOTS / "ordering-keyboard-light.png"))

    widget.get_by_role("button", name="Check", exact=True).click()
    score = widget.locator(".ckm-feedback .ckm-score")
    score.wait_for()
    assert re.fullmatch(r"Score: \d+(\.\d+)?/11", score.inner_text().strip())
    assert score.inner_text().strip() != "Score: 11/11"  # the shuffled start with three moves is not the key
    page.locator(f".ckm-saved[data-exercise='{ORDER}'] summary", has_text="Score:").first.wait_for()
    widget.screenshot(path=str(SHOTS / "ordering-keyboard-checked-light.png"))

    page.add_script_tag(content=axe_source)
    found = page.evaluate("""async (sel) => (await axe.run(document.querySelector(sel), {resultTypes: ['violations']}))
        .violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.html.slice(0, 120)).join(' | '))""",
                          WIDGET)
    assert found == []
    set_theme(page, "JupyterLab Dark")
    groups.nth(1).locator("button").first.focus()
    widget.screenshot(path=str(SHOTS / "ordering-keyboard-checked-dark.png"))
    assert low_contrast(page) == []
    set_theme(page, "JupyterLab Light")
