"""Every notebook, opened in JupyterLab in chromium and run cell by cell: no errors, every widget drawn."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from lab import open_and_run_all

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def widget_cells(path: Path) -> int:
    """Code cells whose last line shows a widget (an exercise, explorer or the language toggle)."""
    cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    shows = (".widget()", "widgets.", "language_toggle()")
    return sum(1 for c in cells if any(s in c.source.strip().splitlines()[-1] for s in shows))


@pytest.fixture(scope="module")
def copied(lab):
    for path in NOTEBOOKS:
        shutil.copy(path, lab.root / path.name)
    # notebooks read ../datasets relative to the package, which is installed editable: nothing else to copy
    return lab


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_clean_with_every_widget_rendered(copied, page, path):
    open_and_run_all(page, copied, path.name)
    panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"
    errors = page.locator(f"{panel} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    texts = [t for t in errors.all_inner_texts() if "Traceback" in t or "Error" in t]
    assert texts == [], texts[:1]
    expected = widget_cells(path)
    selector = (f"{panel} .jp-OutputArea-output > .jupyter-widgets.widget-vbox, "
                f"{panel} .jp-OutputArea-output > .widget-toggle-buttons")
    page.wait_for_function(  # widget views are drawn after the kernel has answered
        f"() => document.querySelectorAll({selector!r}).length >= {expected}", timeout=60_000)
    assert page.get_by_text("Error displaying widget").count() == 0
