"""The gradebook keeps only what it reads of a class's records (issue 21 measure: <= 250 MB for 2,000).

A record's stored ``verdicts`` are never read by grading (the re-score makes its own); they are
turned into a digest as each file is read (``gradebook.lighten`` through ``reader.read_all``'s
``keep``), and two records still compare equal exactly when they did, so a second record that
differs only in its stored verdicts is still another record (``duplicate``), as before.
"""

from __future__ import annotations

import copy
import json

from ckm_course.exercises import reader
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
        assert isinstance(record["verdicts"], str) and record["verdicts"].startswith("blake2b:")
        assert isinstance(record["history"], list) and record["answer"]  # what grading reads stays


def test_records_compare_equal_after_lightening_exactly_when_they_did_before(tmp_path):
    one, same, other = _record(), _record(), _record()
    other["verdicts"] = copy.deepcopy(other["verdicts"])
    other["verdicts"][0]["mark"] = "wrong"
    assert one == same and one != other
    submission = reader.Submission("x.ipynb")
    submission.records = [(1, one), (2, same), (3, other)]
    gradebook.lighten(submission)
    assert one == same and one != other


def test_a_second_record_differing_only_in_its_stored_verdicts_is_still_a_duplicate(tmp_path):
    record = _record()
    forged = copy.deepcopy(record)
    forged["verdicts"][0]["mark"] = "wrong"
    forged["attempt"], forged["history"] = 7, []  # not the journal the other record continues
    book = grade([_write(tmp_path / "a.ipynb", [record, forged])])
    row = book.outcomes[book.outcomes["exercise"] == C31].iloc[0]
    assert "duplicate" in str(row["flags"]).split(";")
