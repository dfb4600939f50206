"""Voilà app mode vs JupyterLab (issue 14): time until chapter 03 is usable, same machine, same run.

* **Voilà**: open ``/voila/render/03_classifying_knowledge.ipynb`` (``make app``'s server) until the
  C3.1 exercise grid is drawn — Voilà runs the notebook in a fresh kernel before it shows it;
* **JupyterLab**: open the same notebook, Run All (``tests/e2e/lab.open_and_run_all``), until every
  code cell has run and the C3.1 grid is drawn — what a student does today.

Each round uses a fresh copy of the notebook (so a fresh kernel on both sides) and the two are
interleaved; the figure is the ratio of medians, target <= 1.0.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from lab import chromium_browser, missing_browser, open_and_run_all, running_lab  # noqa: E402
from voila_server import running_voila  # noqa: E402

ROUNDS = 3
CHAPTER = "03_classifying_knowledge.ipynb"
GRID = ".ckm-exercise.ckm-id-c3_1-four-categories"


def _voila_round(browser, voila, notebook: str) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    start = time.perf_counter()
    page.goto(voila.url(notebook), timeout=300_000)
    page.locator(GRID).wait_for(state="visible", timeout=300_000)
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def _lab_round(browser, lab, notebook: str) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    start = time.perf_counter()
    open_and_run_all(page, lab, notebook, timeout_ms=300_000)
    page.locator(GRID).first.wait_for(state="attached", timeout=300_000)
    elapsed = time.perf_counter() - start
    page.close()
    return elapsed


def measure() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        lab_root, app_root = Path(folder) / "lab", Path(folder) / "app"
        for root in (lab_root, app_root):
            root.mkdir()
            for number in range(ROUNDS + 1):  # round 0 warms both servers up and is not counted
                shutil.copy(ROOT / "notebooks" / CHAPTER, root / f"r{number}_{CHAPTER}")
        voila_times, lab_times = [], []
        with running_lab(lab_root) as lab, running_voila(app_root) as voila, chromium_browser() as browser:
            for number in range(ROUNDS + 1):
                notebook = f"r{number}_{CHAPTER}"
                first = _voila_round(browser, voila, notebook)
                second = _lab_round(browser, lab, notebook)
                if number:
                    voila_times.append(first)
                    lab_times.append(second)
    voila_s, lab_s = statistics.median(voila_times), statistics.median(lab_times)
    return {"voila_s": voila_s, "lab_s": lab_s, "ratio": voila_s / lab_s}


def main() -> dict[str, float]:
    reason = missing_browser()
    if reason:
        print(f"voila: skipped ({reason})")
        return {}
    result = measure()
    print(f"voila: chapter 03 first render {result['voila_s']:.1f} s; JupyterLab open + Run All "
          f"{result['lab_s']:.1f} s (medians of {ROUNDS}, fresh kernels)")
    print(f"  voila / lab = {result['ratio']:.2f}   target <= 1.00")
    return result


if __name__ == "__main__":
    main()
