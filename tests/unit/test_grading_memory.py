"""The gradebook keeps only what it reads of a class's records (issue 21 measure: <= 250 MB for 2,000).

A record's stored ``verdicts`` are never read by grading (the re-score makes its own); they are
dropped as each file is read (``gradebook.lighten`` through ``reader.read_all``'s ``keep``).
"""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ckm_course.exercises import reader
from ckm_course.exercises.record import json_safe
from ckm_course.grading import grade, gradebook
from ckm_course.grading.samples import notebook, record_for
from ckm_course.grading.gradebook import catalog

C31 = "c3.1-four-categories"


def _record(offset: int = 60):
    spec = catalog()[C31]
    return record_for(spec, [{i.id: list(i.answer) for i in spec.items}], offset, [], False)


def _write(path, records):
    path.write_text(json.dumps(notebook(("王小明", "2024001"), records), ensure_ascii=False), encoding="utf-8")
    return path


def test_each_file_s_records_lose_their_stored_verdicts_as_it_is_read(tmp_path):
    first, second = _write(tmp_path / "a.ipynb", [_record()]), _write(tmp_path / "b.ipynb", [_record(90)])
    seen: list[int] = []

    def keep(submission):
        seen.append(len(submission.records))
        gradebook.lighten(submission)

    read, _ = reader.read_all([first, second], keep=keep)
    assert seen == [1, 1]
    for submission in read:
        (_, record), = submission.records
        assert "verdicts" not in record
        assert isinstance(record["history"], list) and record["answer"]  # what grading reads stays


def test_a_second_record_differing_only_in_its_stored_verdicts_is_one_journal(tmp_path):
    """Nothing reads stored verdicts: two records alike in everything else are one journal (not duplicate)."""
    record = _record()
    twin = copy.deepcopy(record)
    twin["verdicts"][0]["mark"] = "wrong"
    book = grade([_write(tmp_path / "a.ipynb", [record, twin])])
    assert "duplicate" not in str(book.outcomes.iloc[0]["flags"])


def test_a_second_record_of_another_attempt_is_still_a_duplicate(tmp_path):
    record = _record()
    forged = copy.deepcopy(record)
    forged["attempt"], forged["history"] = 7, []  # not the journal the other record continues
    book = grade([_write(tmp_path / "a.ipynb", [record, forged])])
    row = book.outcomes[book.outcomes["exercise"] == C31].iloc[0]
    assert "duplicate" in str(row["flags"]).split(";")


def test_the_responses_frame_is_made_on_first_use_from_the_outcomes(tmp_path):
    """No output reads ``book.responses`` (~190,000 rows for 2,000 students): it is made when asked for."""
    book = grade([_write(tmp_path / "a.ipynb", [_record()])])
    assert book._responses is None
    frame = book.responses
    assert book.responses is frame
    assert list(frame.columns) == ["student_id", "exercise", "item", "mark", "score", "given"]
    outcome = book.students[0].outcomes[C31]
    assert len(frame) == len(outcome.marks) == len(catalog()[C31].items)
    assert set(frame["mark"]) == {"correct"} and set(frame["student_id"]) == {"2024001"}
    first = frame.iloc[0]
    assert first["given"] == "+".join(outcome.marks[first["item"]][2])


def test_the_report_figures_are_made_when_asked_for(tmp_path, monkeypatch):
    """Notebook 10 shows three of the report's figures: only those are built (issue 23)."""
    from ckm_course.grading import report

    book = grade([_write(tmp_path / "a.ipynb", [_record()])])
    made: list[str] = []
    heatmap = report.heatmap
    monkeypatch.setattr(report, "heatmap", lambda b, e: (made.append(e), heatmap(b, e))[1])
    found = report.figures(book)
    assert list(found) == ["distribution", "facility", f"heatmap:{C31}"] and made == []
    figure = found[f"heatmap:{C31}"]
    assert found[f"heatmap:{C31}"] is figure and made == [C31]
    assert dict(found.items())["distribution"].data[0].type == "histogram"


def test_copy_digests_with_a_shared_time_memo_are_the_digests_without(tmp_path):
    from ckm_course.grading import copies

    record = _record()
    odd = copy.deepcopy(record)
    odd["checked_at"] = ["2026-11-24T09:00:00Z"]  # unhashable: no time, as parse_time says
    odd["history"][0]["checked_at"] = True
    times: dict = {}
    for one in (record, odd, record):
        assert list(copies.checks(C31, one, times)) == list(copies.checks(C31, one))
    assert list(copies.checks(C31, odd)) == []


