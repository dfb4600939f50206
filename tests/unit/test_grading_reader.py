"""One bad file never stops the rest: each is reported with its name and a one-line reason (issue 9)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import ckm_course
from ckm_course.cli import main
from ckm_course.grading import grade
from ckm_course.exercises.reader import MAX_BYTES, ReadError, read_submission
from ckm_course.grading.samples import notebook, record_for

C34 = "c3.4-explicit-tacit"


def good_notebook(name="王小明", ident="2024001") -> dict:
    spec = ckm_course.exercise(C34).spec
    return notebook((name, ident), [record_for(spec, [{i.id: list(i.answer) for i in spec.items}], 60, [], False)])


def strict(text: str):
    def refuse(name):
        raise ValueError(f"non-strict JSON constant {name}")
    return json.loads(text, parse_constant=refuse)


@pytest.fixture
def bad_class(tmp_path):
    """Two good notebooks among every kind of bad file the issue lists."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good_a.ipynb").write_text(json.dumps(good_notebook()), encoding="utf-8")
    (folder / "good_b.ipynb").write_text(json.dumps(good_notebook("李雷", "2024002")), encoding="utf-8")
    (folder / "list.ipynb").write_text("[]", encoding="utf-8")
    (folder / "null.ipynb").write_text("null", encoding="utf-8")
    (folder / "cell_is_1.ipynb").write_text(json.dumps({"cells": [1], "nbformat": 4, "metadata": {}}), encoding="utf-8")
    (folder / "deep.ipynb").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    deep_record = json.dumps(good_notebook()).replace('"answer": {', '"answer": ' + "[" * 100_000 + "]" * 100_000
                                                      + ', "x": {', 1)
    (folder / "deep_record.ipynb").write_text(deep_record, encoding="utf-8")
    (folder / "zero.ipynb").symlink_to("/dev/zero")
    os.mkfifo(folder / "fifo.ipynb")
    with open(folder / "big_answer.ipynb", "w", encoding="utf-8") as stream:  # a 50 MB answer
        stream.write('{"cells": [{"cell_type": "code", "outputs": [{"data": {"application/vnd.ckm-course.answer+json": '
                     '{"exercise": "c3.4-explicit-tacit", "answer": "')
        stream.write("x" * 50_000_000)
        stream.write('"}}]}], "nbformat": 4}')
    (folder / "latin1.ipynb").write_bytes(b'{"cells": [], "x": "\xe9"}')
    (folder / "markdown_outputs.ipynb").write_text(json.dumps({**good_notebook("韩梅梅", "2024003"), "cells": [
        {"cell_type": "markdown", "source": "x", "metadata": {}, "outputs": []}, *good_notebook("韩梅梅", "2024003")["cells"]]}),
        encoding="utf-8")
    return folder


def test_every_bad_file_is_reported_and_every_good_one_graded(bad_class):
    book = grade([bad_class])
    errors = book.problems[book.problems["severity"] == "error"]
    reasons = {os.path.basename(f): r for f, r in zip(errors["file"], errors["reason"])}
    assert set(reasons) == {"list.ipynb", "null.ipynb", "deep.ipynb", "deep_record.ipynb", "zero.ipynb",
                            "fifo.ipynb", "big_answer.ipynb", "latin1.ipynb"}
    assert "holds list" in reasons["list.ipynb"] and "holds null" in reasons["null.ipynb"]
    assert "nested too deep" in reasons["deep.ipynb"] and "nested too deep" in reasons["deep_record.ipynb"]
    assert "character device" in reasons["zero.ipynb"] and "FIFO" in reasons["fifo.ipynb"]
    assert "20 MB limit" in reasons["big_answer.ipynb"] and "UTF-8" in reasons["latin1.ipynb"]
    assert all("\n" not in r and len(r) < 200 for r in reasons.values())
    warnings = book.problems[book.problems["severity"] == "warning"]
    assert any("markdown cell with outputs" in r for r in warnings["reason"])
    assert any("cell 1 is not an object" in r for r in warnings["reason"])
    graded = book.grades.set_index("student_id")
    assert graded.loc["2024001", "total"] == 4 and graded.loc["2024002", "total"] == 4
    assert graded.loc["2024003", "total"] == 4, "a harmless nbformat deviation is read with a warning"


