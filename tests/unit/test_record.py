"""Answers recorded in notebooks and read back without a kernel (record.py)."""

from __future__ import annotations

import json
import os

import nbformat
import pytest
from nbclient import NotebookClient

from ckm_course.exercises.record import MIME
from ckm_course.exercises.collect import export_answers, read_answers
from ckm_course.files import NotebookError


def run_cells(tmp_path, *sources: str, name: str = "student.ipynb", session: bool = False):
    """Run ``sources`` in a real kernel and save the notebook; ``session``: tell the kernel its file,
    as JupyterLab does with ``JPY_SESSION_NAME``."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / name
    run(notebook, path, session)
    return notebook, path


def run(notebook, path, session: bool = False) -> None:
    previous = os.environ.get("JPY_SESSION_NAME")
    if session:
        os.environ["JPY_SESSION_NAME"] = str(path)
    try:
        NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    finally:
        os.environ.pop("JPY_SESSION_NAME", None)
        if previous is not None:
            os.environ["JPY_SESSION_NAME"] = previous
    nbformat.write(notebook, path)


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
    assert records[0]["data"]["text/plain"] == "[c3.1-four-categories] Score: 2/19 · attempt 2"
    assert records[0]["data"][MIME]["schema"] == 2 and len(records[0]["data"][MIME]["history"]) == 2
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


WIDGET_CELL = "import ckm_course\nckm_course.start('en')\nw = ckm_course.exercise('c3.3-formation').widget()\nw"


def test_a_restarted_kernel_restores_the_saved_answer_and_keeps_the_record(tmp_path):
    """Answer, check, save; then a fresh kernel runs all cells on the saved file (issue 8, seen 4)."""
    notebook, path = run_cells(
        tmp_path, WIDGET_CELL,
        "first = w.exercise.items[0]\nw.pickers[first.id].value = first.answer[0]\nw.check().score",
        name="restart.ipynb", session=True)
    saved = read_answers(path)["c3.3-formation"]
    assert saved["score"] == 1 and saved["attempt"] == 1
    # "Restart and Run All" of only the widget cell (the answering cell deleted): a fresh kernel
    notebook.cells = notebook.cells[:1]
    run(notebook, path, session=True)
    record = read_answers(path)["c3.3-formation"]
    assert record == saved  # displayed unchanged, not overwritten with "not attempted"
    shown = notebook.cells[0].outputs[-1]["data"]
    assert "Score: 1/5" in shown["text/html"] and 'data-status="correct"' not in shown["text/html"]


def test_an_untouched_widget_with_no_saved_answer_records_nothing(tmp_path):
    notebook, path = run_cells(tmp_path, WIDGET_CELL, name="fresh.ipynb", session=True)
    assert read_answers(path) == {}
    data = notebook.cells[0].outputs[-1]["data"]
    assert data["text/plain"] == "[c3.3-formation] not checked yet"
    assert "Sort each example" in data["text/html"]  # the question is readable without a kernel


def test_an_open_answer_reads_recorded_not_scored_not_0_of_0(clean_kernel):
    """An open question is recorded, not scored: its record line never says "Score: 0/0"."""
    import ckm_course
    from ckm_course.exercises import journal
    from ckm_course.exercises.feedback import record_html
    from ckm_course.frontends.widgets import exercise_widget

    ckm_course.set_language("both")
    widget = exercise_widget("c3.1-practice-debatable")
    widget.set_answer("协作发生在客户之间 — the firm is not a party to it, so the knowledge comes from customers.")
    assert widget.check().status == "recorded"
    bundle = widget.record_bundle()
    assert bundle[MIME]["score"] == 0 and bundle[MIME]["max_score"] == 0  # the record itself is unchanged
    assert bundle["text/plain"].startswith("[c3.1-practice-debatable] 记录（不计分） / Recorded (not scored) · ")
    for shown in (bundle["text/plain"], bundle["text/html"]):
        assert "0/0" not in shown
    ckm_course.set_language("en")
    try:
        assert "[c3.1-practice-debatable] · Recorded (not scored) · Saved answer · attempt 1" in record_html(
            journal.current("c3.1-practice-debatable"), widget.exercise)
    finally:
        ckm_course.set_language("both")
