"""Question banks (issue 24 item 1): for multiple_choice, value and open exercises a set is one whole question.

The bank files here are small ones written into a copy of the committed content (its own bank files
removed), so the tests do not depend on the bank files being written in parallel.
"""

from __future__ import annotations

import html
import io
import subprocess
import tarfile
from pathlib import Path

import pytest

import ckm_course
from ckm_course.content.builder import ContentError
from ckm_course.content.loader import load_course

ROOT = Path(ckm_course.__file__).resolve().parents[1]


def committed_content(tmp_path: Path) -> Path:
    """The content folder as committed (HEAD), without any bank file."""
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD", "ckm_course/content"],
                         check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as archive:
        archive.extractall(tmp_path, filter="data")
    folder = tmp_path / "ckm_course" / "content"
    for bank in (folder / "banks").glob("*.toml"):
        bank.unlink()
    return folder


def text(words: str) -> str:
    return f'{{ zh = "{words}（中文）", en = "{words}" }}'


def mc_question(ident: str, correct: str = "sail-cloth", wrong_feedback: bool = True, extra: str = "") -> str:
    note = f"feedback = {text('why not')}" if wrong_feedback else ""
    return f'''
[[questions]]
id = "{ident}"
point = "C2.1"
prompt = {text(f"Question {ident}: which factor counts most in the knowledge era")}
hint = {text("think about the factor")}
hints = [{text("tier two")}, {text("tier three")}]
explanation = {text("because knowledge")}
correct = ["{correct}"]
{extra}
[[questions.choices]]
id = "sail-cloth"
label = {text(f"know-how {ident}")}
[[questions.choices]]
id = "harbour-land"
label = {text(f"land {ident}")}
{note}
[[questions.choices]]
id = "ship-count"
label = {text(f"ships {ident}")}
feedback = {text("why not ships")}
'''


def mc_bank(*questions: str, show: int = 1) -> str:
    return f'exercise = "quiz-c2-era"\nshow = {show}\n' + "".join(questions)


def load_with(tmp_path: Path, name: str, bank: str):
    folder = committed_content(tmp_path)
    (folder / "banks" / f"{name}.toml").write_text(bank, encoding="utf-8")
    return load_course(folder)


def error_of(tmp_path: Path, name: str, bank: str) -> ContentError:
    with pytest.raises(ContentError) as caught:
        load_with(tmp_path, name, bank)
    return caught.value


def test_a_multiple_choice_bank_holds_the_own_question_first_then_the_bank_s(tmp_path):
    course = load_with(tmp_path, "quiz-c2-era", mc_bank(mc_question("harbour-town"), mc_question("river-mill")))
    spec = course.exercise("quiz-c2-era")
    assert [q.id for q in spec.questions] == ["quiz-c2-era", "harbour-town", "river-mill"]
    assert spec.show == 1 and spec.questions[0].correct == spec.correct and spec.questions[0].prompt == spec.prompt
    assert spec.questions[1].choices[1].feedback is not None


@pytest.mark.parametrize(("bank", "entry", "field", "problem"), [
    (mc_bank(mc_question("harbour-town", wrong_feedback=False), mc_question("river-mill")),
     "question 'harbour-town'", "choices[1].feedback", "the wrong choice 'harbour-land' needs feedback"),
    (mc_bank(mc_question("harbour-town", correct="sail-clot"), mc_question("river-mill")),
     "question 'harbour-town'", "correct", "did you mean 'sail-cloth'"),
    (mc_bank(mc_question("harbour-town")), "(top)", "questions", "at least 3 needed"),
    (mc_bank(mc_question("harbour-town"), mc_question("river-mill"), show=2), "(top)", "show", "show = 1"),
    (mc_bank(mc_question("harbour-town"), mc_question("harbour-town")), "question 'harbour-town'", "id", "repeats"),
    (mc_bank(mc_question("quiz-c2-era"), mc_question("river-mill")), "question 'quiz-c2-era'", "id", "own question"),
    (mc_bank(mc_question("Harbour_Town"), mc_question("river-mill")), "question 'Harbour_Town'", "id", "kebab-case"),
    (mc_bank(mc_question("harbour-town", extra="expected = 3.0"), mc_question("river-mill")),
     "question 'harbour-town'", "expected", "is a field of value questions"),
    (mc_bank(mc_question("harbour-town", extra="multiple = true"), mc_question("river-mill")),
     "question 'harbour-town'", "multiple", "must be false"),
    (mc_bank(mc_question("harbour-town").replace('point = "C2.1"', 'point = "C2.9"'), mc_question("river-mill")),
     "question 'harbour-town'", "point", "not a CONTENT.md point"),
    (mc_bank(mc_question("harbour-town").replace("explanation =", "explanaton ="), mc_question("river-mill")),
     "question 'harbour-town'", "explanaton", "did you mean 'explanation'"),
    (mc_bank(mc_question("harbour-town").replace("hints = [", "hints = [] # "), mc_question("river-mill")),
     "question 'harbour-town'", "hints", "the own question has 2"),
])
def test_a_broken_question_bank_is_one_clear_error(tmp_path, bank, entry, field, problem):
    error = error_of(tmp_path, "quiz-c2-era", bank)
    assert (error.file, error.entry) == ("banks/quiz-c2-era.toml", entry), str(error)
    assert field in error.field and problem in error.problem, str(error)


