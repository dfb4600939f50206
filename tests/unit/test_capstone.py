"""The capstone (issue 12): plan forms scored, never revealing the key; the model answers at full
marks through the gradebook; free text with its rubric in the manual sheet; rubrics and forms
validated on load with errors that name the file and the field."""

from __future__ import annotations

import csv
import html
import io
import re
import shutil
from pathlib import Path

import pytest

import ckm_course
from ckm_course.exercises.checks.plan import names
from ckm_course.content.builder import CONTENT_DIR, ContentError
from ckm_course.content.loader import load_course
from ckm_course.grading import grade, write
from ckm_course.grading.manual import merge
from ckm_course.content.catalog import Catalog, catalog
from ckm_course.content.rubrics import load as load_rubrics

REPO = Path(__file__).resolve().parents[2]
SOLUTION = REPO / "solutions" / "09_case_study_exercises.ipynb"
FORMS = ("capstone-audit", "capstone-ratings", "capstone-plan")


@pytest.fixture
def fresh(clean_kernel):
    """A fresh kernel (tests/conftest.py), kept under this file's old name."""


def plan_answer(**rows):
    return {row: cells for row, cells in rows.items()}


# --- the model answers, rescored by the gradebook ------------------------------------------

def test_the_solution_notebook_scores_full_marks_on_every_structured_part_through_the_gradebook(tmp_path):
    book = grade([SOLUTION])
    outcomes = book.outcomes.set_index("exercise")
    for exercise_id in FORMS:
        row = outcomes.loc[exercise_id]
        assert row["status"] == "correct" and row["score"] == row["max_score"] > 10, exercise_id
        assert row["flags"] == "", (exercise_id, row["flags"], row["notes"])  # stored score reproduced
    manual = book.manual
    conclusion = manual[manual["exercise"] == "capstone-audit-conclusion"]
    assert list(conclusion["criterion"]) == ["capstone-audit-conclusion/diagnosis", "capstone-audit-conclusion/knowledge",
                                             "capstone-audit-conclusion/action"]
    plan_text = manual[manual["exercise"] == "capstone-plan#text"]
    assert set(plan_text["criterion"]) == {"capstone-plan/deliverables", "capstone-plan/kpis", "capstone-plan/constraints"}
    assert "4.6" in plan_text["answer"].iloc[0] and "full=2" in plan_text["levels"].iloc[0]
    assert "capstone-ratings#text" in set(manual["exercise"]) and "capstone-audit#text" in set(manual["exercise"])
    # the instructor marks by level id or number; criteria sum per question into grades
    write(book, tmp_path / "out", report=False)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "manual.csv").read_text(encoding="utf-8"))))
    for row in rows:
        row["points"] = "full" if row["exercise"] == "capstone-plan#text" else "1"
    filled = tmp_path / "filled.csv"
    with open(filled, "w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    merged, problems = merge(book, filled)
    assert merged.iloc[0]["capstone-plan#text"] == 5 and merged.iloc[0]["capstone-audit-conclusion"] == 3
    assert not [p for p in problems if "not a number" in p.reason]


# --- scoring and feedback -------------------------------------------------------------------

def test_a_plan_row_is_scored_per_field_and_untouched_rows_are_counted_once(fresh):
    ex = ckm_course.exercise("capstone-plan")
    result = ex.check({"Build a customer-centric KM strategy": {"Owner": "In-house IT staff", "weeks": "20 周",
                                                                "start": 0, "KPI": "3 customer measures"}})
    marks = {v.item_id: v.mark for v in result.verdicts}
    assert marks == {"step-1:owner": "wrong", "step-1:start": "correct", "step-1:weeks": "wrong",
                     "step-1:deliverable": "missing", "step-1:kpi": "correct"}
    assert result.score == 2 and result.max_score == 55 and result.status == "partial"
    assert any(m.en == "10 more rows not filled in yet." for m in result.messages)
    weeks = next(v for v in result.verdicts if v.item_id == "step-1:weeks")
    assert weeks.reason.en.startswith("Too long")
    assert result.record["answer"]["step-1"]["owner"] == "it-staff"  # recorded by id


def test_start_weeks_must_follow_the_step_order():
    ex = ckm_course.exercise("capstone-plan")
    result = ex.check({"step-1": {"start": 4}, "step-2": {"start": 2}, "step-3": {"start": 5}})
    assert [v.mark for v in result.verdicts if v.item_id.endswith(":start")] == ["correct", "wrong", "correct"]


def test_feedback_never_names_an_accepted_owner_a_missing_fact_or_the_rating():
    plan = catalog().plans.find("capstone-plan")
    owners = plan.field("owner").choices
    for row in plan.rows:
        accepted = set(row.accepted("owner"))
        wrong = next(c for c in owners if c.id not in accepted)
        result = ckm_course.exercise("capstone-plan").check({row.id: {"owner": wrong.id}})
        shown = " ".join(t for v in result.verdicts for t in (v.reason.zh, v.reason.en))
        for choice in owners:
            if choice.id in accepted:
                assert choice.label.en not in shown and choice.label.zh not in shown
    audit = ckm_course.exercise("capstone-audit").check({"team": {"record": "the sales director"}})
    missing = [v for v in audit.verdicts if v.mark == "missing"]
    assert len(missing) == 3 and all("IT" not in v.reason.en + v.label.en for v in missing)
    ratings = ckm_course.exercise("capstone-ratings").check({"strategy": {"rating": 5, "reason": "x"}})
    wrong = next(v for v in ratings.verdicts if v.mark == "wrong")
    assert not re.search(r"\d", wrong.reason.en + wrong.reason.zh)


def test_keywords_are_whole_words_for_latin_text():
    assert names("the IT manager joins", ("IT",)) and not names("a team with finance", ("IT",))
    assert names("预算20万元", ("20万",)) and not names("2000 calls", ("200",))


def test_templates_are_not_attempted_and_assessment_mode_saves_without_a_score(fresh):
    for exercise_id in FORMS:
        ex = ckm_course.exercise(exercise_id)
        assert ex.check(ex.template("both")).status == "not_attempted"
        assert ex.check(ex.key("en")).correct  # key() is a form that scores full marks
    ckm_course.configure(mode="assessment")
    saved = ckm_course.exercise("capstone-ratings").check({"audit": {"rating": 1, "reason": "first audit"}})
    assert saved.status == "saved" and saved.verdicts == () and saved.record["score"] is None
    assert saved.record["answer"] == {"audit": {"rating": "1", "reason": "first audit"}}


def test_hints_come_in_tiers_and_the_reveal_is_recorded(fresh):
    ex = ckm_course.exercise("capstone-plan")
    assert ex.hint().en.startswith("Hint 1/2") and ex.hint().en.startswith("Hint 2/2")
    ex.solution()
    record = ex.check({"step-1": {"kpi": "x"}}).record
    assert record["hints_seen"] == [1, 2] and record["revealed"] is True


def test_the_plan_form_widget_checks_shows_marks_beside_the_row_and_restores(fresh):
    from ckm_course.exercises import journal
    from ckm_course.frontends.widgets import exercise_widget

    widget = exercise_widget("capstone-plan")
    widget.controls["step-2"]["owner"].value = "sponsor"
    widget.controls["step-2"]["weeks"].value = "40"
    result = widget.check()
    assert result.score == 1 and "✓" in widget.row_marks["step-2"].value and "✗" in widget.row_marks["step-2"].value
    assert widget.row_marks["step-1"].value == ""
    again = exercise_widget("capstone-plan")  # the cell re-run: the answer comes back
    assert again.controls["step-2"]["weeks"].value == "40" and journal.remembered("capstone-plan") != ...


# --- validated on load ----------------------------------------------------------------------

def _copy_content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, folder)
    return folder


