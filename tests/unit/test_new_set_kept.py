"""Issue 24 item 4 ("Practise again"): a set drawn with 再练一组 New set and not checked yet survives a reload
of the app's page and a kernel restart, kept beside the record (``exercises/shown_set.py``), while the
record, and so the gradebook, keeps the last checked set; until it is checked the record line (the saved
line, in the app) says the set is new and not checked."""

from __future__ import annotations

import json

import nbformat
import pytest

import ckm_course
from ckm_course.exercises import answers, identity, journal, shown_set
from ckm_course.exercises.record import MIME
from ckm_course.frontends.widgets import exercise_widget

BANK = "c2.3-practice-dik"  # single-label, 4 of 13 items shown
NOTEBOOK = "practice.ipynb"


class FakeHandle:
    def __init__(self) -> None:
        self.updates: list[dict] = []

    def update(self, data: dict, raw: bool = False) -> None:
        self.updates.append(data)


@pytest.fixture(autouse=True)
def kernel(clean_kernel):
    ckm_course.set_language("en")


@pytest.fixture
def app(tmp_path, monkeypatch):
    """A Voilà page of a practice notebook, for a student identified by the app (``--student-id``)."""
    (tmp_path / NOTEBOOK).write_text("{}", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VOILA_REQUEST_URL", f"http://127.0.0.1:8866/voila/render/{NOTEBOOK}")
    monkeypatch.setenv(answers.STUDENT_ID_ENV, "s-001")
    monkeypatch.setenv(answers.STUDENT_NAME_ENV, "Ana")
    return answers.answer_file(tmp_path / NOTEBOOK, "s-001")


def widget():
    built = exercise_widget(BANK)
    built._record_handle = FakeHandle()
    return built


def ids(built) -> list[str]:
    return [item.id for item in built.exercise.items]


def answer_and_check(built, nth: int = 0):
    for picker in built.pickers.values():
        picker.value = picker.options[nth][1]
    return built.check()


def new_kernel(monkeypatch) -> None:
    """What a reload of the page (a new Voilà kernel) or a kernel restart leaves: nothing in memory."""
    monkeypatch.setattr(journal, "_journals", {})
    monkeypatch.setattr(journal, "_latest_answers", {})
    monkeypatch.setattr(journal, "_save_states", {})
    monkeypatch.setattr(identity, "_current", [])


def test_the_app_keeps_a_new_set_beside_the_record_and_a_reload_shows_it(app, monkeypatch):
    built = widget()
    checked = answer_and_check(built)
    before = json.loads(app.read_text(encoding="utf-8"))["records"]
    built.buttons["new_set"].click()
    drawn = ids(built)
    kept = json.loads(app.read_text(encoding="utf-8"))
    # beside the record, not in it: the record is byte for byte the set-1 check
    assert kept["records"] == before
    assert kept["shown"][BANK]["set"] == 2 and set(kept["shown"][BANK]["items"]) == set(drawn)
    new_kernel(monkeypatch)
    again = widget()
    assert again.exercise.variant.set == 2 and ids(again) == drawn
    assert again.answer() == {} and again.last_result is None  # the new set comes back empty
    assert "A new set was drawn (set 2)" in again.result_line.value
    assert "restored" not in again.feedback.value
    # the journal carries on from the set-1 check: its attempt, score and answer
    current = journal.current(BANK)
    assert current["score"] == checked.score and current["variant"]["set"] == 1 and current["attempt"] == 1


def test_the_gradebook_scores_the_last_checked_set_not_the_drawn_one(app):
    from ckm_course.grading import grade

    built = widget()
    checked = answer_and_check(built, nth=1)
    built.buttons["new_set"].click()
    built.show_hint()  # a hint on the drawn set writes the record again: the drawn set must stay beside it
    kept = json.loads(app.read_text(encoding="utf-8"))
    assert kept["shown"][BANK]["set"] == 2
    record = ckm_course.read_answers(app)[BANK]
    assert record["status"] == checked.status and record["answer"] and record["variant"]["set"] == 1
    row = grade([app]).outcomes.set_index("exercise").loc[BANK]
    assert (row["score"], row["max_score"]) == (checked.score, checked.max_score)
    assert row["status"] != "not_attempted" and "tampered" not in str(row["flags"])


def test_a_new_set_before_any_check_survives_a_reload(app, monkeypatch):
    built = widget()
    first = ids(built)
    built.buttons["new_set"].click()
    drawn = ids(built)
    assert drawn != first and "records" in json.loads(app.read_text(encoding="utf-8"))
    new_kernel(monkeypatch)
    again = widget()
    assert again.exercise.variant.set == 2 and ids(again) == drawn
    assert "Set 2 is a new set, not checked yet." in again.saved_line.value


def test_a_check_on_the_drawn_set_ends_it_and_a_reload_restores_that_check(app, monkeypatch):
    built = widget()
    answer_and_check(built)
    built.buttons["new_set"].click()
    answer_and_check(built, nth=1)
    assert "shown" not in json.loads(app.read_text(encoding="utf-8"))
    drawn, answered = ids(built), built.answer()
    new_kernel(monkeypatch)
    again = widget()
    assert again.exercise.variant.set == 2 and ids(again) == drawn and again.answer() == answered
    assert "restored" in again.feedback.value


def test_the_saved_line_and_the_record_say_the_new_set_is_not_checked(app):
    built = widget()
    answer_and_check(built)
    assert "Score:" in built.saved_line.value and "not checked" not in built.saved_line.value
    built.buttons["new_set"].click()
    assert "Set 2 is a new set, not checked yet; the score here is from the set you checked last." \
        in built.saved_line.value
    record_line = built._record_handle.updates[-1]
    assert record_line["text/plain"].startswith(f"[{BANK}] Set 2 is a new set, not checked yet")
    assert "Score:" in record_line["text/plain"]  # still the last check's score, said to be that
    ckm_course.set_language("zh")
    built.refresh()
    assert "第 2 组是新换的一组，还没有检查" in built.saved_line.value
    answer_and_check(built)
    assert "ckm-new-set-unchecked" not in built.saved_line.value
    assert "ckm-new-set-unchecked" not in built._record_handle.updates[-1]["text/html"]


def test_a_new_set_that_cannot_be_kept_is_said_on_the_page(app, monkeypatch):
    built = widget()

    def full(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(answers, "write_text_atomic", full)
    built.buttons["new_set"].click()
    assert built.exercise.variant.set == 2  # the page keeps the set
    said = built.feedback.value
    assert "could not be kept in your answer file (No space left on device)" in said and "没能存入" in said


def test_a_notebook_keeps_the_drawn_set_in_the_record_output_and_a_restart_shows_it(tmp_path, monkeypatch):
    ckm_course.student("Ana", "s-001")
    built = widget()
    checked = answer_and_check(built)
    built.buttons["new_set"].click()
    drawn = ids(built)
    bundle = built._record_handle.updates[-1]
    assert bundle[MIME]["variant"]["set"] == 1 and bundle[MIME]["score"] == checked.score  # the record: set 1
    assert bundle[shown_set.MIME]["set"] == 2 and bundle[shown_set.MIME]["exercise"] == BANK  # beside it
    assert "Set 2 is a new set, not checked yet" in bundle["text/html"]
    # the notebook as JupyterLab saves it: the widget cell's outputs, the record display last
    cell = nbformat.v4.new_code_cell(f"ckm_course.exercise('{BANK}').widget()", outputs=[
        nbformat.v4.new_output("display_data", data=bundle)])
    path = tmp_path / NOTEBOOK
    book = nbformat.v4.new_notebook(cells=[cell], metadata={"ckm_course": {"student": {"name": "Ana", "id": "s-001"}}})
    nbformat.write(book, path)
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    new_kernel(monkeypatch)
    ckm_course.student("Ana", "s-001")
    again = widget()
    assert again.exercise.variant.set == 2 and ids(again) == drawn and again.answer() == {}
    assert journal.current(BANK)["score"] == checked.score
    from ckm_course.grading import grade

    row = grade([path]).outcomes.set_index("exercise").loc[BANK]
    assert row["score"] == checked.score and "tampered" not in str(row["flags"])


def test_a_re_run_cell_keeps_the_kernels_set_over_an_older_saved_one(tmp_path, monkeypatch):
    built = widget()
    built.buttons["new_set"].click()
    cell = nbformat.v4.new_code_cell("", outputs=[nbformat.v4.new_output(
        "display_data", data=built._record_handle.updates[-1])])
    path = tmp_path / NOTEBOOK
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), path)  # saved on set 2
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    built.buttons["new_set"].click()  # set 3, not saved yet
    assert widget().exercise.variant.set == 3