def value_question(ident: str, m: float, r: float, i: float, expected: float, params: str | None = None) -> str:
    parameters = params if params is not None else f"parameters = {{ m = {m}, r = {r}, i = {i} }}"
    return f'''
[[questions]]
id = "{ident}"
point = "C1.3"
prompt = {text(f"margin {m}, retention {r}, discount {i}: the lifetime value")}
hint = {text("the simple formula")}
hints = [{text("tier two")}, {text("tier three")}]
explanation = {text("m r over one plus i minus r")}
expected = {expected}
{parameters}
[[questions.slips]]
value = {m * r}
feedback = {text("one year only")}
'''


def test_a_clv_bank_recomputes_expected_from_its_parameters(tmp_path):
    good = ('exercise = "quiz-c1-clv"\nshow = 1\n' + value_question("bakery-card", 1000, 0.5, 0.1, 833.33)
            + value_question("gym-card", 800, 0.75, 0.05, 2000.0))
    spec = load_with(tmp_path, "quiz-c1-clv", good).exercise("quiz-c1-clv")
    assert [q.expected for q in spec.questions] == [1800.0, 833.33, 2000.0]
    assert dict(spec.questions[2].parameters) == {"m": 800.0, "r": 0.75, "i": 0.05}


@pytest.mark.parametrize(("question", "field", "problem"), [
    (value_question("bakery-card", 1000, 0.5, 0.1, 900.0), "expected", "m*r/(1+i-r) with"),
    (value_question("bakery-card", 1000, 0.5, 0.1, 833.33, params="parameters = { m = 1000, r = 0.5 }"),
     "parameters", "missing i"),
    (value_question("bakery-card", 1000, 0.5, 0.1, 833.33, params="parameters = { m = 1000, r = 0.5, j = 0.1, i = 0.1 }"),
     "parameters.j", "unknown parameter"),
    (value_question("bakery-card", 1000, 0.5, 0.1, 833.33).replace("expected = 833.33", ""), "expected", "missing the key"),
])
def test_a_wrong_clv_question_names_its_field(tmp_path, question, field, problem):
    bank = 'exercise = "quiz-c1-clv"\nshow = 1\n' + question + value_question("gym-card", 800, 0.75, 0.05, 2000.0)
    error = error_of(tmp_path, "quiz-c1-clv", bank)
    assert (error.file, error.entry) == ("banks/quiz-c1-clv.toml", "question 'bakery-card'"), str(error)
    assert field == error.field and problem in error.problem, str(error)


def open_question(ident: str, points: int = 5, model: bool = True) -> str:
    answer = f"model_answer = {text('a model answer')}" if model else ""
    checklist = ", ".join(text(f"point {n}") for n in range(points))
    return f'''
[[questions]]
id = "{ident}"
point = "C2.4"
prompt = {text(f"Justify {ident}")}
hint = {text("think")}
hints = [{text("tier two")}, {text("tier three")}]
{answer}
checklist = [{checklist}]
'''


