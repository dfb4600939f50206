"""Issue 21 item 5: the app never loses a save.

Answer files are locked, merged by exercise and written atomically (4 processes x 60 saves lose
nothing); a damaged file of any kind is set aside and the student told; a FIFO or a symlink in its
place is refused without being read; distinct student ids never share a file, and a file under the
old name is still found.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ckm_course.exercises import answers, journal, saved
from ckm_course.exercises.feedback import app_saved_html

NOTEBOOK = "03_x.ipynb"
PROCESSES, SAVES = 4, 60


@pytest.fixture
def page(clean_kernel, tmp_path, monkeypatch):
    """A Voilà kernel's environment: in the notebook's folder, the page URL set, no student."""
    (tmp_path / NOTEBOOK).write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VOILA_REQUEST_URL", f"http://127.0.0.1:8866/voila/render/{NOTEBOOK}")
    for name in (answers.STUDENT_ID_ENV, answers.STUDENT_NAME_ENV):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def record(exercise: str, attempt: int = 1) -> dict:
    return {"schema": 2, "exercise": exercise, "attempt": attempt, "answer": f"answer {attempt}", "status": "recorded"}


def in_file(path: Path) -> dict[str, dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return {r["exercise"]: r for r in data["records"]}


def _saver(folder: str, number: int, start: multiprocessing.synchronize.Event) -> None:
    """One tab's kernel: 60 saves of its own exercises, and one shared exercise each time."""
    os.chdir(folder)
    os.environ["VOILA_REQUEST_URL"] = f"http://127.0.0.1:8866/voila/render/{NOTEBOOK}"
    start.wait()
    for attempt in range(1, SAVES + 1):
        answers.save(record(f"p{number}-e{attempt}", attempt))
        answers.save(record("shared", attempt))


def test_four_processes_saving_one_file_lose_nothing(page):
    context = multiprocessing.get_context("fork")
    start = context.Event()
    workers = [context.Process(target=_saver, args=(str(page), n, start)) for n in range(PROCESSES)]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    found = in_file(page / "03_x.answers.json")
    expected = {f"p{n}-e{a}" for n in range(PROCESSES) for a in range(1, SAVES + 1)}
    assert expected <= set(found) and set(found) - expected == {"shared"}
    assert found["shared"]["attempt"] == SAVES  # the last save of each tab
    assert not list(page.glob("*.damaged*")) and not list(page.glob(".*.tmp"))


def test_a_save_replaces_only_its_own_exercise(page):
    target = page / "03_x.answers.json"
    answers.save(record("a"))
    answers.save(record("b"))
    # another tab wrote c meanwhile: this kernel's next save keeps it
    data = json.loads(target.read_text(encoding="utf-8"))
    data["records"].append(record("c", 7))
    target.write_text(json.dumps(data), encoding="utf-8")
    answers.save(record("a", 2))
    assert {k: v["attempt"] for k, v in in_file(target).items()} == {"a": 2, "b": 1, "c": 7}


DAMAGED = {
    "not json": "{ not json",
    "NaN": '{"format": "ckm-course-answers", "records": [{"exercise": "old", "score": NaN}]}',
    "records 5": '{"format": "ckm-course-answers", "records": 5}',
    "deep": '{"format": "ckm-course-answers", "records": [' + "[" * 100_000 + "]" * 100_000 + "]}",
    "surrogate": '{"format": "ckm-course-answers", "records": [{"exercise": "old", "answer": "\\ud800"}]}',
    "not an object": "[1, 2]",
    "huge integer": '{"format": "ckm-course-answers", "records": [{"exercise": "old", "attempt": '
                    + "9" * 5000 + "}]}",
    "not utf-8": b'{"format": "ckm-course-answers", "records": [{"exercise": "\xff"}]}',
}


@pytest.mark.parametrize("kind", sorted(DAMAGED))
def test_a_damaged_answer_file_is_set_aside_and_the_student_told(page, kind):
    target = page / "03_x.answers.json"
    content = DAMAGED[kind]
    content = content if isinstance(content, bytes) else content.encode("utf-8")
    target.write_bytes(content)
    outcome = answers.save_record(record("new"))
    aside = page / "03_x.answers.json.damaged"
    assert outcome.path == target and outcome.set_aside == aside and outcome.reason
    assert aside.read_bytes() == content  # kept as it was, for the instructor
    assert set(in_file(target)) == {"new"}  # a strict, readable file again
    json.loads(target.read_text(encoding="utf-8"), parse_constant=pytest.fail)


def test_good_records_of_a_damaged_file_are_carried_over(page):
    target = page / "03_x.answers.json"
    target.write_text('{"format": "ckm-course-answers", "records": [{"exercise": "kept", "attempt": 3}, '
                      '{"exercise": "bad", "answer": "\\udc80"}, 5]}', encoding="utf-8")
    outcome = answers.save_record(record("new"))
    assert outcome.set_aside is not None and "\\udc80" in outcome.set_aside.read_text(encoding="utf-8")
    assert set(in_file(target)) == {"kept", "new"}


def test_a_drawn_set_of_a_damaged_file_is_carried_over(page):
    """A New set drawn and not checked yet is kept like a sound record when a neighbour record is damaged."""
    target = page / "03_x.answers.json"
    drawn = {"bank": "c3.1-bank", "set": 3, "items": ["a", "b"]}
    target.write_text(json.dumps({"format": "ckm-course-answers", "records": [{"exercise": "bad", "answer": "\udc80"}],
                                  "shown": {"c3.1-bank": drawn, "broken": "\udc80"}}), encoding="utf-8")
    assert answers.save_record(record("new")).set_aside is not None
    assert json.loads(target.read_text(encoding="utf-8"))["shown"] == {"c3.1-bank": drawn}


