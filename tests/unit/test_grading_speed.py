"""The fast paths of the grading measure (issue 21 "Measures") write exactly what the plain paths wrote.

Grading 2,000 submissions must take <= 3 s; the outputs must stay byte-identical. Each fast path
here is compared with the code it replaces on hostile values (formula starts after ``;``, lone
surrogates, NULs, NaN, numpy scalars, nested values).
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from ckm_course.grading import jsontext, outputs

HOSTILE_TEXT = ["plain", "", "=1+1", "a;=cmd", 'x, "=y', "\ud800 lone", "nul\0inside", "\0=z", "line\n@at", "é 学生",
                " -2", "\t tab", "ok;fine", "\"quoted\"", "a\r+b"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "text": HOSTILE_TEXT,
        "mixed": ["a", None, 1.5, math.nan, True, 3, np.float64(2.25), np.int64(7), "=x", [1, 2], {"k": 1}, "",
                  -0.0, 1e300, math.inf],
        "floats": [0.1, 1 / 3, 1e-7, 12345678901.0, math.nan, -0.0, 2.0, 5e15, 1e16, math.inf, -math.inf, 0.0,
                   3.0, 4.5, 100.0],
        "ints": list(range(-7, 8)),
        "bools": [True, False] * 7 + [True],
        "nullable": pd.array([1, None, 3, None, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15], dtype="Int64"),
    })


def test_a_frame_s_csv_is_the_csv_of_its_rows_cell_by_cell() -> None:
    frame = _frame()
    assert outputs.frame_csv(frame) == outputs.csv_text(outputs.frame_rows(frame))
    assert outputs.frame_csv(frame, excel=True) == outputs.csv_text(outputs.frame_rows(frame), excel=True)
    assert outputs.frame_csv(frame.iloc[:0]) == outputs.csv_text(outputs.frame_rows(frame.iloc[:0]))


@pytest.mark.parametrize("column", [HOSTILE_TEXT, ["safe", "=1+1"], ["a", '"@b'], ["x\0", "=y"], ["a;", "=b"], [0.1, math.nan, math.inf, -0.0, 1e22], [1, -2, 10**30], [True]])
def test_a_column_of_one_type_gives_the_cells_one_value_at_a_time_gives(column: list) -> None:
    assert outputs.cells(list(column)) == [outputs.cell(v) for v in column]


def test_the_json_tables_are_what_json_dumps_writes_of_the_records() -> None:
    frame = _frame().drop(columns=["mixed", "nullable"])  # lists, dicts, pd.NA: the general path, checked below
    value = {"schema": 1, "due": None, "exercises": ["a", "é"], "empty": [], "nothing": {},
             "rows": outputs.records(frame), "none": outputs.records(frame.iloc[:0])}
    fast = {**value, "rows": outputs.table(frame), "none": outputs.table(frame.iloc[:0])}
    expected = json.dumps(value, ensure_ascii=False, indent=1, allow_nan=False)
    assert jsontext.dumps(fast, indent=1) == expected
    assert jsontext.dumps(value, indent=1) == expected


@pytest.mark.parametrize("indent", [1, 2])
def test_nested_and_odd_values_are_written_as_json_dumps_writes_them(indent: int) -> None:
    value = {"a": [1, [2, [3, {}]], {"b": {"c": []}}], "s": "\ud800\0\n\"", "f": [0.1, -0.0, 1e300],
             "np": [np.float64(1.5)], "t": (1, "x"), "k": {1: "int key", None: "none key"},
             "table": outputs.records(pd.DataFrame({"x": [[1, {"y": "z"}], "w"], "n": [1.0, math.nan]}))}
    fast = {**value, "table": outputs.table(pd.DataFrame({"x": [[1, {"y": "z"}], "w"], "n": [1.0, math.nan]}))}
    expected = json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    assert jsontext.dumps(value, indent=indent) == expected
    assert jsontext.dumps(fast, indent=indent) == expected


def test_a_non_finite_number_is_refused_as_json_dumps_refuses_it() -> None:
    with pytest.raises(ValueError):
        jsontext.dumps({"x": [math.nan]})


def test_grading_and_writing_run_without_collector_passes_and_resume_it(tmp_path, monkeypatch) -> None:
    """A fifth of grading a class went to cyclic-collector passes over the records (collector.py)."""
    import gc

    from ckm_course.exercises import reader
    from ckm_course.grading import gradebook, report, samples

    folder = tmp_path / "class"
    folder.mkdir()
    for name, text in samples.class_files(3, seed=1, oddities=False).items():
        if name.endswith(".ipynb"):
            (folder / name.split("/")[-1]).write_text(text, encoding="utf-8")
    seen: list[bool] = []
    monkeypatch.setenv("CKM_WORKERS", "1")  # the report made here, not in a fork (which inherits the paused collector)
    read_all, html_report = reader.read_all, report.html_report
    monkeypatch.setattr(reader, "read_all", lambda *a, **k: (seen.append(gc.isenabled()), read_all(*a, **k))[1])
    monkeypatch.setattr(outputs, "html_report", lambda *a, **k: (seen.append(gc.isenabled()), html_report(*a, **k))[1])
    assert gc.isenabled()
    book = gradebook.grade([folder])
    outputs.write(book, tmp_path / "out")
    assert seen == [False, False] and gc.isenabled()
    monkeypatch.setattr(outputs, "html_report", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        outputs.write(book, tmp_path / "again")
    assert gc.isenabled()


def test_the_json_bytes_are_the_json_text_encoded_as_the_writer_encodes_it() -> None:
    frame = pd.DataFrame({"name": ["张伟", "\ud800 lone", "a\0b"], "score": [1.0, 2.5, -0.0]})
    value = {"schema": 1, "rows": outputs.table(frame), "empty": outputs.table(frame.iloc[:0]), "list": [1, {"x": []}]}
    plain = {**value, "rows": outputs.records(frame), "empty": []}
    expected = json.dumps(plain, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8", "backslashreplace")
    assert jsontext.dump_bytes(value, indent=1) == expected
    assert jsontext.dump_bytes([1, 2]) == b"[\n 1,\n 2\n]" and jsontext.dump_bytes({}) == b"{}"