@pytest.mark.parametrize(("question", "field", "problem"), [
    (open_question("tea-house", points=2), "checklist", "4-6"),
    (open_question("tea-house", model=False), "model_answer", "needs a model answer"),
])
def test_an_open_question_needs_a_model_answer_and_a_checklist(tmp_path, question, field, problem):
    bank = 'exercise = "c2.4-practice-justify"\nshow = 1\n' + question + open_question("bike-shop")
    error = error_of(tmp_path, "c2.4-practice-justify", bank)
    assert error.entry == "question 'tea-house'" and error.field == field and problem in error.problem, str(error)
    fine = 'exercise = "c2.4-practice-justify"\nshow = 1\n' + open_question("tea-house") + open_question("bike-shop")
    spec = load_with(tmp_path / "ok", "c2.4-practice-justify", fine).exercise("c2.4-practice-justify")
    assert len(spec.questions) == 3 and spec.questions[1].model_answer is not None


# --- draw, restrict, the student's view and the gradebook (issue 24 item 1) ---------------------------

BOB = ("Bob Chen", "2026101")


@pytest.fixture(scope="module")
def era(tmp_path_factory):
    """quiz-c2-era with a bank of three more questions (four in all)."""
    bank = mc_bank(mc_question("harbour-town"), mc_question("river-mill", correct="ship-count").replace(
        'feedback = { zh = "why not ships（中文）", en = "why not ships" }', "").replace(
        'label = { zh = "know-how river-mill（中文）", en = "know-how river-mill" }',
        'label = { zh = "know-how river-mill（中文）", en = "know-how river-mill" }\n'
        'feedback = { zh = "why not know-how（中文）", en = "why not know-how" }'), mc_question("salt-works"))
    return load_with(tmp_path_factory.mktemp("era"), "quiz-c2-era", bank).exercise("quiz-c2-era")


def test_the_default_set_is_the_own_question_and_a_seeded_set_any_of_the_bank(era):
    from ckm_course.exercises import variant

    assert variant.has_bank(era)
    default = variant.variant_for(era, None)
    assert (default.seed, default.items) == (None, ("quiz-c2-era",))
    shown = variant.restrict(era, default.items)
    assert (shown.prompt, shown.correct, shown.choices) == (era.prompt, era.correct, era.choices)
    drawn = {variant.variant_for(era, f"2026{n:03d}").items for n in range(60)}
    assert drawn == {(q.id,) for q in era.questions}
    assert variant.variant_for(era, "2026007") == variant.variant_for(era, "2026007")


def test_a_question_set_is_the_spec_with_that_question_swapped_in_for_the_checker(era):
    from ckm_course.exercises import variant
    from ckm_course.exercises.checks import check

    spec = variant.restrict(era, ("river-mill",))
    question = era.questions[2]
    assert (spec.id, spec.kind, spec.title) == (era.id, era.kind, era.title)
    assert (spec.prompt, spec.hint, spec.hints, spec.correct) == (question.prompt, question.hint, question.hints, ("ship-count",))
    assert check(spec, "ship-count").status == "correct" and check(spec, "sail-cloth").status == "incorrect"
    assert "why not know-how" in str(check(spec, "sail-cloth").messages) + str(check(spec, "sail-cloth").verdicts)
    with pytest.raises(ValueError):
        variant.restrict(era, ("river-mill", "salt-works"))


def test_a_student_sees_their_question_checks_it_and_the_gradebook_reproduces_it(era, clean_kernel, tmp_path, monkeypatch):
    import copy
    import json

    from ckm_course.exercises import journal, variant
    from ckm_course.exercises.exercise import Exercise
    from ckm_course.grading import grade, gradebook
    from ckm_course.grading.samples import notebook

    ckm_course.student(*BOB)
    shown = variant.variant_for(era, BOB[1], 2)
    ex = Exercise(variant.restrict(era, shown.items), era, shown)
    question = next(q for q in era.questions if q.id == shown.items[0])
    assert question.prompt.en in ex.your_set("en") and "Your question (set 2)" in ex.your_set("en")
    assert ex.template() is ... and ex.hints[0] == question.hint
    record = copy.deepcopy(ex.check(question.correct[0]).record)
    assert record["variant"] == {"set": 2, "seed": shown.seed, "items": [question.id]} and record["score"] == 1
    nxt = ex.new_set()
    assert nxt.variant.set == 3 and len(nxt.variant.items) == 1
    specs = {**gradebook.catalog(), era.id.casefold(): era}
    monkeypatch.setattr(gradebook, "catalog", lambda: specs)
    path = tmp_path / "bob.ipynb"
    path.write_text(json.dumps(notebook(BOB, [record]), ensure_ascii=False), encoding="utf-8")
    row = grade([path], exercises=[era.id]).outcomes.iloc[0]
    assert (row["score"], row["max_score"], row["flags"]) == (1.0, 1.0, ""), row["notes"]
    other = next(q.id for q in era.questions if q.id != question.id)
    forged = {**record, "variant": {**record["variant"], "items": [other]}}
    path.write_text(json.dumps(notebook(BOB, [forged]), ensure_ascii=False), encoding="utf-8")
    row = grade([path], exercises=[era.id]).outcomes.iloc[0]
    assert "tampered" in row["flags"] and "not the ones the variant's seed yields" in row["notes"]
    assert journal.current(era.id) is not None