def test_a_broken_rubric_names_its_file_and_field(tmp_path):
    folder = _copy_content(tmp_path)
    path = folder / "rubrics" / "capstone.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('points = 2.0, label = { zh = "充分"', 'points = 0.5, label = { zh = "充分"', 1),
                    encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_rubrics(folder)
    assert error.value.file == "rubrics/capstone.toml" and error.value.field == "criteria[0].levels"
    path.write_text(path.read_text(encoding="utf-8").replace('label = { zh = "以案例为据", en = "Grounded in the case" }',
                                                             'label = { zh = "以案例为据" }'), encoding="utf-8")
    with pytest.raises(ContentError, match=r"rubrics/capstone.toml: rubric 'capstone-audit-record' > "
                                           r"criteria\[0\].label.en: missing the English text"):
        load_rubrics(folder)


def test_a_broken_plan_form_names_its_file_and_field(tmp_path):
    folder = _copy_content(tmp_path)
    path = folder / "capstone" / "qinghe_capstone.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('accept = { owner = ["it-staff", "operator"] }', 'accept = { owner = ["it-staf"] }'),
                    encoding="utf-8")
    with pytest.raises(ContentError) as error:  # found when the content loads, before any check
        load_course(folder)
    assert error.value.file == "capstone/qinghe_capstone.toml" and error.value.field == "rows[6].accept.owner"
    assert "it-staf" in str(error.value)
    path.write_text(text.replace('type = "number"\nordered', 'type = "date"\nordered'), encoding="utf-8")
    with pytest.raises(ContentError, match=r"fields\[1\].type: unknown type 'date'"):
        load_course(folder)
    path.write_text(text, encoding="utf-8")
    assert {p.exercise for p in Catalog(folder).plans} == set(FORMS)  # intact again: with the case's facts


