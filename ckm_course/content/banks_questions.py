"""Question banks (issue 24, "Variants"): for kinds multiple_choice, value and open, a set is one whole question.

``content/banks/<exercise id>.toml`` holds ``show = 1`` and ``[[questions]]`` (the format agreed in
the session's QBANK_SCHEMA: id, point, prompt, hint, hints, explanation; then per kind
``multiple``/``correct``/``[[questions.choices]]``, ``expected``/``tolerance``/``unit``/``parameters``/
``[[questions.slips]]``, or ``model_answer``/``checklist``). The exercise's own question (its chapter
file, with its feedback file merged) is question 1, with the exercise id as its id: the default set.

Validated on load, each failure one :class:`ContentError` naming the bank file, the question and the
field: a kebab-case id, unique, not the exercise's; a CONTENT.md point; as many further hint tiers as the
own question; an explanation (multiple_choice, value); per kind its key (``correct`` names a choice of
*that* question, with "did you mean"; every wrong choice says why it does not fit; ``expected``; a model
answer and a checklist) and no field of another kind; for the CLV exercises the ``parameters`` m, r, i
recomputed with m*r/(1+i-r) equal ``expected`` within the tolerance; for a value exercise answered with a
table, an ``expected_table`` with the exercise's columns and index, and for the CLV table its rows
recomputed from ``parameters`` (i) and ``parameter_rows`` (customer, m, r); a bank of at least 3 questions.

:func:`on_question` is the exercise with one question swapped in: what is shown, checked, hashed and
re-scored for a set (``exercises/variant.py``'s ``restrict``), so checkers, widgets and the gradebook
work on it unchanged.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from typing import Callable

from ckm_course.content.bank_file import Bank
from ckm_course.content.builder import ContentError
from ckm_course.content.model import ExerciseSpec, Question, TableSpec
from ckm_course.content.validate import _distinct_spellings

QUESTION_KINDS = ("multiple_choice", "value", "open")  # kinds whose set is one whole question
MIN_QUESTIONS = 3  # a question bank holds at least this many questions, the exercise's own included
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FIELDS = {  # the fields only one kind's questions carry
    "multiple_choice": ("multiple", "correct", "choices"),
    "value": ("expected", "expected_table", "tolerance", "unit", "parameters", "parameter_rows", "slips"),
    "open": ("model_answer", "checklist"),
}


def _clv(values: dict[str, float]) -> float:
    """The course's simple customer lifetime value, m*r/(1+i-r) (C1.3, 课程补充 Course note)."""
    return values["m"] * values["r"] / (1 + values["i"] - values["r"])


FORMULAS: dict[str, tuple[tuple[str, ...], Callable[[dict[str, float]], float], str]] = {
    # exercise id -> (parameters needed, how expected follows from them, the formula as written)
    "c1.3-practice-clv": (("m", "r", "i"), _clv, "m*r/(1+i-r)"),
    "quiz-c1-clv": (("m", "r", "i"), _clv, "m*r/(1+i-r)"),
}
KEY_ROUNDING = 100  # a recomputed table's key is written to within a hundredth of its tolerance, so no
# right answer is marked wrong because the key was rounded
TABLE_FORMULAS: dict[str, tuple[tuple[str, ...], tuple[str, ...], Callable[[dict[str, float]], float], str]] = {
    # exercise id -> (shared parameters, the cells of each parameter row: its key first, then its numbers,
    # how each row's number follows from them, the formula as written)
    "c1.3-clv-table": (("i",), ("customer", "m", "r"), _clv, "m*r/(1+i-r)"),
}


def own_question(spec: ExerciseSpec) -> Question:
    """The exercise's own question as question 1 of its bank (its id is the exercise id)."""
    return Question(id=spec.id, point=spec.point, prompt=spec.prompt, hint=spec.hint, hints=spec.hints,
                    explanation=spec.explanation, multiple=spec.multiple, correct=spec.correct,
                    choices=spec.choices, expected=spec.expected, expected_table=spec.expected_table,
                    tolerance=spec.tolerance, unit=spec.unit,
                    slips=spec.slips, model_answer=spec.model_answer, checklist=spec.checklist)


def on_question(spec: ExerciseSpec, question: Question) -> ExerciseSpec:
    """``spec`` showing ``question``: its prompt, hints, explanation and key swapped in (one set of the bank).

    The exercise's id, kind, title and point stay; ``questions`` holds this one question, so the set's key
    hash names it (``exercises/record.py``)."""
    return dataclasses.replace(
        spec, prompt=question.prompt, hint=question.hint, hints=question.hints, explanation=question.explanation,
        choices=question.choices, correct=question.correct,
        multiple=spec.multiple if question.multiple is None else question.multiple,
        expected=question.expected, expected_table=question.expected_table, tolerance=spec.tolerance if question.tolerance is None else question.tolerance,
        unit=question.unit or spec.unit, slips=question.slips, model_answer=question.model_answer,
        checklist=question.checklist, questions=(question,), show=1)


