"""Issue 24 ("Variants"), item 1 in the widget: the set line, 再练一组 New set, and the saved set after a restart."""

from __future__ import annotations

import pytest

import ckm_course
from ckm_course.content.builder import ContentError
from ckm_course.content.widget_words import load_widget_words
from ckm_course.exercises import exercise as exercise_module
from ckm_course.exercises import identity, journal, saved, settings
from ckm_course.exercises.record import MIME
from ckm_course.frontends.widgets import exercise_widget

BANK = "c2.3-practice-dik"  # single-label, 4 of 13 items shown
GRID_BANK = "c3.1-practice-touchpoints"  # multi-label, 5 of 16


class FakeHandle:
    def __init__(self) -> None:
        self.updates: list[dict] = []

    def update(self, data: dict, raw: bool = False) -> None:
        self.updates.append(data)


@pytest.fixture(autouse=True)
def ana(clean_kernel, monkeypatch):
    ckm_course.set_language("en")
    ckm_course.student("Ana", "s-001")


def widget(exercise_id: str = BANK):
    built = exercise_widget(exercise_id)
    built._record_handle = FakeHandle()
    return built


def answer_all(built, nth: int = 0) -> None:
    if hasattr(built, "pickers"):
        for picker in built.pickers.values():
            picker.value = picker.options[nth][1]
    else:
        for cells in built.toggles.values():
            list(cells.values())[nth].value = True


def ids(built) -> tuple[str, ...]:
    return tuple(item.id for item in built.exercise.items)


@pytest.mark.parametrize("exercise_id", [BANK, GRID_BANK])
def test_new_set_shows_other_items_with_no_answers_and_the_next_check_records_set_2(exercise_id):
    built = widget(exercise_id)
    assert "Your set · set 1" in built.header.value
    assert built.buttons["new_set"].layout.display is None and built.buttons["new_set"].description == "New set"
    first = ids(built)
    answer_all(built)
    built.buttons["check"].click()
    assert built.last_result.status != "not_attempted"
    built.buttons["new_set"].click()
    second = ids(built)
    assert second != first and set(second) <= {i.id for i in built.exercise.bank.items}
    assert "Your set · set 2" in built.header.value
    assert built.answer() == {} and built.last_result is None and built.feedback.value == ""
    assert all(cell.value == "" for cell in built.marks.values())  # verdicts cleared
    assert "A new set was drawn (set 2)" in built.result_line.value
    shown_rows = {row._dom_classes[-1] for row in built.body.children if "ckm-row" in row._dom_classes}
    assert shown_rows == {f"ckm-row-{i}" for i in second}
    answer_all(built)
    built.buttons["check"].click()  # still usable
    record = built._record_handle.updates[-1][MIME]
    assert record["variant"]["set"] == 2 and tuple(record["variant"]["items"]) == tuple(sorted(
        second, key=[i.id for i in built.exercise.bank.items].index))
    assert [entry.get("set") for entry in record["history"]] == [1, 2]
    assert set(record["answer"]) == set(second)


def test_re_running_the_cell_shows_the_latest_set_not_the_last_sets_answers():
    built = widget()
    answer_all(built)
    built.buttons["check"].click()
    built.buttons["new_set"].click()
    again = widget()
    assert again.exercise.variant.set == 2 and ids(again) == ids(built)
    assert again.answer() == {} and "set 2" in again.header.value


def test_the_language_switch_keeps_the_set_and_says_it_in_chinese():
    built = widget()
    built.buttons["new_set"].click()
    ckm_course.set_language("zh")
    built.refresh()
    assert "你的这一组 · 第 2 组" in built.header.value and built.buttons["new_set"].description == "再练一组"
    assert "已换一组新题（第 2 组）" in built.result_line.value


def test_an_assessment_shows_one_set_and_no_new_set():
    settings.configure(mode="assessment")
    built = widget()
    assert built.buttons["new_set"].layout.display == "none"
    assert "Your set · set 1" in built.header.value
    with pytest.raises(ValueError):
        built.new_set()
    assert built.exercise.variant.set == 1


def test_an_exercise_without_a_bank_has_no_set_line_and_no_new_set():
    built = widget("c3.1-four-categories")
    assert built.buttons["new_set"].layout.display == "none" and "ckm-set" not in built.header.value


@pytest.mark.parametrize("identified_again", [False, True])
def test_a_restart_restores_the_saved_set_with_its_answers(monkeypatch, identified_again):
    built = widget()
    built.buttons["new_set"].click()
    answer_all(built, nth=1)
    built.buttons["check"].click()
    found = built._record_handle.updates[-1][MIME]
    second, answered = ids(built), built.answer()
    # a new kernel: nothing remembered, no set in the journal; the saved notebook holds the record
    monkeypatch.setattr(journal, "_latest_answers", {})
    monkeypatch.setattr(journal, "_journals", {})
    monkeypatch.setattr(identity, "_current", [])
    if identified_again:
        ckm_course.student("Ana", "s-001")
    reader = lambda ident: found if ident == BANK else None  # noqa: E731
    monkeypatch.setattr(saved, "saved_record", reader)
    monkeypatch.setattr(exercise_module, "saved_record", reader)
    again = widget()
    assert again.exercise.variant.set == 2 and set(ids(again)) == set(second)
    assert again.answer() == answered and "set 2" in again.header.value
    assert "restored" in again.feedback.value and again.last_result.score == found["score"]
    assert journal.journal(BANK).variant["set"] == 2


@pytest.mark.parametrize(("field", "broken"), [
    ("set_label.zh", 'set_label = { zh = "你的这一组", en = "Your set · set {n}" }'),
    ("new_set_unchecked.en", 'new_set_unchecked = { zh = "第 {n} 组", en = "A new set" }'),
    ("new_set_not_kept.zh", 'new_set_not_kept = { zh = "没能存入", en = "not kept ({reason})" }'),
])
def test_the_widget_texts_must_keep_their_placeholders(tmp_path, field, broken):
    from ckm_course.content.catalog import catalog
    from ckm_course.content.widget_words import FILE

    lines = (catalog().folder / FILE).read_text(encoding="utf-8").splitlines()
    name = broken.split(" ", 1)[0]
    changed = tmp_path / "widgets.toml"
    changed.write_text("\n".join(broken if line.startswith(f"{name} =") else line for line in lines) + "\n",
                       encoding="utf-8")
    with pytest.raises(ContentError, match=field.replace(".", r"\.")):
        load_widget_words(changed)
