"""Roster, identity, LMS files, manual marking and the escaped report (issue 9, "Outputs in DIR")."""

from __future__ import annotations

import csv
import io
import json

import pytest

import ckm_course
from ckm_course.exercises import identity
from ckm_course.grading import grade, write
from ckm_course.grading.manual import merge
from ckm_course.grading.samples import notebook, record_for

C34, OPEN = "c3.4-explicit-tacit", "c9.1-lifecycle-management"
XSS = ["<script>window.__pwned=1</script>", '<img src=x onerror="window.__pwned=2">', "javascript:alert(3)"]


def key_answer(exercise_id):
    spec = ckm_course.exercise(exercise_id).spec
    return spec, {i.id: list(i.answer) for i in spec.items}


def submit(folder, name, who, minutes=60, open_text=None):
    spec, answer = key_answer(C34)
    records = [record_for(spec, [answer], minutes, [], False)]
    if open_text is not None:
        records.append(record_for(ckm_course.exercise(OPEN).spec, [open_text], minutes, [], False))
    (folder / name).write_text(json.dumps(notebook(who, records), ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def klass(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "roster.csv").write_text("id,name,email\n2024001,王小明,w@example.edu\n2024002,李雷,l@example.edu\n"
                                         "2024003,韩梅梅,h@example.edu\n2024004,Lucy,lucy@example.edu\n", encoding="utf-8")
    submit(folder, "a.ipynb", ("王小明", "2024001"), open_text="获取、保存、共享")
    submit(folder, "b1.ipynb", ("李雷", "2024002"))
    submit(folder, "b2.ipynb", ("李雷", "2024002"), open_text="second file")
    submit(folder, "homework_2024003.ipynb", None)  # no student() cell: the file name says who
    submit(folder, "x.ipynb", ("Stranger", "9999999"))
    return folder, tmp_path / "roster.csv"


def test_the_roster_reports_missing_unknown_and_two_files_for_one_student(klass):
    folder, roster = klass
    book = grade([folder], roster=roster)
    rows = book.grades.set_index("student_id")
    assert rows.loc["2024004", "flags"] == "missing" and rows["total"].isna()["2024004"]
    assert rows.loc["9999999", "flags"] == "unknown_student"
    assert "several_files" in rows.loc["2024002", "flags"] and rows.loc["2024002", "files"].count(".ipynb") == 2
    assert rows.loc["2024003", "flags"] == "no_identity" and rows.loc["2024003", "name"] == "韩梅梅"
    assert rows.loc["2024001", "total"] == 4 and rows.loc["2024001", "email"] == "w@example.edu"


def test_student_shows_a_bilingual_line_and_carries_its_record(monkeypatch):
    monkeypatch.setattr(identity, "_current", [])  # the identity it sets must not leak into later tests
    shown = ckm_course.student("王小明", "2024001")._repr_mimebundle_()
    assert shown["text/plain"] == "学生 Student: 王小明 (2024001)"
    assert shown["application/vnd.ckm-course.student+json"] == {"schema": 1, "name": "王小明", "id": "2024001"}
    prompt = ckm_course.student()._repr_mimebundle_()
    assert "ckm_course.student(" in prompt["text/plain"] and "application/vnd.ckm-course.student+json" not in prompt
    assert "&lt;script&gt;" in ckm_course.student(XSS[0], "1")._repr_mimebundle_()["text/html"]


def test_notebook_metadata_identity_wins_over_outputs(tmp_path):
    spec, answer = key_answer(C34)
    saved = notebook(("Output Name", "1"), [record_for(spec, [answer], 60, [], False)])
    saved["metadata"]["ckm_course"] = {"student": {"name": "Meta Name", "id": "2"}}
    (tmp_path / "m.ipynb").write_text(json.dumps(saved), encoding="utf-8")
    assert grade([tmp_path / "m.ipynb"]).grades.loc[0, "student_id"] == "2"


def test_lms_files_have_the_exact_header_each_system_expects(klass, tmp_path):
    folder, roster = klass
    write(grade([folder], roster=roster), tmp_path / "out", report=False, assignment="Week 3")
    moodle = list(csv.reader(io.StringIO((tmp_path / "out" / "moodle.csv").read_text(encoding="utf-8"))))
    assert moodle[0] == ["ID number", "Email address", "Full name", "Week 3"]
    assert ["2024001", "w@example.edu", "王小明", "4"] in moodle and ["2024004", "lucy@example.edu", "Lucy", ""] in moodle
    canvas = list(csv.reader(io.StringIO((tmp_path / "out" / "canvas.csv").read_text(encoding="utf-8"))))
    assert canvas[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Week 3"]
    assert canvas[1] == ["Points Possible", "", "", "", "", "4"]
    assert ["王小明", "", "2024001", "", "", "4"] in canvas


def test_open_questions_go_to_manual_csv_and_merge_back(klass, tmp_path):
    folder, roster = klass
    book = grade([folder], roster=roster, open_points=10)
    assert book.open_exercises == (OPEN,) and OPEN not in book.grades.columns
    write(book, tmp_path / "out", report=False)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "manual.csv").read_text(encoding="utf-8"))))
    assert [(r["student_id"], r["answer"]) for r in rows] == [("2024001", "获取、保存、共享"), ("2024002", "second file")]
    assert rows[0]["rubric"].startswith("1. ") and "acquire" in rows[0]["rubric"] and rows[0]["max_points"] == "10"
    rows[0]["points"], rows[1]["points"] = "7.5", "11"  # 11 is over the maximum: reported, not counted
    filled = tmp_path / "filled.csv"
    with open(filled, "w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    merged, problems = merge(book, filled)
    merged = merged.set_index("student_id")
    assert merged.loc["2024001", OPEN] == 7.5 and merged.loc["2024001", "total"] == 11.5
    assert merged.loc["2024001", "max_total"] == 14 and merged.loc["2024001", "percent"] == pytest.approx(82.14)
    assert merged.loc["2024002", OPEN] == 0 and any("not a number from 0 to 10" in p.reason for p in problems)


def test_csv_cells_that_look_like_formulas_are_defused(tmp_path):
    submit(tmp_path, "f.ipynb", ("=HYPERLINK(\"http://x\")", "@1"))
    write(grade([tmp_path / "f.ipynb"]), tmp_path / "out", report=False)
    text = (tmp_path / "out" / "grades.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'@1" in text


def test_the_report_escapes_every_student_string(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    submit(folder, f"{XSS[1]}.ipynb", (XSS[0], XSS[2]), open_text=" ".join(XSS))
    write(grade([folder]), tmp_path / "out")
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    body = page[page.index("<body>"):]
    for payload in XSS[:2]:
        assert payload not in body
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;" in body
    assert 'href="javascript' not in body and "cdn.plot.ly/plotly" not in page.lower()
    assert page.count("<script") == page.count("</script>")