def test_new_set_never_shows_the_same_question_again(era, clean_kernel):
    from ckm_course.exercises import variant
    from ckm_course.exercises.exercise import Exercise

    ckm_course.student(*BOB)
    shown = variant.variant_for(era, BOB[1], 1)
    ex = Exercise(variant.restrict(era, shown.items), era, shown)
    numbers = []
    for _ in range(12):
        following = ex.new_set()
        assert following.variant.items != ex.variant.items and following.variant.set > ex.variant.set
        assert following.variant == variant.variant_for(era, BOB[1], following.variant.set)
        numbers.append(following.variant.set - ex.variant.set)
        ex = following
    assert max(numbers) > 1, "with four questions some draw repeats and is skipped"


def test_the_widget_shows_the_drawn_question_and_new_set_draws_another(era, clean_kernel, monkeypatch):
    from ckm_course.exercises import variant
    from ckm_course.exercises.exercise import Exercise

    ckm_course.student(*BOB)
    shown = variant.variant_for(era, BOB[1], 1)
    ex = Exercise(variant.restrict(era, shown.items), era, shown)
    widget = ex.widget()
    question = next(q for q in era.questions if q.id == shown.items[0])
    assert html.escape(question.prompt.en) in widget.header.value and widget.buttons["new_set"].layout.display is None
    labels = str([getattr(child, "options", None) for child in widget.body.children])
    assert all(c.label.en in labels for c in question.choices)
    widget.new_set()
    after = next(q for q in era.questions if q.id == widget.exercise.variant.items[0])
    assert after.id != question.id and html.escape(after.prompt.en) in widget.header.value
    assert all(c.label.en in str([getattr(ch, "options", None) for ch in widget.body.children]) for c in after.choices)


def test_the_item_analysis_counts_each_question_over_the_students_shown_it(era, clean_kernel, tmp_path, monkeypatch):
    import json

    from ckm_course.exercises import variant
    from ckm_course.exercises.exercise import Exercise
    from ckm_course.grading import grade, gradebook
    from ckm_course.grading.samples import notebook

    specs = {**gradebook.catalog(), era.id.casefold(): era}
    monkeypatch.setattr(gradebook, "catalog", lambda: specs)
    paths, shown_to = [], {}
    for n in range(12):
        who = (f"学生{n}", f"2026{n:03d}")
        ckm_course.student(*who)
        drawn = variant.variant_for(era, who[1])
        ex = Exercise(variant.restrict(era, drawn.items), era, drawn)
        right = n % 2 == 0
        answer = ex.spec.correct[0] if right else next(c.id for c in ex.spec.choices if c.id not in ex.spec.correct)
        record = ex.check(answer).record
        shown_to.setdefault(drawn.items[0], []).append(right)
        path = tmp_path / f"{who[1]}.ipynb"
        path.write_text(json.dumps(notebook(who, [record]), ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    table = grade(paths, exercises=[era.id]).items
    rows = table[table["exercise"] == era.id].set_index("item")
    assert set(rows.index) == {q.id for q in era.questions}
    for question, results in shown_to.items():
        assert rows.loc[question, "n"] == len(results)
        assert rows.loc[question, "facility"] == pytest.approx(sum(results) / len(results), abs=0.01)