def _near(word: str, options: list[str]) -> str:
    found = difflib.get_close_matches(word, options, n=1)
    return f" (did you mean {found[0]!r}?)" if found else f"; one of: {', '.join(options)}"


def _check_choices(spec: ExerciseSpec, question: Question, fail: Callable[[str, str], ContentError]) -> None:
    ids = [c.id for c in question.choices]
    if len(ids) < 2:
        raise fail("choices", "a multiple_choice question needs at least two choices")
    if len(set(ids)) != len(ids):
        raise fail("choices", f"a choice id is listed twice: {sorted({i for i in ids if ids.count(i) > 1})}")

    def spelling(field: str, problem: str) -> None:
        raise fail(field, problem)
    _distinct_spellings(question.choices, spelling, "choices")
    if not question.correct:
        raise fail("correct", "missing the correct choice id(s) of this question")
    for answer in question.correct:
        if answer not in ids:
            raise fail("correct", f"{answer!r} is not a choice of this question{_near(answer, ids)}")
    multiple = spec.multiple if question.multiple is None else question.multiple
    if multiple != spec.multiple:
        raise fail("multiple", f"must be {str(spec.multiple).lower()}, as the exercise {spec.id}")
    if len(question.correct) > 1 and not multiple:
        raise fail("correct", "several correct choices need multiple = true")
    for index, choice in enumerate(question.choices):
        if choice.id in question.correct and choice.feedback is not None:
            raise fail(f"choices[{index}].feedback", f"{choice.id!r} is correct: feedback is for wrong choices")
        if choice.id not in question.correct and choice.feedback is None:
            raise fail(f"choices[{index}].feedback", f"the wrong choice {choice.id!r} needs feedback: why it does not fit")


def _check_table(spec: ExerciseSpec, question: Question, fail: Callable[[str, str], ContentError]) -> None:
    """A table question: the exercise's columns and index, full rows, and for the CLV table the rows as
    recomputed from ``parameters`` and ``parameter_rows`` (so a wrong key cannot load)."""
    own, table = spec.expected_table, question.expected_table
    if question.expected is not None:
        raise fail("expected", f"{spec.id} is answered with a table: give expected_table, not expected")
    if table is None or own is None:
        raise fail("expected_table", "missing the key: the table this question's answer must be")
    if table.columns != own.columns or table.index != own.index:
        raise fail("expected_table", f"columns {list(table.columns)} (index {table.index!r}); the exercise's are "
                   f"{list(own.columns)} (index {own.index!r})")
    for index, row in enumerate(table.rows):
        if len(row) != len(table.columns):
            raise fail(f"expected_table.rows[{index}]", f"has {len(row)} cells for {len(table.columns)} columns")
    if not table.rows:
        raise fail("expected_table", "has no rows")
    if spec.id in TABLE_FORMULAS:
        _recompute_table(spec, question, table, fail)
    elif question.parameters or question.parameter_rows:
        raise fail("parameters", f"{spec.id} has no formula to recompute its table from parameters")


def _parameters(question: Question, names: tuple[str, ...], uses: str,
                fail: Callable[[str, str], ContentError]) -> dict:
    """The question's ``parameters``, exactly ``names`` (a missing or unknown one is a ContentError)."""
    given = dict(question.parameters)
    missing = [n for n in names if n not in given]
    if missing:
        raise fail("parameters", f"{uses}: missing {', '.join(missing)}")
    extra = sorted(set(given) - set(names))
    if extra:
        raise fail(f"parameters.{extra[0]}", f"unknown parameter{_near(extra[0], list(names))}")
    return given


def _recompute_table(spec: ExerciseSpec, question: Question, table: TableSpec,
                     fail: Callable[[str, str], ContentError]) -> None:
    shared, cells, formula, written = TABLE_FORMULAS[spec.id]
    given = _parameters(question, shared, f"{spec.id} recomputes its table with {written}", fail)
    if len(question.parameter_rows) != len(table.rows):
        raise fail("parameter_rows", f"{len(question.parameter_rows)} rows of ({', '.join(cells)}) for "
                   f"{len(table.rows)} rows of expected_table")
    tolerance = spec.tolerance if question.tolerance is None else question.tolerance
    key_at = table.columns.index(table.index) if table.index in table.columns else None
    for index, (inputs, row) in enumerate(zip(question.parameter_rows, table.rows)):
        where = f"parameter_rows[{index}]"
        if len(inputs) != len(cells) or isinstance(inputs[0], float) \
                or not all(isinstance(x, float) for x in inputs[1:]):
            raise fail(where, f"must be [{', '.join(cells)}]: a name, then {len(cells) - 1} numbers")
        if key_at is not None and str(inputs[0]).casefold() != str(row[key_at]).casefold():
            raise fail(where, f"is {inputs[0]!r}, but row {index + 1} of expected_table is {row[key_at]!r}")
        values = {**given, **dict(zip(cells[1:], (float(x) for x in inputs[1:])))}
        try:
            value = formula(values)
        except ZeroDivisionError:
            raise fail(where, f"{written} divides by zero") from None
        numbers = [cell for cell in row if not isinstance(cell, str)]
        if len(numbers) != 1:
            raise fail(f"expected_table.rows[{index}]", "must hold its key and one number")
        allowed = (tolerance * abs(numbers[0]) if spec.relative else tolerance) / KEY_ROUNDING
        if abs(value - numbers[0]) > allowed + 1e-9:
            raise fail(f"expected_table.rows[{index}]", f"{numbers[0]:g}, but {written} with {values} gives {value:.4f}")


