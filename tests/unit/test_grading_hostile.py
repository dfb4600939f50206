"""Grading a hostile class (issue 21 items 2, 3, 4 and part of 8): bounded time and report per file,
the assignment's own total, the hub identity, and numbers or answer files that must not reject a file."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from ckm_course.exercises import reader
from ckm_course.grading import samples
from ckm_course.grading.gradebook import catalog, grade

C3 = ("c3.1-four-categories", "c3.2-process-view", "c3.4-explicit-tacit")


def _records(exercises, minutes: float = 60.0) -> list[dict]:
    specs = catalog()
    return [samples.record_for(specs[e], [samples.answer_for(specs[e], 1.0, __import__("random").Random(n))],
                               minutes + n, [], False) for n, e in enumerate(exercises)]


def _write(path: Path, notebook: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path


def _class(folder: Path, count: int = 5) -> list[Path]:
    return [_write(folder / f"s{n}.ipynb", samples.notebook((f"Student {n}", f"2026{n:03d}"), _records(C3)))
            for n in range(count)]


# ---- item 2: bounded time per file, summarised problems -------------------------------------------------

def test_many_records_that_are_not_in_a_long_journal_are_checked_in_linear_time(tmp_path):
    good = _class(tmp_path / "class", 1)[0]
    base = _records(["c3.1-four-categories"])[0]
    when = [f"2026-11-24T{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}Z" for n in range(20_000)]
    history = [{"attempt": n, "checked_at": when[n]} for n in range(20_000)]
    # each looks like an earlier state of the journal: it matches one of the history's last entries
    forged = [{"schema": 2, "exercise": base["exercise"], "attempt": 19_999 - n % 50, "checked_at": when[19_999 - n % 50]}
              for n in range(20_000)]
    latest = dict(base, history=history, checked_at="2026-11-30T08:00:00Z")
    hostile = _write(tmp_path / "class" / "hostile.ipynb", samples.notebook(("Mallory", "2026999"), [*forged, latest]))
    assert hostile.stat().st_size < 10_000_000
    start = time.perf_counter()
    book = grade([good, hostile])
    assert time.perf_counter() - start < 4.0  # 400 million history look-ups before (minutes)
    assert set(book.grades["student_id"]) == {"2026000", "2026999"}
    mallory = book.outcomes[book.outcomes["student_id"] == "2026999"]
    assert "duplicate" not in mallory["flags"].iloc[0]  # every record is an earlier state of one journal


def test_a_file_over_the_time_budget_is_reported_and_the_good_file_beside_it_graded(tmp_path, monkeypatch):
    good = _class(tmp_path / "class", 1)[0]
    cells = [{"cell_type": "code", "outputs": []} for _ in range(300_000)]
    _write(tmp_path / "class" / "slow.ipynb", {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    monkeypatch.setattr(reader, "FILE_SECONDS", 0.02)
    book = grade([tmp_path / "class"])
    reasons = dict(zip(book.problems["file"].map(lambda f: Path(f).name), book.problems["reason"]))
    assert "per-file budget" in reasons["slow.ipynb"]
    assert book.grades["student_id"].tolist() == ["2026000"] and book.grades["total"].iloc[0] > 0
    assert good.exists()


def test_300000_odd_cells_and_10000_unknown_ids_make_one_line_each_not_a_flood(tmp_path):
    cells = [{"cell_type": "markdown", "outputs": [{}]} for _ in range(300_000)]
    _write(tmp_path / "odd.ipynb", {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    base = _records(["c3.1-four-categories"])[0]
    unknown = [{"schema": 2, "exercise": f"c9.9-invented-{n}", "attempt": 1} for n in range(10_000)]
    _write(tmp_path / "ids.ipynb", samples.notebook(("Mallory", "2026999"), [base, *unknown]))
    book = grade([tmp_path])
    per_file = book.problems.groupby(book.problems["file"].map(lambda f: Path(f).name)).size()
    assert per_file["odd.ipynb"] == 1 and per_file["ids.ipynb"] == 1
    assert "300,000 in all" in book.problems["reason"][book.problems["file"].str.endswith("odd.ipynb")].iloc[0]
    assert "9,980 more exercise ids" in book.problems["reason"][book.problems["file"].str.endswith("ids.ipynb")].iloc[0]
    assert len(book.outcomes) <= 25  # the first 20 unknown ids and the real one


# ---- item 3: the assignment's total, not what students paste --------------------------------------------

def test_pasted_records_from_other_notebooks_are_foreign_and_change_nobody_s_maximum(tmp_path):
    honest = grade(_class(tmp_path / "honest"))
    paths = _class(tmp_path / "pasted")
    pasted = ["capstone-audit", "capstone-ratings", "c1.1-four-reasons", "c1.3-lifetime-value", "quiz-c2-dik"]
    notebook = samples.notebook(("Mallory", "2026000"), _records(C3) + _records(pasted))
    _write(paths[0], notebook)
    book = grade(paths)
    assert book.exercises == honest.exercises
    assert book.grades["max_total"].tolist() == honest.grades["max_total"].tolist()
    assert book.grades["percent"].tolist() == honest.grades["percent"].tolist()
    mallory = book.outcomes[book.outcomes["student_id"] == "2026000"].set_index("exercise")
    assert all("foreign" in mallory.loc[e, "flags"] and not mallory.loc[e, "counted"] for e in pasted)
    assert "foreign" in book.grades.set_index("student_id").loc["2026000", "flags"]
    assert "foreign" not in book.grades.set_index("student_id").loc["2026001", "flags"]


def test_named_exercises_still_decide_and_the_rest_is_foreign(tmp_path):
    book = grade(_class(tmp_path / "c"), exercises=["c3.1-four-categories"])
    assert book.exercises == ("c3.1-four-categories",)
    other = book.outcomes[book.outcomes["exercise"] == "c3.2-process-view"]
    assert other["flags"].str.contains("foreign").all()


# ---- item 4: nobody can overwrite a classmate's grade ---------------------------------------------------

def _home(root: Path, user: str, records: list[dict], claim: tuple[str, str] | None) -> Path:
    return _write(root / "home" / user / "ckm-course" / "exercises" / "03_classifying_knowledge_exercises.ipynb",
                  samples.notebook(claim, records))


def test_a_claim_of_a_classmate_on_a_hub_is_flagged_and_never_credited_to_them(tmp_path):
    specs = catalog()
    spec = specs["c3.1-four-categories"]
    wrong = samples.record_for(spec, [{}], 90.0, [], False)
    _home(tmp_path, "bob", _records(C3), ("Bob", "bob"))
    _home(tmp_path, "mallory", [wrong, *_records(C3[1:], 200.0)], ("Bob", "bob"))
    book = grade([str(tmp_path / "home" / "*" / "ckm-course" / "exercises" / "03_*.ipynb")])
    rows = book.grades.set_index("student_id")
    assert sorted(rows.index) == ["bob", "mallory"]
    assert "identity_mismatch" in rows.loc["mallory", "flags"]
    assert "identity_mismatch" not in rows.loc["bob", "flags"] and "several_files" not in rows.loc["bob", "flags"]
    assert rows.loc["bob", "files"].endswith(os.path.join("bob", "ckm-course", "exercises",
                                                          "03_classifying_knowledge_exercises.ipynb"))
    assert rows.loc["bob", "c3.1-four-categories"] > 0
    assert any("claims" in r for r in book.problems["reason"])


def test_a_symlink_to_a_classmate_s_file_or_out_of_the_class_is_reported_not_followed(tmp_path):
    bob = _home(tmp_path, "bob", _records(C3), ("Bob", "bob"))
    link = tmp_path / "home" / "mallory" / "ckm-course" / "exercises" / "03_classifying_knowledge_exercises.ipynb"
    link.parent.mkdir(parents=True)
    link.symlink_to(bob)
    book = grade([str(tmp_path / "home" / "*" / "ckm-course" / "exercises" / "03_*.ipynb")])
    assert book.grades["student_id"].tolist() == ["bob"]
    refused = book.problems[book.problems["file"] == str(link)]
    assert len(refused) == 1 and "not followed" in refused["reason"].iloc[0]
    # a class folder (no pattern): a link out of it is reported too
    outside = _class(tmp_path / "elsewhere", 1)[0]
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "sneaky.ipynb").symlink_to(outside)
    (tmp_path / "folder" / "dir").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    book = grade([tmp_path / "folder"])
    assert len(book.grades) == 0 and len(book.problems) == 2
    assert all("not followed" in r for r in book.problems["reason"])


def test_an_unreadable_subfolder_is_reported_not_skipped_silently(tmp_path, monkeypatch):
    _class(tmp_path / "class" / "group-a", 1)
    closed = tmp_path / "class" / "group-b"
    _class(closed, 1)
    real = os.scandir

    def scandir(path="."):
        if str(path) == str(closed):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    book = grade([tmp_path / "class"])
    errors = book.problems[book.problems["severity"] == "error"]
    assert errors["file"].tolist() == [str(closed)] and "cannot read this folder" in errors["reason"].iloc[0]


def test_an_unreadable_folder_inside_a_home_is_reported(tmp_path, monkeypatch):
    _home(tmp_path, "bob", _records(C3), ("Bob", "bob"))
    _home(tmp_path, "carol", _records(C3), ("Carol", "carol"))
    closed = str(tmp_path / "home" / "carol" / "ckm-course")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if str(p) == closed else real_access(p, mode, **kw))
    book = grade([str(tmp_path / "home" / "*" / "ckm-course" / "exercises" / "03_*.ipynb")])
    assert closed in book.problems["file"].tolist()


# ---- item 8 (part): numbers and answer files ------------------------------------------------------------

def test_a_4301_digit_integer_does_not_reject_the_notebook(tmp_path):
    notebook = samples.notebook(("Wang", "2026001"), _records(C3))
    notebook["metadata"]["huge"] = 7
    path = _write(tmp_path / "huge.ipynb", notebook)
    path.write_text(path.read_text(encoding="utf-8").replace('"huge": 7', '"huge": ' + "9" * 4301), encoding="utf-8")
    book = grade([path])
    assert len(book.problems) == 0 and book.grades["total"].iloc[0] > 0
    assert reader.parse("1" * 5000) == "1" * 5000 and reader.parse("12") == 12


@pytest.mark.parametrize("records", [5, "abc", {"a": 1}, None])
def test_answer_file_records_of_the_wrong_type_are_reported(tmp_path, records):
    path = _write(tmp_path / "wang.answers.json", {"format": reader.ANSWER_FILE_FORMAT, "records": records,
                                                   "student": {"name": "Wang", "id": "2026001"}})
    book = grade([path])
    reasons = book.problems["reason"].tolist()
    assert len(reasons) == 1 and "records is" in reasons[0]


# ---- measure: byte-identical outputs whatever the order of the files ------------------------------------

def test_outputs_are_byte_identical_whatever_the_order_of_the_files(tmp_path):
    from ckm_course.grading import write

    paths = _class(tmp_path / "class", 6)
    _write(paths[2], samples.notebook(("Student 0", "2026000"), _records(C3, 500.0)))  # a second file, same student
    outs = []
    for name, order in (("a", paths), ("b", paths[::-1]), ("c", [paths[3], paths[0], *paths[4:], paths[1], paths[2]])):
        write(grade([str(p) for p in order]), tmp_path / name)
        outs.append({p.name: p.read_bytes() for p in sorted((tmp_path / name).iterdir()) if p.is_file()})
    assert outs[0] == outs[1] == outs[2] and "report.html" in outs[0]