def test_the_widget_line_tells_the_student_a_file_was_set_aside(page, monkeypatch):
    target = page / "03_x.answers.json"
    target.write_text('{"format": "ckm-course-answers", "records": 5}', encoding="utf-8")
    monkeypatch.setattr(journal, "current", lambda exercise_id: record(exercise_id))
    journal._persist("c3.1-four-categories")
    state = journal.save_state("c3.1-four-categories")
    assert state.saved and state.set_aside == page / "03_x.answers.json.damaged"
    line = app_saved_html(record("c3.1-four-categories"), state.path, None, set_aside=state.set_aside)
    assert "03_x.answers.json.damaged" in line and "damaged" in line and "损坏" in line
    journal._persist("c3.1-four-categories")  # the notice stays while the page is open
    assert journal.save_state("c3.1-four-categories").set_aside == page / "03_x.answers.json.damaged"


@pytest.mark.parametrize("make", ["fifo", "dev_zero", "link_to_file"])
def test_a_fifo_or_a_symlink_in_its_place_is_refused_without_reading_it(page, monkeypatch, make):
    target = page / "03_x.answers.json"
    if make == "fifo":
        os.mkfifo(target)  # opening it to read would hang the kernel
    elif make == "dev_zero":
        target.symlink_to("/dev/zero")  # reading it would fill the memory
    else:
        other = page / "someone_else.json"
        other.write_text('{"format": "ckm-course-answers", "records": []}', encoding="utf-8")
        target.symlink_to(other)
    with pytest.raises(OSError) as raised:
        answers.save(record("new"))
    assert "not read" in str(raised.value)
    assert os.path.lexists(target) and not list(page.glob("*.damaged*"))  # left alone
    assert saved.saved_record("new") is None  # a new page does not read it either
    # in the widget: a save that failed, said in both languages; the kernel keeps the answer
    monkeypatch.setattr(journal, "current", lambda exercise_id: record(exercise_id))
    journal._persist("x")
    state = journal.save_state("x")
    assert not state.saved and state.code == "EEXIST"
    line = app_saved_html(record("x"), state.path, state.error, code=state.code)
    assert "NOT saved" in line and "没有读取" in line


@pytest.mark.parametrize("ids", [("2024/001", "2024_001", "2024.001", "2024 001", "_2024_001"),
                                 ("A1", "a1"), ("///", None), ("x" * 70, "x" * 71)])
def test_distinct_student_ids_never_share_a_file(ids):
    names = [answers.answer_file(NOTEBOOK, i).name for i in ids]
    assert len(set(names)) == len(ids)
    assert all(n.endswith(".answers.json") and "/" not in n and len(n) < 120 for n in names)


def test_a_plain_id_keeps_its_name():
    assert answers.answer_file(NOTEBOOK, "2024001").name == "03_x.2024001.answers.json"
    assert answers.answer_file(NOTEBOOK, "王小明_2024-001").name == "03_x.王小明_2024-001.answers.json"
    assert answers.answer_file(NOTEBOOK).name == "03_x.answers.json"


def old_file(page: Path, student_id: str, records: list[dict]) -> Path:
    """An answer file as the versions before issue 21 named it."""
    path = page / "03_x.2024_001.answers.json"
    path.write_text(json.dumps({"format": "ckm-course-answers", "schema": 2, "notebook": NOTEBOOK,
                                "student": {"name": None, "id": student_id}, "records": records}), encoding="utf-8")
    return path


def test_an_answer_file_under_the_old_name_is_still_found(page, monkeypatch):
    monkeypatch.setenv(answers.STUDENT_ID_ENV, "2024/001")
    old = old_file(page, "2024/001", [record("earlier", 4)])
    new = answers.current_answer_file()
    assert new != old and new.name.startswith("03_x.2024_001~")
    assert saved.saved_record("earlier")["attempt"] == 4  # a new page restores from the old file
    answers.save(record("later"))
    assert set(in_file(new)) == {"earlier", "later"}  # migrated: nothing lost
    assert not old.exists() and (page / (old.name + ".migrated")).is_file()  # kept, no longer collected


def test_the_old_file_of_another_student_is_not_taken(page, monkeypatch):
    monkeypatch.setenv(answers.STUDENT_ID_ENV, "2024/001")
    old = old_file(page, "2024_001", [record("theirs")])  # the other student, whose name it really is
    assert saved.saved_record("theirs") is None
    answers.save(record("mine"))
    assert set(in_file(answers.current_answer_file())) == {"mine"} and set(in_file(old)) == {"theirs"}


NOTEBOOK_KERNEL = """
import sys
import ckm_course
from ckm_course import analytics, case_study, charts, data, widgets
ckm_course.start("en")
grid = ckm_course.exercise("c3.1-case-interactions").widget()
grid.check()
print("filelock" in sys.modules)
"""


def test_a_notebook_kernel_never_imports_filelock():
    """Only the app locks an answer file; a notebook's first cell and its checks do not pay the import (issue 23)."""
    env = {k: v for k, v in os.environ.items() if k != "VOILA_REQUEST_URL"}
    shown = subprocess.run([sys.executable, "-c", NOTEBOOK_KERNEL], capture_output=True, text=True, check=True,
                           env=env).stdout
    assert shown.splitlines()[-1] == "False", shown
