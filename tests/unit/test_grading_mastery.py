"""Issue 24, "Mastery and what to practise next", the instructor's view: the gradebook's mastery heatmap,
"points the class has not mastered" in report.html and mastery.csv, from the same rule as a
student's own ``ckm_course.progress()``."""

from __future__ import annotations

import csv
import io
import json

import ckm_course
from ckm_course.exercises.mastery import mastery
from ckm_course.exercises.progress import point_order
from ckm_course.grading import grade, write
from ckm_course.grading.samples import notebook, record_for

ONE = "quiz-c5-acquisition"  # the one exercise of C5.2; three questions of c5.questionnaire also count toward it
C34 = "c3.4-explicit-tacit"  # one of five exercises of C3.4 (with c3.questionnaire's C3.4 questions)
Q5 = "c5.questionnaire"  # questions of C5.1 (its own point), C5.2, C5.3 and C5.4 (issue 24 item 6)


def answers(exercise_id: str, right: bool) -> dict:
    spec = ckm_course.exercise(exercise_id).spec
    labels = sorted({a for i in spec.items for a in i.answer} | {c.id for c in getattr(spec, "labels", ()) or ()})
    if right:
        return {i.id: list(i.answer) for i in spec.items}
    return {i.id: [next(x for x in labels if x not in i.answer)] for i in spec.items}


def submit(folder, name: str, who: tuple[str, str], one_first_right: bool) -> dict:
    one = ckm_course.exercise(ONE).spec
    tries = [answers(ONE, True)] if one_first_right else [answers(ONE, False), answers(ONE, True)]
    records = [record_for(one, tries, 60, [], False),
               record_for(ckm_course.exercise(C34).spec, [answers(C34, True)], 60, [], False),
               record_for(ckm_course.exercise(Q5).spec, [answers(Q5, True)], 60, [], False)]
    (folder / name).write_text(json.dumps(notebook(who, records), ensure_ascii=False), encoding="utf-8")
    return {r["exercise"]: r for r in records}


def test_mastery_csv_and_the_report_show_each_students_point_states(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    first = submit(folder, "a.ipynb", ("=HYPERLINK(\"x\")", "2024001"), one_first_right=True)
    submit(folder, "b.ipynb", ("李雷", "2024002"), one_first_right=False)
    book = grade([folder])
    out = tmp_path / "out"
    written = {p.name for p in write(book, out)}
    assert "mastery.csv" in written
    text = (out / "mastery.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["student_id", "name", "point", "state", "credit"]
    states = {(r["student_id"], r["point"]): (r["state"], float(r["credit"])) for r in rows}
    assert states[("2024001", "C5.2")] == ("mastered", 1.0)  # the quiz and the questionnaire's C5.2 questions
    assert states[("2024002", "C5.2")] == ("in_progress", 0.75)  # the quiz right at the second try
    assert states[("2024001", "C3.4")] == ("in_progress", 0.2)
    assert states[("2024001", "C5.4")] == ("in_progress", 0.5)  # the questionnaire's C5.4 questions alone
    assert {p for _, p in states} == {"C3.4", "C5.1", "C5.2", "C5.3", "C5.4"}  # the graded exercises' points
    # the same function on the student's own records gives the same state
    own = {m.point: m for m in mastery(point_order(), first.values())}
    assert own["C5.2"].state == states[("2024001", "C5.2")][0]
    # CSV rules of the other outputs: every field quoted, a formula defused
    assert text.splitlines()[1].startswith('"2024001","\'=HYPERLINK')
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "掌握程度热图 Mastery heatmap" in page and "全班尚未掌握的知识点 Points the class has not mastered" in page
    assert '<th scope="row" class="data">2024002 李雷</th>' in page
    assert 'data-point="C5.2" data-state="in_progress"' in page and ">0.75<" in page
    listing = page.split('class="mastery-unmastered"')[1].split("</ol>")[0]
    # C3.4: nobody mastered it; C5.2: one of two (50 % < 80 %); least mastered first
    assert listing.index('data-point="C3.4"') < listing.index('data-point="C5.2"')
    assert "已掌握 mastered 1/2" in listing
    title = ckm_course.course().point("C5.2").title
    assert f"C5.2 {title.zh} {title.en}: " in listing


def test_a_point_the_whole_class_mastered_is_not_listed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    submit(folder, "a.ipynb", ("A", "1"), one_first_right=True)
    submit(folder, "b.ipynb", ("B", "2"), one_first_right=True)
    write(grade([folder]), tmp_path / "out")
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    listing = page.split('class="mastery-unmastered"')[1].split("</ol>")[0]
    assert 'data-point="C3.4"' in listing and 'data-point="C5.2"' not in listing
