"""Flags an instructor can trust (issue 21 item 6): every ``tampered`` reason and ``possible_copy``."""

from __future__ import annotations

import copy
import json
import re

import pytest

import ckm_course
from ckm_course.content.catalog import catalog
from ckm_course.exercises import journal
from ckm_course.exercises.record import key_hash, missing_history
from ckm_course.grading import grade, gradebook
from ckm_course.grading.samples import notebook, record_for

C31 = "c3.1-four-categories"
VALUE = "c1.3-lifetime-value"


def spec(exercise_id: str):
    return ckm_course.exercise(exercise_id).spec


def write(folder, name, records, who=("王小明", "2024001"), assessment=False, views=None):
    data = notebook(who, records)
    if assessment:
        data["metadata"]["ckm_course"] = {"mode": "assessment"}
    for cell, view in (views or {}).items():
        data["cells"][cell]["outputs"][0]["data"]["text/html"] = view
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def row(book, exercise_id=C31, student=None):
    rows = book.outcomes[(book.outcomes["exercise"] == exercise_id)
                         & ((book.outcomes["student_id"] == student) if student else True)]
    assert len(rows) == 1
    return rows.iloc[0]


def flags(value) -> set[str]:
    return set(filter(None, str(value).split(";")))


@pytest.fixture
def honest():
    answers = [{i.id: ["co-created"] for i in spec(C31).items}, {i.id: list(i.answer) for i in spec(C31).items}]
    return record_for(spec(C31), answers, 60, [1], False)


def test_an_honest_record_with_two_checks_raises_no_flag(tmp_path, honest):
    book = grade([write(tmp_path, "a.ipynb", [honest])], due="2026-12-01T00:00Z")
    assert row(book)["flags"] == "" and book.grades.loc[0, "flags"] == ""


# --- key hashes ---------------------------------------------------------------------------

def test_every_exercise_s_key_hash_of_today_is_in_the_key_history():
    # A bank exercise's records carry the hash of their set, made of each item's (or question's) key hash
    # (issue 24): the history lists every bank item's hash under "<exercise>/<item>", so that when an item's
    # key changes its old records are key_changed, not tampered.
    missing = missing_history(gradebook.catalog().values())
    assert not missing, ("append to ckm_course/content/keys/history.toml under [hashes] (never remove):\n"
                         + "\n".join(missing))


def test_a_key_hash_of_no_version_is_tampered_an_earlier_one_is_key_changed(tmp_path):
    changed = next(s for s in gradebook.catalog().values() if len(catalog().key_history.get(s.id, ())) > 1)
    older = sorted(catalog().key_history[changed.id] - {key_hash(changed)})[0]
    record = record_for(changed, [ckm_course.exercise(changed.id).key()], 60, [], False)
    forged = {**record, "key_hash": "sha256:0123456789abcdef"}
    assert "tampered" in flags(row(grade([write(tmp_path, "f.ipynb", [forged])]), changed.id)["flags"])
    assert "no version of this exercise's key" in row(grade([write(tmp_path, "f.ipynb", [forged])]), changed.id)["notes"]
    earlier = {**record, "key_hash": older, "score": 0.5}
    assert flags(row(grade([write(tmp_path, "e.ipynb", [earlier])]), changed.id)["flags"]) == {"key_changed"}
    assert row(grade([write(tmp_path, "k.ipynb", [{**record, "key_hash": older}])]), changed.id)["flags"] == ""


def test_the_key_history_file_is_validated(tmp_path):
    from ckm_course.content.builder import ContentError
    from ckm_course.content.key_history import load_key_history

    path = tmp_path / "history.toml"
    for text in ('[hashes]\n"x" = ["md5:1"]\n', '[hashes]\n"x" = []\n', 'other = 1\n',
                 '[hashes]\n"x" = ["sha256:0123456789abcdef", "sha256:0123456789abcdef"]\n'):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ContentError):
            load_key_history(path)


# --- reveals -------------------------------------------------------------------------------

