"""再练一组 New set in JupyterLab (issue 24 item 4): a set drawn and not checked yet survives a kernel restart.

Ana checks her set of a bank exercise, presses New set, saves and restarts the kernel before checking:
the widget shows the same new items, empty, and the record line below it says the set is new and not
checked, while the saved record (and the gradebook) keep the set-1 check. The drawn set travels in the
record's display output, under its own MIME type beside the record's. Screenshots: /tmp/shots/newset2/.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from ckm_course.exercises.record import MIME
from ckm_course.exercises.shown_set import MIME as SHOWN_MIME
from lab import open_and_run_all, save, write_code_notebook
from test_answers_survive import restart_and_run_all
from test_new_set_in_app import texts_when_shown
from test_new_set_in_browser import answer_rows

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("CKM_SHOTS", "/tmp/shots/newset2"))
BANK = "c2.3-practice-dik"
WIDGET = f".ckm-id-{BANK.replace('.', '_')}"


def outputs(path: Path, mime: str) -> list[dict]:
    return [out["data"][mime] for cell in nbformat.read(path, as_version=4).cells
            for out in cell.get("outputs", []) if mime in out.get("data", {})]


def test_a_new_set_not_checked_yet_comes_back_after_a_restart(lab, page):
    name = "newset-kept.ipynb"
    write_code_notebook(lab.root / name, ["import ckm_course\nckm_course.start('en')",
                                          'ckm_course.student("Ana", "s-001")',
                                          f"ckm_course.exercise('{BANK}').widget()"])
    open_and_run_all(page, lab, name)
    widget = page.locator(WIDGET)
    widget.locator(".ckm-set", has_text="Your set · set 1").wait_for()
    first = texts_when_shown(widget, 4)
    answer_rows(widget, 0)
    widget.get_by_role("button", name="Check", exact=True).click()
    widget.locator(".ckm-result-line", has_text="Score:").wait_for()
    widget.get_by_role("button", name="New set", exact=True).click()
    widget.locator(".ckm-set", has_text="Your set · set 2").wait_for()
    below = page.locator(".ckm-new-set-unchecked", has_text="Set 2 is a new set, not checked yet")
    below.wait_for()
    drawn = texts_when_shown(widget, 4, other_than=first)
    save(page)
    [record] = outputs(lab.root / name, MIME)
    [shown] = outputs(lab.root / name, SHOWN_MIME)
    assert record["variant"]["set"] == 1 and record["answer"] and shown["set"] == 2

    restart_and_run_all(page)
    widget.locator(".ckm-set", has_text="Your set · set 2").wait_for()
    assert texts_when_shown(widget, 4) == drawn
    assert widget.locator(".ckm-choices button[aria-checked=true]").count() == 0
    below.wait_for()
    assert "Score:" in page.locator(".ckm-saved summary").first.inner_text()  # the set-1 check, said to be that
    widget.evaluate("e => e.scrollIntoView({block: 'start'})")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "lab-set-2-after-restart.png"))
