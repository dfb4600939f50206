"""The root conftest.py (the test environment): one ``pytest --nbval`` run, exercises/ lax, the rest strict."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat


def _notebook_with_stale_output(path: Path) -> None:
    cell = nbformat.v4.new_code_cell("print(2)", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="1\n")]  # not what it prints
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)


ROOT_CONFTEST = Path(__file__).resolve().parents[2] / "conftest.py"


def test_exercises_folder_runs_lax_and_other_folders_strict(tmp_path):
    shutil.copy(ROOT_CONFTEST, tmp_path / "conftest.py")
    for folder in ("exercises", "solutions"):
        (tmp_path / folder).mkdir()
        _notebook_with_stale_output(tmp_path / folder / "n.ipynb")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--nbval",
         "-q", "-rA", "--rootdir", str(tmp_path), "-c", "/dev/null", "exercises", "solutions"],
        cwd=tmp_path, capture_output=True, text=True, timeout=180)
    assert "PASSED exercises/n.ipynb::Cell 0" in run.stdout, run.stdout
    assert "FAILED solutions/n.ipynb::Cell 0" in run.stdout, run.stdout
