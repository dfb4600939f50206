"""Execution time of every notebook over a floor notebook (target <= 1.3 each; issue 23).

The floor imports what every chapter needs and draws one figure:
``import pandas, ipywidgets, plotly.express as px; px.bar(x=[1], y=[1])``. Each notebook
runs in a fresh kernel, as nbval runs it; kernel start-up is inside both sides of the ratio.
File sizes are printed too (limit 1 MB).

Single runs were noisy on a shared machine (other work moves one run by +-30 %), so each notebook runs
``ROUNDS`` times, each run right after a floor run, and its ratio is its best time over the best of the
floor runs beside it. The load average before and after is printed: figures from a loaded machine say so,
and the CPU time of each run (the kernel's and this process's, best of the same runs) gives a second ratio
that other work on the machine moves much less than the wall time. "to last cell" is the ratio of the
seconds until each kernel went idle after its last cell: the run without the kernel's shut-down. A kernel
that ran ``ckm_course.start()`` shuts down ~0.3 s sooner than the floor's (``gc.freeze`` of the start-up
objects, issue 23): the first ratio gains that, this one does not, so both must be within the target.
The package is byte-compiled first, as an installed package is: with ``PYTHONDONTWRITEBYTECODE`` set and a
source file edited since its ``.pyc``, every kernel compiled it again (~0.15 s a kernel for 27 modules).

``python benchmarks/bench_notebooks.py [name ...]`` runs only the notebooks whose file name contains a name.
"""

from __future__ import annotations

import compileall
import os
import resource
import sys
import time
from datetime import datetime
from pathlib import Path

import nbformat

from ckm_course.runner import run_cells

ROOT = Path(__file__).resolve().parents[1]
FLOOR = "import pandas, ipywidgets, plotly.express as px\npx.bar(x=[1], y=[1])"
ROUNDS = 2
TARGET = 1.3


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (each notebook's kernel, once shut down)."""
    own, kernels = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kernels.ru_utime + kernels.ru_stime


def _run(notebook: nbformat.NotebookNode, folder: Path) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, seconds until the last cell was done) of one run in a fresh kernel."""
    start, epoch, cpu = time.perf_counter(), time.time(), _cpu()
    run_cells(notebook, folder)  # the same kernel set-up as `ckm-course execute` (IPC, fixed clock)
    wall, used = time.perf_counter() - start, _cpu() - cpu
    return wall, used, _last_cell_done(notebook, epoch, wall)


def _last_cell_done(notebook: nbformat.NotebookNode, epoch: float, wall: float) -> float:
    """Seconds from the start until the kernel went idle after the last code cell (nbclient records it in each
    cell's metadata): the run without the kernel's shut-down."""
    for cell in reversed(notebook.cells):
        idle = cell.get("metadata", {}).get("execution", {}).get("iopub.status.idle")
        if cell.cell_type == "code" and idle:
            return min(datetime.fromisoformat(idle.replace("Z", "+00:00")).timestamp() - epoch, wall)
    return wall


def floor_notebook() -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(FLOOR)]
    return notebook


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def measure(path: Path, rounds: int = ROUNDS) -> tuple[float, ...]:
    """Best wall seconds of ``path`` and of the floor runs made just before each of its runs, then the same
    for CPU seconds, then for the seconds until the last cell was done."""
    floors, times = [], []
    for _ in range(rounds):
        floors.append(_run(floor_notebook(), ROOT))
        times.append(_run(nbformat.read(path, as_version=4), path.parent))
    return tuple(best for k in range(3) for best in (min(t[k] for t in times), min(f[k] for f in floors)))


def main(names: list[str] | None = None) -> dict[str, float]:
    paths = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))
    paths = [p for p in paths if not names or any(n in p.name for n in names)]
    compileall.compile_dir(ROOT / "ckm_course", quiet=1)
    _run(floor_notebook(), ROOT)  # warm the disk cache and the content cache before the first pair
    print(f"notebooks: each the best of {ROUNDS} runs over the best of the floor runs just before them "
          f"(load average {_load()} at the start)")
    print(f"  {'notebook':52} {'seconds':>8} {'floor':>6} {'ratio':>6} {'cpu ratio':>9} {'to last cell':>12} "
          f"{'size':>10}")
    ratios = {}
    for path in paths:
        seconds, floor, cpu, floor_cpu, cells, floor_cells = measure(path)
        ratios[path.name] = max(seconds / floor, cells / floor_cells)  # the worse of the two
        flag = "" if ratios[path.name] <= TARGET else f"  > {TARGET}"
        print(f"  {path.parent.name + '/' + path.name:52} {seconds:8.2f} {floor:6.2f} {seconds / floor:6.2f} "
              f"{cpu / floor_cpu:9.2f} {cells / floor_cells:12.2f} {path.stat().st_size:10,}{flag}")
    print(f"  load average at the end {_load()}; {sum(r > TARGET for r in ratios.values())} of {len(ratios)} "
          f"over {TARGET} (whole run or to the last cell)")
    return ratios


if __name__ == "__main__":
    main(sys.argv[1:])
