"""Grading 200 submissions from their records vs executing them with nbclient, in one run (issue 9).

The class: 200 synthetic submissions of the chapter-3 exercise notebook (4 exercises, 34 items),
made by ``ckm_course.grading.samples`` without the planted oddities. Figures:

* marginal time per submission of ``grade`` + ``write`` (no report), in process:
  (t(200) - t(50)) / 150, best of 3 each;
* the whole command with start-up: ``python -m ckm_course.cli grade DIR --out OUT`` (report included);
* nbclient executing a submission in a fresh kernel (what nbgrader's autograde has to do at
  least), the median of ``EXECUTED`` notebooks of the same class (executing all 200 would take minutes).

Ratios: execution per notebook / grading marginal per submission (target >= 1000), and 200
executions / the whole grading command (target >= 200).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

COUNT = 200
EXECUTED = 5
C3 = ("c3.1-four-categories", "c3.2-process-view", "c3.3-formation", "c3.4-explicit-tacit")


def _class(folder: Path, count: int = COUNT, exercises: tuple[str, ...] = C3, **options: Any) -> list[Path]:
    """A synthetic class of ``count`` honest submissions in ``folder`` (also used by bench_grading_class and
    bench_grading_variants, which pass ``samples.class_files`` options such as ``banked``)."""
    from ckm_course.grading import samples

    files = samples.class_files(count, exercises, seed=7, oddities=False, **options)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in files.items():
        if name.endswith(".ipynb"):
            path = folder / Path(name).name
            path.write_text(text, encoding="utf-8")
            paths.append(path)
    return sorted(paths)


def _grade_seconds(paths: list[Path], out: Path) -> float:
    from ckm_course.grading import grade, write

    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        write(grade(paths), out, report=False)
        best = min(best, time.perf_counter() - start)
    return best


def _execute_seconds(path: Path) -> float:
    import nbformat

    from ckm_course.runner import run_cells

    notebook = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    run_cells(notebook, path.parent)  # nbclient, with the course's kernel set-up (IPC, no TCP warning)
    return time.perf_counter() - start


def main() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        folder.mkdir()
        paths = _class(folder)
        items = sum(len(__import__("ckm_course").exercise(e).spec.items) for e in C3)
        _grade_seconds(paths[:10], Path(tmp) / "warm")
        full = _grade_seconds(paths, Path(tmp) / "out200")
        part = _grade_seconds(paths[:50], Path(tmp) / "out50")
        marginal = max(full - part, 1e-9) / (len(paths) - 50)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ckm_course.cli", "grade", str(folder), "--out", str(Path(tmp) / "cli")],
                       check=True, capture_output=True)
        command = time.perf_counter() - start
        executed = [_execute_seconds(paths[n * (len(paths) // EXECUTED)]) for n in range(EXECUTED)]
        per_execution = statistics.median(executed)
    figures = {
        "marginal_ms": marginal * 1000, "grade_200_s": full, "command_s": command,
        "execute_s": per_execution, "per_submission_ratio": per_execution / marginal,
        "whole_run_ratio": per_execution * len(paths) / command,
    }
    print(f"grading: {len(paths)} submissions, {len(C3)} exercises, {items} items")
    print(f"  grade+write in process, 200 files: {full:.3f} s; marginal {figures['marginal_ms']:.2f} ms per submission")
    print(f"  whole command with start-up and report.html: {command:.2f} s")
    print(f"  nbclient execution: median {per_execution:.2f} s per notebook ({EXECUTED} executed: "
          + ", ".join(f"{s:.2f}" for s in executed) + ")")
    flag = "" if figures["per_submission_ratio"] >= 1000 else "  < 1000"
    print(f"  per submission: execution / grading = {figures['per_submission_ratio']:,.0f}x{flag}")
    flag = "" if figures["whole_run_ratio"] >= 200 else "  < 200"
    print(f"  whole run: {len(paths)} executions / one grading command = {figures['whole_run_ratio']:,.0f}x{flag}")
    return figures


if __name__ == "__main__":
    main()
