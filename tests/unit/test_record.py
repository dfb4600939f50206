"""Answers recorded in notebooks and read back without a kernel (record.py)."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from ckm_course.record import MIME, export_answers, read_answers
from ckm_course.runner import NotebookError


def run_cells(tmp_path, *sources: str):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    path = tmp_path / "student.ipynb"
    nbformat.write(notebook, path)
    return notebook, path


@pytest.fixture(scope="module")
def kernel_notebook(tmp_path_factory):
    """A widget shown in cell 1, answered and checked twice from cell 2, in a real kernel."""
    return run_cells(
        tmp_path_factory.mktemp("nb"),
        "import ckm_course\nckm_course.start('en')\nw = ckm_course.exercise('c3.1-four-categories').widget()\nw",
        "w.toggles['name']['about'].value = True\nw.check()\nw.toggles['manual']['need'].value = True\n"
        "w.check().score",
        "ckm_course.exercise('c1.3-lifetime-value').check('¥3,200')",
    )


def test_the_widget_record_is_updated_in_place_by_later_checks(kernel_notebook):
    notebook, _ = kernel_notebook
    records = [o for o in notebook.cells[0].outputs if MIME in o.get("data", {})]
    assert len(records) == 1  # one record output, updated, not appended
    assert records[0]["data"]["text/plain"] == "[c3.1-four-categories] Score: 2/19"
    assert records[0]["data"][MIME]["answer"] == {"name": ["about"], "manual": ["need"]}


def test_read_answers_reads_the_saved_file_without_a_kernel(kernel_notebook):
    _, path = kernel_notebook
    answers = read_answers(path)
    assert set(answers) == {"c3.1-four-categories", "c1.3-lifetime-value"}
    assert answers["c3.1-four-categories"]["score"] == 2.0
    assert answers["c1.3-lifetime-value"]["status"] == "correct"  # a code-cell check records too
    assert answers["c1.3-lifetime-value"]["answer"] == 3200.0


def test_the_last_record_of_an_exercise_wins(tmp_path):
    _, path = run_cells(
        tmp_path,
        "import ckm_course\nckm_course.exercise('c1.3-lifetime-value').check('100')",
        "ckm_course.exercise('c1.3-lifetime-value').check(3200)",
    )
    assert read_answers(path)["c1.3-lifetime-value"]["status"] == "correct"


def test_a_damaged_record_is_skipped_and_the_rest_read(tmp_path):
    notebook = nbformat.v4.new_notebook()
    good = {"exercise": "c1.3-lifetime-value", "status": "correct"}
    notebook.cells = [nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("display_data", data={MIME: {"no": "exercise"}, "text/plain": "?"}),
        nbformat.v4.new_output("display_data", data={MIME: "{not json", "text/plain": "?"}),
        nbformat.v4.new_output("display_data", data={MIME: good, "text/plain": "ok"}),
    ])]
    path = tmp_path / "damaged.ipynb"
    nbformat.write(notebook, path)
    assert read_answers(path) == {"c1.3-lifetime-value": good}


def test_a_malformed_notebook_is_named(tmp_path):
    path = tmp_path / "half.ipynb"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(NotebookError, match="half.ipynb"):
        read_answers(path)


def test_export_collects_a_class_and_reports_bad_files(kernel_notebook, tmp_path):
    _, good = kernel_notebook
    bad = tmp_path / "bad.ipynb"
    bad.write_text("not a notebook", encoding="utf-8")
    target = tmp_path / "out" / "answers.json"
    export_answers([good, bad], target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["notebooks"][str(good)]["c3.1-four-categories"]["score"] == 2.0
    assert "bad.ipynb" in data["errors"][str(bad)]
    assert [p.name for p in target.parent.iterdir()] == ["answers.json"]  # no temporary left behind