def test_the_command_reports_them_exits_1_and_writes_strict_outputs(bad_class, tmp_path):
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "ckm_course.cli", "grade", str(bad_class), "--out", str(out),
                           "--no-report"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "fifo.ipynb: a FIFO" in done.stderr and "Traceback" not in done.stderr
    strict((out / "gradebook.json").read_text(encoding="utf-8"))
    for name in ("grades.csv", "items.csv", "outcomes.csv", "problems.csv", "moodle.csv", "canvas.csv", "manual.csv"):
        text = (out / name).read_text(encoding="utf-8")
        assert "NaN" not in text and "inf" not in text.lower().replace("information", ""), name


def test_collect_reads_raw_answers_with_the_same_reader(bad_class, tmp_path, capsys):
    out = tmp_path / "answers.json"
    assert main(["collect", str(bad_class), "-o", str(out)]) == 1
    assert "fifo.ipynb: a FIFO" in capsys.readouterr().err
    collected = strict(out.read_text(encoding="utf-8"))
    assert len(collected["notebooks"]) == 4 and len(collected["errors"]) == 8


def test_non_finite_numbers_never_reach_the_outputs(tmp_path):
    text = json.dumps(good_notebook()).replace('"score": 4.0', '"score": NaN', 1).replace('"max_score": 4.0',
                                                                                           '"max_score": 1e400', 1)
    (tmp_path / "nan.ipynb").write_text(text, encoding="utf-8")
    book = grade([tmp_path / "nan.ipynb"])
    row = book.outcomes.iloc[0]
    assert row["stored_score"] == '"NaN"' and "tampered" in row["flags"]
    from ckm_course.grading import write

    write(book, tmp_path / "out", report=False)
    strict((tmp_path / "out" / "gradebook.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("args", [["--out", "{in}/good_a.ipynb"], ["--out", "{tmp}/x.ipynb"], ["--out", "{in}"],
                                  ["--out", "{tmp}/o", "--due", "tomorrow"], ["--out", "{tmp}/o", "--roster", "{tmp}/none.csv"],
                                  ["--out", "{tmp}/o", "--exercises", "c9.9-nothing"]])
def test_usage_errors_exit_2_and_never_touch_a_notebook(tmp_path, args, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good_a.ipynb").write_text(json.dumps(good_notebook()), encoding="utf-8")
    before = (folder / "good_a.ipynb").read_bytes()
    argv = [a.format(**{"in": folder, "tmp": tmp_path}) for a in args]
    assert main(["grade", str(folder), *argv]) == 2
    assert capsys.readouterr().err.startswith("error: ") and (folder / "good_a.ipynb").read_bytes() == before


@pytest.mark.parametrize("target", ["{in}/good_a.ipynb", "{tmp}/answers.ipynb"])
def test_collect_refuses_to_overwrite_a_notebook(tmp_path, target):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good_a.ipynb").write_text(json.dumps(good_notebook()), encoding="utf-8")
    before = (folder / "good_a.ipynb").read_bytes()
    assert main(["collect", str(folder / "good_a.ipynb"), "-o", target.format(**{"in": folder, "tmp": tmp_path})]) == 2
    assert (folder / "good_a.ipynb").read_bytes() == before


def test_the_reader_does_not_import_nbformat():
    code = ("import sys, ckm_course.cli, ckm_course.exercises.reader, ckm_course.grading.gradebook, ckm_course.grading.outputs; "
            "print('nbformat' in sys.modules, 'jsonschema' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["False", "False"]


def test_size_cap_is_checked_before_reading(tmp_path):
    path = tmp_path / "sparse.ipynb"
    with open(path, "wb") as stream:
        stream.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(ReadError, match="over the 20 MB limit"):
        read_submission(path)