def test_the_journal_keeps_a_reveal_in_the_history_through_later_checks(monkeypatch):
    monkeypatch.setattr(journal, "_journals", {})
    ex = ckm_course.exercise("c3.4-explicit-tacit")
    ex.check({"faq": "tacit"})
    ex.solution()
    for _ in range(25):
        record = ex.check({"faq": "explicit"}).record
    events = [h for h in record["history"] if h.get("event") == "reveal"]
    assert len(events) == 1 and events[0]["after_attempt"] == 1 and events[0]["revealed_at"] == record["revealed_at"]
    assert sum(1 for h in record["history"] if "event" not in h) == 20 and record["history"][-1]["attempt"] == 26


@pytest.mark.parametrize("cut", ["false", "deleted"])
def test_revealed_removed_while_revealed_at_or_the_history_show_it_is_tampered(tmp_path, honest, cut):
    shown = copy.deepcopy(honest)
    shown["revealed"], shown["revealed_at"] = True, "2026-11-24T08:55:00Z"
    shown["history"].insert(1, {"event": "reveal", "revealed_at": "2026-11-24T08:55:00Z", "after_attempt": 1})
    assert row(grade([write(tmp_path, "ok.ipynb", [shown])]))["flags"] == "revealed"
    edited = {**shown, "revealed": False} if cut == "false" else {k: v for k, v in shown.items() if k != "revealed"}
    got = row(grade([write(tmp_path, "r.ipynb", [edited])]))
    assert "tampered" in flags(got["flags"]) and "revealed_at says" in got["notes"]
    edited.pop("revealed_at")
    got = row(grade([write(tmp_path, "h.ipynb", [edited])]))
    assert "tampered" in flags(got["flags"]) and "the history shows a reveal" in got["notes"]


def test_a_saved_view_that_says_the_answer_was_shown_betrays_an_edited_record(tmp_path, honest):
    from ckm_course.exercises.feedback import record_html

    view = record_html({**honest, "revealed": True}, ckm_course.exercise(C31), "en")
    assert "answer was shown</summary>" in view
    got = row(grade([write(tmp_path, "v.ipynb", [honest], views={2: view})]))
    assert "tampered" in flags(got["flags"]) and "saved view" in got["notes"]
    own_words = record_html(honest, ckm_course.exercise(C31), "en").replace("</table>", "<tr><td>answer was shown</td></tr></table>")
    assert row(grade([write(tmp_path, "w.ipynb", [honest], views={2: own_words})]))["flags"] == ""


# --- attempts, times, answers against the history ---------------------------------------------

@pytest.mark.parametrize("edit, said", [
    ({"attempt": 1}, "attempt 1, but the history's last check is attempt 2"),
    ({"attempt": 7}, "attempt 7"),
    ({"checked_at": "2026-11-20T08:00:00Z"}, "checked_at"),
    ({"answer": {"客户姓名": ["about"]}}, "the answer differs from the history's last check"),
    ({"history": []}, "the history holds no check"),
])
def test_an_attempt_time_or_answer_that_contradicts_the_history_is_tampered(tmp_path, honest, edit, said):
    got = row(grade([write(tmp_path, "c.ipynb", [{**honest, **edit}])]))
    assert "tampered" in flags(got["flags"]) and said in got["notes"]


def test_late_uses_the_latest_time_in_the_history(tmp_path, honest):
    assert honest["checked_at"] == "2026-11-24T09:00:00Z"
    moved = {**honest, "checked_at": "2026-11-20T09:00:00Z"}
    got = row(grade([write(tmp_path, "l.ipynb", [moved])], due="2026-11-24T08:00Z"))
    assert got["late"] and {"late", "tampered"} <= flags(got["flags"])


# --- across records and files -----------------------------------------------------------------

def test_a_practice_record_in_an_assessment_notebook_is_tampered(tmp_path, honest):
    got = row(grade([write(tmp_path, "x.ipynb", [honest], assessment=True)]))
    assert "tampered" in flags(got["flags"]) and "practice-mode record in an assessment notebook" in got["notes"]
    saved = {**honest, "mode": "assessment"}
    saved["history"] = [{**h, "score": None, "status": "saved"} for h in honest["history"]]
    got = row(grade([write(tmp_path, "y.ipynb", [{**saved, "score": None, "status": "saved", "verdicts": []}],
                           assessment=True)]))
    assert "tampered" not in flags(got["flags"])


