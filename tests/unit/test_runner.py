"""Notebook execution helpers: malformed notebooks are named, saved outputs are deterministic."""

from __future__ import annotations

import base64
import subprocess
import sys

import nbformat
import pytest

import ckm_course
from ckm_course.notebooks import static_figures
from ckm_course.cli import main
from ckm_course.files import NotebookError
from ckm_course.notebooks.runner import clean, execute, read


def small_notebook(source: str) -> nbformat.NotebookNode:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source)]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return notebook


def test_a_malformed_notebook_is_named(tmp_path):
    path = tmp_path / "broken.ipynb"
    path.write_text('{"cells": [ {"cell_type": "code"', encoding="utf-8")
    with pytest.raises(NotebookError, match=r"broken\.ipynb: not a valid notebook"):
        read(path)
    assert main(["execute", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == '{"cells": [ {"cell_type": "code"'  # left as it was


def test_clean_drops_widget_state_and_timings():
    notebook = small_notebook("1")
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    notebook.cells[0].metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00"}
    notebook.cells[0].execution_count = 7
    cleaned = clean(notebook)
    assert "widgets" not in cleaned.metadata
    assert "execution" not in cleaned.cells[0].metadata
    assert cleaned.cells[0].execution_count == 1


def test_a_failing_cell_names_the_notebook_and_keeps_the_file(tmp_path):
    path = tmp_path / "fails.ipynb"
    nbformat.write(small_notebook("1 / 0"), path)
    before = path.read_bytes()
    with pytest.raises(NotebookError, match=r"fails\.ipynb: a cell failed"):
        execute(path)
    assert path.read_bytes() == before


def test_start_reports_ready_and_rejects_an_unknown_language():
    assert ckm_course.start("en").startswith("ckm_course ")
    assert "ready" in ckm_course.start("both")
    with pytest.raises(ValueError, match="zh .*en .*both"):
        ckm_course.start("klingon")


def test_start_leaves_what_is_loaded_out_of_later_collector_passes_once():
    """Issue 23 measure: start() freezes the start-up objects (gc.freeze), once per process; in a fresh
    interpreter, since a test worker has run start() before."""
    script = ("import gc, ckm_course\nbefore = gc.get_freeze_count()\nckm_course.start('en')\n"
              "frozen = gc.get_freeze_count()\nckm_course.start('zh')\n"
              "print(before == 0, frozen > 10_000, gc.get_freeze_count() == frozen)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "True"]


def test_syllabus_lists_every_chapter_with_its_notebook():
    table = ckm_course.syllabus("en")
    # one row per notebook (issue 11, one numbering): C6 and C9 share notebook 06
    taught = sorted(c for cell in table["chapters"] if cell for c in cell.split(", "))
    assert taught == [f"C{n}" for n in range(1, 10)]
    assert table.loc["03", "notebook"] == "03_classifying_knowledge.ipynb"
    assert table["exercises"].sum() == len(ckm_course.course().exercises)  # the case exercise (notebook 09) is no chapter's


def test_clean_drops_widget_views_but_keeps_their_text():
    notebook = small_notebook("w")
    notebook.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "0fe26462", "version_major": 2},
        "text/plain": "[c3.1] run this cell"})]
    data = clean(notebook).cells[0].outputs[0].data
    assert data == {"text/plain": "[c3.1] run this cell"}


FIGURE_CELL = ("import plotly.graph_objects as go\n"
               "go.Figure(go.Bar(x=['甲 A', '乙 B'], y=[3, 1]), layout={'height': 300})")


@pytest.mark.chromium  # kaleido drives the installed chromium
def test_execute_adds_a_static_png_to_each_figure_and_repeats_byte_for_byte(tmp_path):
    """Issue 10: a plotly output also carries image/png (made by the runner), the same on a re-run;
    ``execute`` twice gives the same file (start()'s line included), readable by everyone (0644)."""
    path = tmp_path / "figure.ipynb"
    notebook = small_notebook(FIGURE_CELL)
    notebook.cells.insert(0, nbformat.v4.new_code_cell("import ckm_course\nckm_course.start('en')"))
    nbformat.write(notebook, path)
    execute(path)
    first = path.read_bytes()
    assert b"ready" in first
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)
    data = nbformat.reads(first.decode(), as_version=4).cells[1].outputs[0].data
    assert "application/vnd.plotly.v1+json" in data
    png = base64.b64decode(data["image/png"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 2_000
    width = int.from_bytes(png[16:20], "big")
    assert width == static_figures.WIDTH * static_figures.SCALE
    execute(path)
    assert path.read_bytes() == first


def test_without_a_browser_the_runner_still_works_and_says_images_were_skipped(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    monkeypatch.setattr(static_figures, "_shared", static_figures.StaticImages())
    path = tmp_path / "figure.ipynb"
    notebook = small_notebook(FIGURE_CELL)
    nbformat.write(notebook, path)
    execute(path)
    data = read(path).cells[0].outputs[0].data
    assert "application/vnd.plotly.v1+json" in data and "image/png" not in data
    assert "static images skipped" in capsys.readouterr().err
    assert static_figures.shared().skipped


def test_a_stale_png_is_dropped_when_images_are_unavailable():
    notebook = small_notebook("1")
    notebook.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
        "application/vnd.plotly.v1+json": {"data": [], "layout": {}}, "image/png": "c3RhbGU="})]
    images = static_figures.StaticImages()
    images.skipped = "test: no browser"
    assert static_figures.add_static_images(notebook, images) == 0
    assert "image/png" not in notebook.cells[0].outputs[0].data


def test_a_print_split_over_two_stream_messages_is_saved_as_one_output():
    """The kernel sent a print's last "\\n" as its own message once (notebook 09): saved outputs must not
    depend on that race (nbval merges streams too)."""
    nbf = nbformat
    cell = nbf.v4.new_code_cell("print(text)")
    cell.execution_count = 1
    cell.outputs = [nbf.v4.new_output("stream", name="stdout", text="a\nb"),
                    nbf.v4.new_output("stream", name="stdout", text="\n"),
                    nbf.v4.new_output("stream", name="stderr", text="warning"),
                    nbf.v4.new_output("stream", name="stdout", text="c\n")]
    notebook = nbf.v4.new_notebook(cells=[cell])
    clean(notebook)
    assert [(o.name, o.text) for o in notebook.cells[0].outputs] == [
        ("stdout", "a\nb\n"), ("stderr", "warning"), ("stdout", "c\n")]
    nbf.validate(notebook)