# --- no input raises (the fuzzing of test_properties.py, for the plan kind) ------------------

def test_no_input_makes_the_plan_checker_raise():
    import json
    import math
    import os

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from ckm_course.exercises.checks import CHECKERS
    from ckm_course.exercises.record import json_safe

    spec = ckm_course.exercise("capstone-plan").spec
    plan = catalog().plans.find(spec.id)
    words = st.sampled_from([r.label.en for r in plan.rows] + [f.label.zh for f in plan.fields]
                            + [c.id for c in plan.field("owner").choices] + ["step-1", "owner", "weeks", "start"])
    scalars = st.none() | st.just(...) | st.booleans() | st.integers() | st.floats(allow_nan=True) | words | st.text(max_size=20)
    answers = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(words | st.text(max_size=5),
                                                                                                inner, max_size=6),
                           max_leaves=20)
    examples = max(1, int(os.environ.get("CKM_FUZZ_INPUTS", "300")) // 5)

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(answers, min_size=5, max_size=5))
    def run(batch):
        for answer in batch:
            result = CHECKERS["plan"](spec, answer)
            assert 0 <= result.score <= result.max_score and not math.isnan(result.score)
            assert result.status in {"not_attempted", "correct", "partial", "incorrect"}
            if result.status == "not_attempted":
                assert result.verdicts == ()
            json.dumps(json_safe(result.to_dict()), allow_nan=False)

    run()


def test_a_plan_saved_in_the_notebook_comes_back_after_a_restart(fresh, monkeypatch, tmp_path):
    """A new kernel (empty journals) on the saved solution notebook: the form is filled from its record."""
    from ckm_course.exercises import journal
    from ckm_course.frontends.widgets import exercise_widget

    copy = tmp_path / "09.ipynb"
    shutil.copy(SOLUTION, copy)
    monkeypatch.setenv("JPY_SESSION_NAME", str(copy))
    widget = exercise_widget("capstone-plan")
    assert widget.controls["step-11"]["owner"].value == "finance-staff"
    assert "4.6" in widget.controls["step-11"]["kpi"].value and widget.controls["step-3"]["weeks"].value == "12"
    assert widget.last_result.correct and "ckm-restored" in widget.feedback.value
    assert journal.journal("capstone-plan").attempts == 1  # the attempt count carries on


# --- Show answer: a worked model from the content, scored at full marks (issue 12) -----------

TEXT_FORMS = ("capstone-ratings", "capstone-plan")  # text fields without case facts: model texts


@pytest.mark.parametrize("language", ["zh", "en", "both"])
def test_the_key_fills_every_text_field_with_the_rows_model_text_never_a_placeholder(language):
    from ckm_course.i18n import render

    for exercise_id in TEXT_FORMS:
        ex = ckm_course.exercise(exercise_id)
        plan = catalog().plans.find(ex.id)
        key = ex.key(language)
        assert "write yours" not in str(key) and "写出你的内容" not in str(key)
        for row in plan.rows:
            cells = key[render(row.label, language)]
            for field in plan.fields:
                if field.type == "text":
                    model = row.model(field.id)
                    assert cells[render(field.label, language)] == render(model, language)
                    assert len(model.zh) >= 8 and len(model.en.split()) >= 4 and model.zh != model.en
        assert len({render(row.model(f.id), "en") for row in plan.rows for f in plan.fields if f.type == "text"}) \
            == sum(f.type == "text" for f in plan.fields) * len(plan.rows)  # one model per row, none repeated
        assert ex.check(key).correct


