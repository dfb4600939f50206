"""Execution time of every notebook over a floor notebook, in one run (target <= 1.3 each).

The floor imports what every chapter needs and draws one figure:
``import pandas, ipywidgets, plotly.express as px; px.bar(x=[1], y=[1])``. Each notebook
runs in a fresh kernel, as nbval runs it; kernel start-up is inside both sides of the ratio.
File sizes are printed too (limit 1 MB).
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat

from ckm_course.runner import run_cells

ROOT = Path(__file__).resolve().parents[1]
FLOOR = "import pandas, ipywidgets, plotly.express as px\npx.bar(x=[1], y=[1])"


def _run(notebook: nbformat.NotebookNode, folder: Path) -> float:
    start = time.perf_counter()
    run_cells(notebook, folder)  # the same kernel set-up as `ckm-course execute` (IPC, fixed clock)
    return time.perf_counter() - start


def floor_notebook() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(FLOOR)]
    return notebook


def main() -> dict[str, float]:
    paths = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
    floor = min(_run(floor_notebook(), ROOT) for _ in range(3))
    print(f"notebooks: floor notebook {floor:.2f} s (best of 3)")
    print(f"  {'notebook':44} {'seconds':>8} {'ratio':>6} {'size':>10}")
    ratios = {}
    for path in paths:
        seconds = _run(nbformat.read(path, as_version=4), path.parent)
        ratios[path.name] = seconds / floor
        flag = "" if ratios[path.name] <= 1.3 else "  > 1.3"
        print(f"  {path.parent.name + '/' + path.name:44} {seconds:8.2f} {ratios[path.name]:6.2f} "
              f"{path.stat().st_size:10,}{flag}")
    return ratios


if __name__ == "__main__":
    main()
