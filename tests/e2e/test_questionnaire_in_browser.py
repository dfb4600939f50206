"""An end-of-chapter questionnaire in a real JupyterLab (issue 20, section 3).

Each question shows its own lettered options under it and its own letter buttons (no column
heads); a right and a wrong answer, Check, and the rows show ✓ and ✗ with a reason that does
not name the key; the answer is recorded in the notebook; axe finds nothing serious in light or
dark; screenshots at desktop and phone width in build/screenshots/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import ckm_course
from ckm_course import read_answers
from ckm_course.exercises.checks.normalize import offered
from lab import open_and_run_all, save
from test_accessibility import axe_source, ours, serious, set_theme, violations  # noqa: F401 (fixture)
from test_grid_in_browser import write_notebook

pytestmark = pytest.mark.e2e
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
QUESTIONNAIRE = "c6.questionnaire"


def letters(item) -> tuple[int, int]:
    """(position of the key, position of a wrong option) among the question's buttons."""
    spec = ckm_course.exercise(QUESTIONNAIRE).spec
    ids = [c.id for c in offered(spec, item)]
    right = ids.index(item.answer[0])
    return right, next(i for i, c in enumerate(ids) if c not in item.answer)


def test_questionnaire_rows_check_record_and_read_well(lab, page, axe_source):
    spec = ckm_course.exercise(QUESTIONNAIRE).spec
    first, second = spec.items[0], spec.items[1]
    write_notebook(lab.root / "q.ipynb", "import ckm_course\nckm_course.start('en')",
                   f"ckm_course.exercise('{QUESTIONNAIRE}').widget()")
    open_and_run_all(page, lab, "q.ipynb")
    widget = page.locator(".ckm-id-c6_questionnaire")
    widget.locator(".ckm-choices[role=radiogroup]").first.wait_for()
    assert widget.locator(".ckm-grid-head").count() == 0  # no column heads: each question has its own options

    row = widget.locator(f".ckm-row-{first.id}")
    shown = row.locator(".ckm-options li").all_inner_texts()
    assert [t[:2] for t in shown] == [f"{'ABCDEF'[i]}." for i in range(len(first.options))]
    assert row.locator(".ckm-item-text").inner_text().startswith(f"1. {first.label.en}")
    assert row.locator(".ckm-choices button").count() == len(first.options)

    right, _ = letters(first)
    _, wrong = letters(second)
    row.locator(".ckm-choices button").nth(right).click()
    widget.locator(f".ckm-row-{second.id} .ckm-choices button").nth(wrong).click()
    widget.get_by_role("button", name="Check", exact=True).click()
    widget.locator(".ckm-feedback .ckm-score").filter(has_text=f"Score: 1/{len(spec.items)}").wait_for()

    assert "✓" in row.locator(".ckm-mark").inner_text()
    reason = widget.locator(f".ckm-row-{second.id} .ckm-reason")
    assert reason.get_attribute("data-mark") == "wrong" and "does not fit" in reason.inner_text()
    key_label = next(c.label.en for c in spec.choices if c.id == second.answer[0])
    assert key_label not in reason.inner_text()  # the reason never hands over the key

    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.screenshot(path=str(SHOTS / "questionnaire-checked-light.png"))
    assert not [v for v in serious(ours(violations(page, axe_source, " .ckm-exercise")))]
    set_theme(page, "JupyterLab Dark")
    assert not [v for v in serious(ours(violations(page, axe_source, " .ckm-exercise")))]
    widget.screenshot(path=str(SHOTS / "questionnaire-checked-dark.png"))
    set_theme(page, "JupyterLab Light")
    page.set_viewport_size({"width": 412, "height": 915})
    page.evaluate("() => window.jupyterapp.commands.execute('application:toggle-left-area')")  # the notebook only
    row.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "questionnaire-checked-phone.png"))  # what a phone shows
    text, buttons = row.locator(".ckm-item-text").bounding_box(), row.locator(".ckm-choices").bounding_box()
    assert buttons["y"] >= text["y"] + text["height"] - 1  # the buttons wrap under the question, not beside it
    mark = row.locator(".ckm-mark").bounding_box()
    assert text["x"] >= mark["x"] + mark["width"] and abs(text["y"] - mark["y"]) < text["height"] / 2
    # the question stays beside its mark (the row's text once wrapped under it: a 2 px margin too many)

    save(page)
    recorded = read_answers(lab.root / "q.ipynb")[QUESTIONNAIRE]
    assert recorded["answer"] == {first.id: [first.answer[0]],
                                  second.id: [[c.id for c in offered(spec, second)][wrong]]}
    assert recorded["score"] == 1
