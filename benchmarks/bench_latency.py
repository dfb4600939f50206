"""Click -> feedback latency in a real browser: our C3.1 grid versus a bare ipywidgets button.

Both live in the same notebook, in the same JupyterLab and chromium, measured in one run
and interleaved; the figure that matters is the ratio of medians (target <= 1.2). Each
round trip is timed from Playwright's click to the moment the new text is in the page.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from lab import chromium_browser, missing_browser, open_and_run_all, running_lab  # noqa: E402

ROUNDS = 15
BARE = """import ipywidgets as widgets
count = widgets.HTML("clicked 0")
button = widgets.Button(description="bare")
def bump(_):
    count.value = f"clicked {int(count.value.split()[1]) + 1}"
button.on_click(bump)
button.add_class("bare-button")
widgets.VBox([button, count])"""
GRID = "import ckm_course\nckm_course.start('en')\nckm_course.exercise('c3.1-four-categories').widget()"


def _notebook(path: Path) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(BARE), nbformat.v4.new_code_cell(GRID)]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(notebook, path)


def _timed(page, click, expect_js: str) -> float:
    start = time.perf_counter()
    click()
    page.wait_for_function(expect_js, timeout=180_000)  # a condition with a generous limit, not a fixed wait
    return time.perf_counter() - start


def measure() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "root"
        root.mkdir()
        _notebook(root / "latency.ipynb")
        with running_lab(root) as lab, chromium_browser() as browser:
            bare, grid = _rounds(browser, lab)
    return {"bare_ms": statistics.median(bare) * 1000, "grid_ms": statistics.median(grid) * 1000,
            "ratio": statistics.median(grid) / statistics.median(bare)}


def _rounds(browser, lab) -> tuple[list[float], list[float]]:
    bare, grid = [], []
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    open_and_run_all(page, lab, "latency.ipynb")
    grid_widget = page.locator(".ckm-kind-multi_label")
    grid_widget.wait_for()
    check = grid_widget.get_by_role("button", name="Check", exact=True)
    score = "document.querySelector('.ckm-kind-multi_label .ckm-score')"
    for round_number in range(1, ROUNDS + 1):
        bare.append(_timed(page, lambda: page.locator(".bare-button").click(),
                           f"() => document.body.innerText.includes('clicked {round_number}')"))
        grid_widget.locator(".ckm-cell-name-about").click()  # alternate between 1/19 and not attempted
        expected = "Score: 1/19" if round_number % 2 else "Not attempted"
        grid.append(_timed(page, check.click, f"() => {score} && {score}.innerText.startsWith('{expected}')"))
    return bare, grid


def main() -> dict[str, float]:
    reason = missing_browser()
    if reason:
        print(f"latency: skipped ({reason})")
        return {}
    result = measure()
    print(f"latency: bare button {result['bare_ms']:.0f} ms, C3.1 grid Check {result['grid_ms']:.0f} ms "
          f"(median of {ROUNDS})")
    print(f"  grid / bare = {result['ratio']:.2f}   target <= 1.20")
    return result


if __name__ == "__main__":
    main()