def test_a_damaged_shown_entry_is_ignored(app, monkeypatch):
    built = widget()
    answer_and_check(built)
    data = json.loads(app.read_text(encoding="utf-8"))
    data["shown"] = {BANK: {"set": 2, "seed": "zz", "items": ["not-an-item"]}, "x": 5}
    app.write_text(json.dumps(data), encoding="utf-8")
    new_kernel(monkeypatch)
    again = widget()
    assert again.exercise.variant.set == 1 and "restored" in again.feedback.value


def test_new_set_in_code_is_shown_in_the_cell_and_a_restart_comes_back_to_it(tmp_path, monkeypatch):
    """The practice sets say "ex.new_set() draws another": that set, too, survives a restart until checked."""
    shown: list[dict] = []
    monkeypatch.setattr(shown_set, "_display", shown.append)
    ckm_course.student("Ana", "s-001")
    ex = ckm_course.exercise(BANK)
    ex.check({1: "data"})
    following = ex.new_set()
    [bundle] = shown
    assert bundle[shown_set.MIME] == {"exercise": BANK, **following.variant.as_record()}
    assert f"set {following.variant.set}" in bundle["text/plain"]
    path = tmp_path / NOTEBOOK
    cells = [nbformat.v4.new_code_cell("ex.check(...)", outputs=[
                 nbformat.v4.new_output("display_data", data={MIME: journal.current(BANK)})]),
             nbformat.v4.new_code_cell("ex = ex.new_set()", outputs=[nbformat.v4.new_output("display_data", data=bundle)])]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    new_kernel(monkeypatch)
    ckm_course.student("Ana", "s-001")
    again = ckm_course.exercise(BANK)
    assert again.variant == following.variant and again.your_set() == following.your_set()


def test_a_drawn_set_older_than_the_checked_one_is_not_brought_back(tmp_path, monkeypatch):
    shown: list[dict] = []
    monkeypatch.setattr(shown_set, "_display", shown.append)
    ckm_course.student("Ana", "s-001")
    drawn = ckm_course.exercise(BANK).new_set()
    drawn.check({1: "data"})  # set 2 checked: its drawn-set output is stale from now on
    later = drawn.new_set()
    record = journal.current(BANK)
    path = tmp_path / NOTEBOOK
    cells = [nbformat.v4.new_code_cell("", outputs=[nbformat.v4.new_output("display_data", data=shown[0])]),
             nbformat.v4.new_code_cell("", outputs=[nbformat.v4.new_output("display_data", data={MIME: record})])]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    new_kernel(monkeypatch)
    ckm_course.student("Ana", "s-001")
    assert ckm_course.exercise(BANK).variant.set == record["variant"]["set"] != later.variant.set
