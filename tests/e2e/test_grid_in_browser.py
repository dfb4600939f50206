"""The C3.1 classification grid in a real JupyterLab in chromium: click, check, save, read back."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from ckm_course import read_answers
from lab import open_and_run_all, save

pytestmark = pytest.mark.e2e
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"

GRID = "c3.1-four-categories"


def write_notebook(path, *sources: str) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(notebook, path)


def test_answer_by_clicking_check_save_and_read_back(lab, page):
    write_notebook(lab.root / "grid.ipynb", "import ckm_course\nckm_course.start('en')",
                   f"ckm_course.exercise('{GRID}').widget()")
    open_and_run_all(page, lab, "grid.ipynb")
    grid = page.locator(".ckm-exercise.ckm-kind-multi_label")
    grid.wait_for()

    grid.locator(".ckm-cell-name-about").click()      # right
    grid.locator(".ckm-cell-needs-about").click()     # half of {about, from}
    grid.locator(".ckm-cell-manual-from").click()     # wrong: a manual is knowledge customers need
    grid.get_by_role("button", name="Check", exact=True).click()

    feedback = grid.locator(".ckm-feedback")
    feedback.wait_for()
    assert feedback.locator(".ckm-score").inner_text() == "Score: 1.5/19"
    assert "16 more items not answered yet." in feedback.inner_text()
    assert feedback.get_attribute("aria-live") == "polite"
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
    grid.screenshot(path=str(SHOTS / "grid-partly-right.png"))
    # the record output below the widget was updated in place
    page.locator(".ckm-saved summary", has_text=f"[{GRID}] · Score: 1.5/19").first.wait_for()

    save(page)
    recorded = read_answers(lab.root / "grid.ipynb")[GRID]
    assert recorded["answer"] == {"name": ["about"], "needs": ["about"], "manual": ["from"]}
    assert recorded["score"] == 1.5 and recorded["status"] == "partial"