def test_the_model_texts_use_the_decks_names_and_the_cases_numbers():
    plan = catalog().plans.find("capstone-plan")
    team = next(r for r in plan.rows if r.id == "step-2").model("kpi")
    for group in ckm_course.point("C6.3").groups:  # the deck's three kinds of member, by their names
        assert group.label.zh in team.zh and group.label.en.lower() in team.en.lower()
    apply = next(r for r in plan.rows if r.id == "step-11").model("kpi")
    assert "4.6" in apply.zh and "4.6" in apply.en and "71" in apply.en
    assert "课程补充" not in plan.model_note.zh and "course's own" in plan.model_note.en


def test_the_key_scores_full_marks_through_the_gradebook(tmp_path):
    """The key as a student's checked record in a saved notebook: the gradebook rescoring it agrees."""
    import json

    from ckm_course.grading import samples

    records = [samples.record_for(ckm_course.exercise(e).spec, [ckm_course.exercise(e).key("zh")], 120.0, [], True)
               for e in FORMS]
    path = tmp_path / "key.ipynb"
    path.write_text(json.dumps(samples.notebook(("张三", "2026001"), records), ensure_ascii=False), encoding="utf-8")
    book = grade([path])
    outcomes = book.outcomes.set_index("exercise")
    for exercise_id in FORMS:
        row = outcomes.loc[exercise_id]
        assert row["status"] == "correct" and row["score"] == row["max_score"] > 10, exercise_id
        assert row["flags"] == "revealed", (exercise_id, row["flags"], row["notes"])  # rescored score = stored
    plan_text = book.manual[book.manual["exercise"] == "capstone-plan#text"]["answer"].iloc[0]
    assert "4.6" in plan_text and "write yours" not in plan_text and "写出你的内容" not in plan_text


def test_show_answer_fills_the_form_with_the_model_and_marks_it_a_course_note(fresh, monkeypatch):
    from ckm_course import i18n
    from ckm_course.frontends.widgets import exercise_widget

    monkeypatch.setattr(i18n, "_state", {})
    ckm_course.start("en")
    widget = exercise_widget("capstone-plan")
    widget.show_answer()
    plan = widget.plan
    assert widget.controls["step-5"]["kpi"].value == plan.rows[4].model("kpi").en
    assert widget.controls["step-11"]["deliverable"].value == plan.rows[10].model("deliverable").en
    shown = html.unescape(widget.feedback.value)  # under the "answer is shown and recorded" line (issue 22.2)
    assert "课程补充 Course note" in shown and plan.model_note.en in shown
    assert widget.check().correct
    audit = exercise_widget("capstone-audit")
    audit.show_answer()
    assert "Course note" not in audit.hint_box.value  # the audit's model is the case's facts
    ckm_course.configure(show_answers=False)
    hidden = exercise_widget("capstone-ratings")
    hidden.show_answer()
    assert "Course note" not in hidden.hint_box.value and hidden.controls["audit"]["reason"].value == ""


def test_the_plan_forms_gantt_draws_the_start_weeks(fresh):
    from ckm_course.frontends.widgets import exercise_widget

    widget = exercise_widget("capstone-plan")
    for step, start, weeks in (("step-1", "0", "4"), ("step-2", "1", "3"), ("step-3", "x", "5")):
        widget.controls[step]["start"].value, widget.controls[step]["weeks"].value = start, weeks
    bars = {y.split(".")[0]: b for trace in widget.figure().data for y, b in zip(trace.y, trace.base)}
    assert bars["1"] == 0 and bars["2"] == 1 and bars["3"] == 4  # step 3's start is not a number: after step 2


@pytest.mark.parametrize("remove, field", [
    ('models.kpi = { zh = "有工具支撑', "rows[3].models.kpi"),
    ('models = { reason = { zh = "订单系统可靠', "rows[3].models.reason"),
    ('model_note = { zh = "参考的交付成果', "model_note"),
])
def test_a_missing_model_text_names_its_file_and_field(tmp_path, remove, field):
    folder = _copy_content(tmp_path)
    path = folder / "capstone" / "qinghe_capstone.toml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(remove)]
    assert len(kept) == len(lines) - 1
    path.write_text("".join(kept), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_course(folder)
    assert error.value.file == "capstone/qinghe_capstone.toml" and error.value.field == field
    assert field == "model_note" or "model text" in str(error.value)
