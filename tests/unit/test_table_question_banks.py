"""Question banks of value exercises answered with a table (issue 24 item 1; c1.3-clv-table): each question
carries its own ``expected_table``, and the loader recomputes it from ``parameters`` and ``parameter_rows``
(clv = m*r/(1+i-r)), so a wrong key cannot load."""

from __future__ import annotations

import copy
import dataclasses
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import ckm_course
from ckm_course.content.builder import CONTENT_DIR, ContentError
from ckm_course.content.catalog import catalog
from ckm_course.content.loader import load_course
from ckm_course.exercises import journal, variant
from ckm_course.exercises.bank_keys import unit_hash
from ckm_course.exercises.checks import check
from ckm_course.exercises.checks.key import key
from ckm_course.grading import gradebook
from ckm_course.grading.set_scores import set_scores

TABLE = "c1.3-clv-table"
BANK = f"banks/{TABLE}.toml"
BOB = ("Bob Chen", "2026101")


def students_table(question) -> pd.DataFrame:
    """What a student builds from the question's numbers, as the hint says (never from the key)."""
    i = dict(question.parameters)["i"]
    frame = pd.DataFrame([list(row) for row in question.parameter_rows], columns=["customer", "m", "r"])
    return frame.assign(clv=frame.m * frame.r / (1 + i - frame.r))[["customer", "clv"]]


def test_the_clv_table_draws_from_a_bank_of_three_questions_with_their_own_tables():
    spec = catalog().course.exercise(TABLE)
    assert variant.has_bank(spec) and len(spec.questions) >= 3
    tables = [q.expected_table for q in spec.questions]
    assert all(t is not None and t.columns == ("customer", "clv") and t.index == "customer" for t in tables)
    assert len({t.rows for t in tables}) == len(tables)  # every question its own customers and numbers


@pytest.mark.parametrize("question", catalog().course.exercise(TABLE).questions[1:], ids=lambda q: q.id)
def test_each_set_is_checked_against_its_own_table_and_shows_it_as_the_key(question):
    spec = catalog().course.exercise(TABLE)
    shown = variant.restrict(spec, (question.id,))
    answer = students_table(question)
    result = check(shown, answer)
    assert (result.status, result.score, result.max_score) == ("correct", 3.0, 3.0)
    assert check(spec, answer).status != "correct"  # the own question's table is another one
    own = variant.restrict(spec, (TABLE,))
    assert check(shown, key(own)).status != "correct"
    assert key(shown).values.tolist() == [list(row) for row in question.expected_table.rows]
    wrong_i = answer.assign(clv=answer.clv * 1.1)
    assert check(shown, wrong_i).score == 0.0


def test_a_table_question_s_key_hash_covers_its_table():
    spec = catalog().course.exercise(TABLE)
    question = spec.questions[1]
    rows = list(question.expected_table.rows)
    rows[0] = (rows[0][0], rows[0][1] + 100)
    changed = dataclasses.replace(spec, questions=(spec.questions[0], dataclasses.replace(
        question, expected_table=dataclasses.replace(question.expected_table, rows=tuple(rows))), *spec.questions[2:]))
    assert unit_hash(changed, question.id) != unit_hash(spec, question.id)
    assert unit_hash(spec, question.id) != unit_hash(spec, spec.questions[2].id)


def content_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the content with one line of the clv-table bank changed."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    path = folder / BANK
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


@pytest.mark.parametrize(("old", "new", "field", "says"), [
    ('["E", 720.0]', '["E", 730.0]', "expected_table.rows[1]", "gives 720.0000"),  # a wrong key
    ('["E", 600, 0.6]', '["E", 600, 0.65]', "expected_table.rows[1]", "gives"),  # the numbers changed, not the key
    ('parameters = { i = 0.1 }', 'parameters = { i = 0.12 }', "expected_table.rows[0]", "gives"),
    ('parameters = { i = 0.1 }', 'parameters = { d = 0.1 }', "parameters", "missing i"),
    ('parameters = { i = 0.1 }', 'parameters = { i = 0.1, j = 1 }', "parameters.j", "unknown parameter"),
    ('["D", 1100, 0.7], ', '', "parameter_rows", "2 rows"),
    ('["D", 1100, 0.7]', '["X", 1100, 0.7]', "parameter_rows[0]", "'X'"),
    ('["D", 1100, 0.7]', '["D", 1100]', "parameter_rows[0]", "a name, then 2 numbers"),
    ('columns = ["customer", "clv"], index = "customer", rows = [["D"',
     'columns = ["name", "clv"], index = "name", rows = [["D"', "expected_table", "the exercise's are"),
    ('expected_table = { columns = ["customer", "clv"], index = "customer", rows = [["D", 1925.0], ["E", 720.0], '
     '["F", 5100.0]] }', 'expected = 1925.0', "expected", "answered with a table"),
])
def test_a_table_key_that_its_numbers_do_not_give_does_not_load(tmp_path, old, new, field, says):
    with pytest.raises(ContentError) as error:
        load_course(content_with(tmp_path, old, new))
    message = str(error.value)
    assert BANK in message and "three-customers-def" in message and field in message and says in message


def test_a_table_on_an_exercise_answered_with_one_number_does_not_load(tmp_path):
    folder = content_with(tmp_path, "", "")
    path = folder / "banks" / "quiz-c1-clv.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(\nexpected = [0-9.]+)", r'\1\nparameter_rows = [["A", 1, 0.5]]', text, count=1),
                    encoding="utf-8")
    with pytest.raises(ContentError, match="parameter_rows.*answered with one number"):
        load_course(folder)


def test_the_gradebook_rescores_each_table_question_tried(clean_kernel):
    ckm_course.student(*BOB)
    ex = ckm_course.exercise(TABLE)
    first = ex.variant.items
    ex.check(key(ex.spec).assign(clv=lambda t: t.clv + 50))  # every row off by more than the tolerance
    ex = ex.new_set()
    assert ex.variant.items != first  # another whole question, with another table
    ex.check(key(ex.spec))
    rows = set_scores(copy.deepcopy(journal.current(ex.id)), gradebook.catalog()[TABLE], (BOB[1],))
    assert [(r.set, r.status, r.score, r.max_score, r.problem) for r in rows] == [
        (1, "incorrect", 0.0, 3.0, ""), (ex.variant.set, "correct", 3.0, 3.0, "")]


def test_the_widget_takes_the_drawn_table_question_typed_as_lines(clean_kernel):
    ckm_course.student(*BOB)
    ex = ckm_course.exercise(TABLE)
    while ex.variant.items == (TABLE,):  # a new question, not the own one
        ex = ex.new_set(keep=False)
    question = ex.spec.questions[0]
    widget = ex.widget()
    lines = [f"{row.customer}, {row.clv:.2f}" for row in students_table(question).itertuples()]
    widget.text.value = "customer, clv\n" + "\n".join(lines)
    assert widget.check().status == "correct"
    assert question.prompt.en in ex.your_set()