def _check_value(spec: ExerciseSpec, question: Question, fail: Callable[[str, str], ContentError]) -> None:
    if question.tolerance is not None and question.tolerance < 0:
        raise fail("tolerance", "must not be negative")
    if spec.expected_table is not None:
        _check_table(spec, question, fail)
        return
    if question.expected_table is not None or question.parameter_rows:
        raise fail("expected_table" if question.expected_table is not None else "parameter_rows",
                   f"{spec.id} is answered with one number: give expected, not a table")
    if question.expected is None:
        raise fail("expected", "missing the key: the number this question's answer must be")
    tolerance = spec.tolerance if question.tolerance is None else question.tolerance
    if tolerance < 0:
        raise fail("tolerance", "must not be negative")
    if spec.id not in FORMULAS:
        return
    names, formula, written = FORMULAS[spec.id]
    given = _parameters(question, names, f"{spec.id} recomputes expected = {written}", fail)
    try:
        value = formula(given)
    except ZeroDivisionError:
        raise fail("parameters", f"{written} divides by zero") from None
    allowed = tolerance * abs(question.expected) if spec.relative else tolerance
    if abs(value - question.expected) > allowed + 1e-9:
        raise fail("expected", f"{question.expected:g}, but {written} with {given} gives {value:.4f}")


def _check_question(spec: ExerciseSpec, question: Question, points: set[str],
                    fail: Callable[[str, str], ContentError]) -> None:
    if not _ID.fullmatch(question.id):
        raise fail("id", "question ids are kebab-case: lower-case letters, digits and single hyphens")
    if question.id == spec.id:
        raise fail("id", "is the exercise's id, which names its own question (question 1)")
    if question.point not in points:
        raise fail("point", f"{question.point!r} is not a CONTENT.md point{_near(question.point, sorted(points))}")
    if len(question.hints) < len(spec.hints):
        raise fail("hints", f"{len(question.hints)} further hint tier(s); the own question has {len(spec.hints)}")
    for kind, fields in _FIELDS.items():
        for name in fields if kind != spec.kind else ():
            if getattr(question, name) not in (None, ()):
                raise fail(name, f"is a field of {kind} questions; {spec.id} is a {spec.kind} exercise")
    if spec.kind != "open" and question.explanation is None:
        raise fail("explanation", "missing: why the key is right (shown after a right check or Show answer)")
    if spec.kind == "multiple_choice":
        _check_choices(spec, question, fail)
    elif spec.kind == "value":
        _check_value(spec, question, fail)
    else:
        if question.model_answer is None:
            raise fail("model_answer", "an open question needs a model answer")
        least = min(4, max(len(spec.checklist), 1))
        if not least <= len(question.checklist) <= 6:
            raise fail("checklist", f"{len(question.checklist)} points; a good answer's checklist has {least}-6")


def apply_questions(spec: ExerciseSpec, bank: Bank, points: set[str]) -> ExerciseSpec:
    """The exercise with its question bank: ``questions`` = the own question, then the bank's; ``show`` = 1."""
    def top(field: str, problem: str) -> ContentError:
        return ContentError(bank.file, "(top)", field, problem)

    if spec.questions:
        raise top("exercise", f"{spec.id} already has questions: they come from one bank file only")
    if bank.items:
        raise top("items", f"{spec.id} is a {spec.kind} exercise: a set is one whole question, "
                  "written as [[questions]], not [[items]]")
    if bank.show != 1:
        raise top("show", "a set of a question bank is one whole question: show = 1")
    seen: set[str] = set()
    for index, question in enumerate(bank.questions):
        entry = f"question {question.id!r}"

        def fail(field: str, problem: str, entry: str = entry) -> ContentError:
            return ContentError(bank.file, entry, field, problem)
        if question.id in seen:
            raise fail("id", f"question {index + 1} repeats the id of an earlier question")
        seen.add(question.id)
        _check_question(spec, question, points, fail)  # also: no question takes the exercise's id
    total = 1 + len(bank.questions)
    if total < MIN_QUESTIONS:
        raise top("questions", f"the bank holds {total} questions (the exercise's own and {total - 1} here); "
                  f"at least {MIN_QUESTIONS} needed")
    return dataclasses.replace(spec, questions=(own_question(spec), *bank.questions), show=1)