def test_the_report_as_bytes_is_the_report_text_encoded_as_the_writer_encodes_it(tmp_path):
    from ckm_course.grading import outputs, report

    path = tmp_path / "a.ipynb"
    path.write_text(json.dumps(notebook(("王\ud800小明", "2024001"), [_record()])), encoding="utf-8")  # a lone surrogate
    book = grade([path])
    text = report.html_report(book)
    assert "王\ud800小明" in text
    assert report.html_report(book, as_bytes=True) == outputs.encode(text)


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5) | st.just("x" * 6000)
    | st.integers(min_value=2**63, max_value=2**70),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3) | st.integers(), inner, max_size=4)
    | st.frozensets(st.integers(), max_size=3) | st.tuples(inner), max_leaves=30)


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(_VALUES)
def test_json_safe_of_a_json_safe_value_is_itself(value):
    """frames writes an outcome's answer (json_safe'd by rescore) without making it json_safe again."""
    once = json_safe(value)
    assert json_safe(once) == once
    json.dumps(once, allow_nan=False)


def test_the_answer_column_is_the_strict_json_of_each_answer():
    from ckm_course import data

    book = grade([data.datasets_dir() / "sample_submissions" / "submissions"])
    outcomes = [o for s in book.students for o in s.outcomes.values()]  # the rows' order
    assert len(outcomes) == len(book.outcomes)
    for outcome, (_, row) in zip(outcomes, book.outcomes.iterrows()):
        answer = outcome.answer
        expected = "" if answer is None else json.dumps(json_safe(answer), ensure_ascii=False, allow_nan=False)[:2000]
        assert row["answer"] == expected


def test_write_together_makes_each_text_when_it_stages_it_and_a_failure_changes_nothing(tmp_path):
    """The gradebook's outputs are made one at a time, so a class's ~35 MB are never all held at once."""
    from ckm_course.files import write_together

    out = tmp_path / "out"
    write_together(out, {"a.csv": "old a", "b.csv": "old b"})
    calls: list[str] = []

    def make(name: str, text: str):
        def run():
            calls.append(name)
            assert all((out / n).read_text() == f"old {n[0]}" for n in ("a.csv", "b.csv"))  # nothing moved yet
            return text
        return run

    written = write_together(out, {"a.csv": make("a.csv", "new a"), "b.csv": make("b.csv", "\ud800 b"), "c.csv": b"c"})
    assert calls == ["a.csv", "b.csv"] and [p.name for p in written] == ["a.csv", "b.csv", "c.csv"]
    assert (out / "b.csv").read_bytes() == b"\\ud800 b" and (out / "c.csv").read_bytes() == b"c"

    def fail():
        raise RuntimeError("a broken output")

    with pytest.raises(RuntimeError):
        write_together(out, {"a.csv": "newer a", "b.csv": fail})
    assert (out / "a.csv").read_text() == "new a" and sorted(p.name for p in out.iterdir()) == ["a.csv", "b.csv", "c.csv"]


def test_chunked_outputs_are_the_bytes_the_whole_texts_were(tmp_path):
    from ckm_course.files import write_together
    from ckm_course.grading import jsontext, report

    book = grade([_write(tmp_path / "a.ipynb", [_record()])])
    assert b"".join(report.html_report(book, chunks=True)) == report.html_report(book, as_bytes=True)
    value = {"schema": 1, "rows": [{"名": "\ud800", "n": 1.5}], "empty": []}
    assert b"".join(jsontext.dump_chunks(value)) == jsontext.dump_bytes(value)
    write_together(tmp_path / "out", {"x.txt": lambda: iter([b"a", "\ud800", "é"])})
    assert (tmp_path / "out" / "x.txt").read_bytes() == b"a\\ud800" + "é".encode()


@pytest.mark.parametrize("excel", [False, True])
@pytest.mark.parametrize("size", [0, 1, 3, 5, 7])
def test_a_frame_s_csv_in_chunks_is_its_csv(excel, size):
    import sys

    import pandas as pd

    from ckm_course.grading import outputs

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    from test_grading_speed import _frame

    frame = pd.concat([_frame()] * 2, ignore_index=True).iloc[:size]
    for rows in (1, 2, 3, 2_000):
        assert b"".join(outputs.frame_csv_chunks(frame, excel, rows)) == outputs.encode(outputs.frame_csv(frame, excel))
    empty = pd.DataFrame()
    assert b"".join(outputs.frame_csv_chunks(empty, excel)) == outputs.encode(outputs.frame_csv(empty, excel))


def test_equal_short_texts_of_a_class_s_answers_become_one_object(tmp_path):
    first, second = _write(tmp_path / "a.ipynb", [_record()]), _write(tmp_path / "b.ipynb", [_record(90)])
    texts: dict = {}
    read, _ = reader.read_all([first, second], keep=lambda s: gradebook.lighten(s, texts))
    (_, one), = read[0].records
    (_, two), = read[1].records
    item = next(iter(one["answer"]))
    assert one["answer"][item] == two["answer"][item] and one["answer"][item][0] is two["answer"][item][0]
    assert one["history"][-1]["answer"][item][0] is one["answer"][item][0]
    assert one["history"][0]["status"] is two["history"][0]["status"]
    plain, _ = reader.read_all([first, second], keep=gradebook.lighten)
    assert [r for s in plain for _, r in s.records] == [r for s in read for _, r in s.records]  # equal values