def test_a_later_record_claiming_an_earlier_one_s_journal_is_tampered(tmp_path, honest):
    first = record_for(spec(C31), [{i.id: ["co-created"] for i in spec(C31).items}], 53, [], False)
    assert first["checked_at"] == honest["history"][0]["checked_at"]
    assert row(grade([write(tmp_path, "j.ipynb", [first, honest])]))["flags"] == "", "one honest journal"
    claimed = copy.deepcopy(honest)  # claims first's attempt and time, with another answer there
    claimed["history"][0]["answer"] = {i.id: list(i.answer) for i in spec(C31).items}
    got = row(grade([write(tmp_path, "k.ipynb", [first, claimed])]))
    assert "tampered" in flags(got["flags"]) and "continues the journal of the record in k.ipynb" in got["notes"]


# --- copies ----------------------------------------------------------------------------------------

def test_identical_answer_histories_are_a_possible_copy_on_both_in_grades_and_outcomes(tmp_path, honest):
    value = record_for(spec(VALUE), [3200], 90, [], False)
    a = write(tmp_path, "a.ipynb", [honest, value], who=("甲", "2024001"))
    b = write(tmp_path, "b.ipynb", [copy.deepcopy(honest), value], who=("乙", "2024002"))
    c = write(tmp_path, "c.ipynb", [record_for(spec(C31), [{i.id: list(i.answer) for i in spec(C31).items}], 61, [],
                                               False)], who=("丙", "2024003"))
    book = grade([a, b, c])
    by_id = dict(zip(book.grades["student_id"], book.grades["flags"].map(flags)))
    assert "possible_copy" in by_id["2024001"] and "possible_copy" in by_id["2024002"]
    assert "possible_copy" not in by_id["2024003"]
    assert "2024002" in row(book, C31, "2024001")["notes"] and "2024001" in row(book, VALUE, "2024002")["notes"]


def test_one_shared_check_or_the_same_answers_at_other_times_is_no_copy(tmp_path):
    one = record_for(spec(VALUE), [3200], 90, [], False)
    a = write(tmp_path, "a.ipynb", [one], who=("甲", "2024001"))
    b = write(tmp_path, "b.ipynb", [one], who=("乙", "2024002"))
    assert not any("possible_copy" in f for f in grade([a, b]).grades["flags"])
    answers = [{i.id: ["co-created"] for i in spec(C31).items}, {i.id: list(i.answer) for i in spec(C31).items}]
    a = write(tmp_path, "a.ipynb", [record_for(spec(C31), answers, 60, [], False)], who=("甲", "2024001"))
    b = write(tmp_path, "b.ipynb", [record_for(spec(C31), answers, 61, [], False)], who=("乙", "2024002"))
    assert not any("possible_copy" in f for f in grade([a, b]).grades["flags"])
    extra = record_for(spec(VALUE), [3200], 90, [], False)  # same C3.1 checks, and one exercise more: not whole
    b = write(tmp_path, "b.ipynb", [record_for(spec(C31), answers, 60, [], False), extra], who=("乙", "2024002"))
    assert not any("possible_copy" in f for f in grade([a, b]).grades["flags"])


def test_a_whole_class_handing_in_one_notebook_is_flagged_quickly(tmp_path, honest):
    import time

    value = record_for(spec(VALUE), [4800, 3200], 90, [], False)
    paths = [write(tmp_path, f"s{n}.ipynb", [honest, value], who=(f"学生{n}", f"2024{n:03d}")) for n in range(60)]
    start = time.perf_counter()
    book = grade(paths)
    assert time.perf_counter() - start < 30
    assert all("possible_copy" in f for f in book.grades["flags"])
    assert re.search(r"and \d+ more", row(book, C31, "2024000")["notes"])
