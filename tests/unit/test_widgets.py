"""Exercise widgets driven through their traits: set selections, click, read feedback and record."""

from __future__ import annotations

import html

import pytest

import ckm_course
from ckm_course.exercises import journal, saved, settings
from ckm_course.exercises.record import MIME
from ckm_course.frontends.widgets import WIDGETS, comparison_explorer, exercise_widget, language_toggle, roadmap_planner


class FakeHandle:
    """Stands in for IPython's DisplayHandle: keeps what the widget wrote to its record output."""

    def __init__(self) -> None:
        self.updates: list[dict] = []

    def update(self, data: dict, raw: bool = False) -> None:
        assert raw
        self.updates.append(data)


@pytest.fixture(autouse=True)
def english(clean_kernel):
    ckm_course.set_language("en")


def widget_with_handle(exercise_id: str):
    widget = exercise_widget(exercise_id)
    widget._record_handle = FakeHandle()
    return widget


@pytest.mark.parametrize("exercise_id", ckm_course.exercise_ids())
def test_every_exercise_has_a_widget_that_accepts_its_solution(exercise_id):
    widget = widget_with_handle(exercise_id)
    assert isinstance(widget, WIDGETS[widget.exercise.kind])
    widget.buttons["show"].click()
    widget.buttons["check"].click()
    expected = "recorded" if widget.exercise.kind == "open" else "correct"
    if widget.exercise.kind == "open":  # an open answer is the student's own text
        widget.set_answer("We set up a sharing incentive and a knowledge base.")
        widget.buttons["check"].click()
    assert widget.last_result.status == expected
    stored = widget._record_handle.updates[-1][MIME]
    assert stored["exercise"] == exercise_id and stored["status"] == expected
    assert stored["revealed"] is True


def test_grid_clicks_give_per_item_marks_score_and_record():
    widget = widget_with_handle("c3.1-four-categories")
    widget.toggles["name"]["about"].value = True          # right
    widget.toggles["needs"]["about"].value = True         # half of {about, from}
    widget.toggles["manual"]["from"].value = True         # wrong: it is "need"
    widget.buttons["check"].click()
    html = widget.feedback.value
    assert "Score: 1.5/19" in html and "16 more items not answered yet." in html
    reasons = {item: widget.reason(item) for item in ("name", "needs", "manual", "opinions")}
    assert 'data-mark="correct"' in reasons["name"] and 'data-mark="partial"' in reasons["needs"]
    assert 'data-mark="wrong"' in reasons["manual"] and "does not fit" in reasons["manual"]
    assert reasons["opinions"] == ""  # untouched items get no line of their own
    assert reasons["manual"] in widget.texts["manual"].value  # under the item's text, in the same widget
    assert "ckm-row-reason" not in widget.texts["opinions"].value
    assert "ckm-verdicts" not in html  # each reason sits on its own row, not in a table below
    assert "Knowledge customers need" not in reasons["manual"]  # the key of the wrong item is not named
    assert "✓" in widget.marks["name"].value and "◐" in widget.marks["needs"].value
    assert "✗" in widget.marks["manual"].value and widget.marks["opinions"].value == ""
    stored = widget._record_handle.updates[-1]
    assert stored["text/plain"] == "[c3.1-four-categories] Score: 1.5/19 · attempt 1"
    assert stored[MIME]["answer"] == {"name": ["about"], "needs": ["about"], "manual": ["from"]}
    assert stored[MIME]["revealed"] is False and stored[MIME]["attempt"] == 1
    assert 'class="ckm-saved"' in stored["text/html"] and "Customer name" in stored["text/html"]


def test_checking_nothing_is_not_attempted():
    widget = widget_with_handle("c3.1-four-categories")
    widget.buttons["check"].click()
    assert widget.last_result.status == "not_attempted"
    assert "Not attempted" in widget.feedback.value


def test_reset_clears_controls_and_feedback_but_keeps_the_record():
    widget = widget_with_handle("c3.3-formation")
    first_item = widget.exercise.items[0]
    widget.pickers[first_item.id].value = first_item.answer[0]
    widget.buttons["check"].click()
    widget.buttons["reset"].click()
    assert widget.feedback.value == "" and widget.answer() == {}
    assert len(widget._record_handle.updates) == 1  # the checked answer stays recorded


def test_hint_is_shown_without_the_answer():
    widget = widget_with_handle("c1.3-lifetime-value")
    widget.buttons["hint"].click()
    assert "0.3" in widget.hint_box.value and "3200" not in widget.hint_box.value


def test_value_entry_reads_a_typed_amount():
    widget = widget_with_handle("c1.3-lifetime-value")
    widget.text.value = "¥3,200"
    assert widget.check().status == "correct"
    widget.text.value = "3000"
    reason = widget.check().verdicts[0].reason.en
    assert "3,000 yuan is not right yet" in reason and "3,200" not in reason


def test_instructor_can_hide_show_answer():
    settings.configure(show_answers=False)
    widget = widget_with_handle("c3.4-explicit-tacit")
    assert widget.buttons["show"].layout.display == "none"
    widget.show_answer()
    assert widget.answer() == {}


def test_ordering_starts_shuffled_and_untouched_is_not_attempted():
    widget = widget_with_handle("c6.4-audit-order")
    key = [item.id for item in widget.exercise.spec.items]
    assert widget.order == [item.id for item in widget.exercise.items] != key
    assert widget.check().status == "not_attempted" and widget._record_handle.updates == []
    first = widget.order[0]
    widget.move(0, +1)
    assert widget.order[1] == first
    widget.move(0, -1)  # cannot move above the top
    assert widget.order[1] == first
    assert widget.check().status in ("partial", "incorrect")
    widget.set_answer(key)
    assert widget.check().status == "correct"
    assert all("✓" in mark.value for mark in widget.row_marks)


def test_hint_button_steps_through_the_tiers_and_records_them():
    widget = widget_with_handle("c3.4-explicit-tacit")
    widget.buttons["hint"].click()
    first = widget.hint_box.value
    widget.buttons["hint"].click()
    assert widget.hint_box.value != first
    assert widget._record_handle.updates[-1][MIME]["hints_seen"] == [1, 2]
    assert widget._record_handle.updates[-1][MIME]["status"] == "not_attempted"


def test_assessment_mode_saves_without_correctness_and_refuses_the_answer():
    settings.configure(mode="assessment")
    widget = widget_with_handle("c3.4-explicit-tacit")
    assert widget.buttons["show"].layout.display == "none"
    item = widget.exercise.items[0]
    widget.pickers[item.id].value = item.answer[0]
    result = widget.check()
    assert result.status == "saved" and "saved" in widget.feedback.value and "✓" not in widget.feedback.value
    assert widget._record_handle.updates[-1][MIME]["score"] is None
    widget.show_answer()
    assert widget.answer() == {item.id: item.answer[0]}


def test_language_toggle_rerenders_live_widgets_and_keeps_answers():
    widget = widget_with_handle("c3.4-explicit-tacit")
    item = widget.exercise.items[0]
    widget.pickers[item.id].value = item.answer[0]
    widget.check()
    toggle = language_toggle()
    toggle.value = "zh"
    row_text = widget.body.children[1].children[1].value  # the first row (after the heads): mark, text, controls
    assert item.label.zh in row_text and widget.reason(item.id) in row_text and "ckm-row-reason" in row_text
    assert widget.buttons["check"].description == "检查"
    assert widget.answer() == {item.id: item.answer[0]}
    assert "得分" in widget.feedback.value


def test_rerunning_a_cell_brings_the_answer_back():
    widget = widget_with_handle("c3.4-explicit-tacit")
    item = widget.exercise.items[0]
    widget.pickers[item.id].value = item.answer[0]
    widget.check()
    again = exercise_widget("c3.4-explicit-tacit")
    assert again.answer() == {item.id: item.answer[0]}
    assert again.last_result.score == 1


def test_widget_text_fallback_is_short():
    bundle = exercise_widget("c3.1-four-categories")._repr_mimebundle_()
    assert bundle["text/plain"].startswith("[c3.1-four-categories]")
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_roadmap_planner_recomputes_the_plan():
    planner = roadmap_planner()
    planner.weeks["step-1"].value = 5
    planner.owners["step-2"].value = " CEO "
    assert planner.plan()["step-2"] == {"weeks": 2.0, "owner": "CEO"}
    figure = planner.figure()
    assert list(figure.data[0].base) == [0.0, 5.0, 7.0] and figure.data[0].text[1] == "CEO"
    assert "25" in planner.total.value


def test_comparison_explorer_shows_both_sides():
    explorer = comparison_explorer()
    explorer.picker.value = ("C4.3", "incentive")
    entry = ckm_course.point("C4.3").entry("incentive")
    shown = explorer.view.value
    assert html.escape(entry.side("ckm").en) in shown and html.escape(entry.side("km").en) in shown
    assert "<b>KM</b>" in shown and "<b>CKM</b>" in shown


def test_capability_assessment_scores_and_names_the_weakest():
    from ckm_course.frontends.widgets import capability_assessment

    dimensions = [e.id for e in ckm_course.point("C8.1").entries]
    assessment = capability_assessment({d: 3 for d in dimensions})
    assessment.sliders["co-creation"].value = 1
    summary = assessment.summary()
    assert summary["weakest"] == ["co-creation"]
    assert summary["mean"] == pytest.approx((3 * (len(dimensions) - 1) + 1) / len(dimensions))
    assert "Co-creation with customers" in assessment.result.value
    assert list(assessment.figure().data[0].r)[:len(dimensions)] == list(assessment.ratings().values())


def test_a_table_value_is_typed_as_lines_of_cells():
    widget = widget_with_handle("c1.3-clv-table")
    widget.text.value = "customer, clv\nA, 3200\nB，416.67\nC, 9000"
    assert widget.check().status == "correct"
    widget.text.value = "A, 3200\nB, 400"
    result = widget.check()
    assert result.score == 1 and {v.item_id: v.mark for v in result.verdicts} == {"A": "correct", "B": "wrong",
                                                                                    "C": "missing"}


# --- issue 10: static views, layout classes, readable reprs, visible clamping ----------------------
@pytest.mark.parametrize("exercise_id", ["c3.1-four-categories", "c3.4-explicit-tacit", "c1.3-lifetime-value"])
def test_widget_bundle_carries_the_question_as_static_html(exercise_id):
    ex = ckm_course.exercise(exercise_id)
    bundle = exercise_widget(exercise_id)._repr_mimebundle_()
    shown = html.unescape(bundle["text/html"])
    assert ex.prompt.en in shown and ex.title.en in shown
    assert all(item.label.en in shown for item in ex.items)
    assert all(choice.label.en in shown for choice in ex.choices)
    assert "✓" not in shown and "checked" not in shown  # empty boxes: never an answer, never the key
    assert "run this cell" in bundle["text/plain"]  # the one-line fallback the decks and the gradebook know


def test_grid_rows_have_a_header_row_classes_and_letters_not_a_legend():
    widget = exercise_widget("c3.1-four-categories")
    head, *rows = widget.body.children
    assert "ckm-grid-head" in head._dom_classes
    assert all(c.label.en in "".join(col.value for col in head.children) for c in widget.exercise.choices)
    assert len(rows) == 19 and all("ckm-row" in r._dom_classes for r in rows)
    group = rows[0].children[2]
    assert "ckm-choices" in group._dom_classes and "ckm-single" not in group._dom_classes
    assert [b.tooltip for b in group.children] == [c.label.en for c in widget.exercise.choices]
    single = exercise_widget("c3.4-explicit-tacit").body.children[1].children[2]
    assert {"ckm-choices", "ckm-single"} <= set(single._dom_classes)
    assert widget.children[1] is widget.feedback  # the score line sits above the rows
    assert "<style>" in widget.header.value and "--jp-" in widget.header.value


def test_display_sends_the_keyboard_script_with_a_blank_text_fallback(monkeypatch):
    shown = []
    monkeypatch.setattr("ckm_course.frontends.widgets.base.display", lambda data, **kw: shown.append(data) or FakeHandle())
    exercise_widget("c3.1-four-categories")._ipython_display_()
    assert len(shown) == 3 and MIME not in shown[1]  # the record stays the last output
    script = shown[1]
    assert "radiogroup" in script["application/javascript"] and script["text/plain"] == ""


def test_record_follows_the_language_switch():
    from ckm_course.i18n import set_language

    widget = widget_with_handle("c3.4-explicit-tacit")
    widget.set_answer({widget.exercise.items[0].id: widget.exercise.choices[0].id})
    widget.check()
    set_language("both")
    widget.refresh()
    assert "得分" in widget._record_handle.updates[-1]["text/html"]
    set_language("en")
    widget.refresh()
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in html.unescape(widget._record_handle.updates[-1]["text/html"])
                   .split("</summary>")[0])


def test_choices_print_as_a_lettered_list():
    text = str(ckm_course.exercise("c3.1-four-categories").choices)
    assert text.splitlines()[0] == "A. Knowledge about customers  (id: about)"
    assert "Choice(" not in repr(ckm_course.exercise("c3.1-four-categories").choices)


def test_planner_says_when_it_clamps_the_weeks():
    planner = roadmap_planner()
    planner.weeks["step-1"].value = -3
    planner.weeks["step-2"].value = 200
    assert planner.plan()["step-1"]["weeks"] == 0 and planner.plan()["step-2"]["weeks"] == 104
    assert "-3 weeks is outside 0–104; counted as 0" in planner.clamped.value
    assert "200 weeks is outside 0–104; counted as 104" in planner.clamped.value
    planner.weeks["step-1"].value = 3
    planner.weeks["step-2"].value = 3
    assert planner.clamped.value == ""


def test_language_toggle_label_is_not_squeezed_into_the_prompt():
    assert language_toggle().style.description_width == "initial"
    assert comparison_explorer().picker.style.description_width == "initial"


def test_ordering_moves_clamp_at_the_ends_and_say_where_the_item_went():
    widget = widget_with_handle("c6.1-step-order")
    start, total = list(widget.order), len(widget.order)
    labels = {item.id: item.label.en for item in widget.exercise.items}
    widget.move(0, -1)  # off the top: nothing moves, still not attempted, and it says so
    widget.move(total - 1, +1)  # off the bottom
    assert widget.order == start and widget.answer() is ... and widget.check().status == "not_attempted"
    assert "already last" in widget.status.value and labels[start[-1]] in widget.status.value
    widget.move(2, -1)
    assert widget.order[:3] == [start[0], start[2], start[1]]
    assert html.unescape(widget.status.value).count(f"“{labels[start[2]]}” moved to position 2 of {total}.") == 1
    # the rows show the new order, numbered; the ↑ of the first row and the ↓ of the last stay disabled
    assert labels[start[2]] in widget.row_labels[1].value and widget.row_labels[1].value.count("2. ") == 1
    ups = [row.children[2].children[0] for row in widget.body.children if "ckm-row" in row._dom_classes]
    assert [b.disabled for b in ups] == [True] + [False] * (total - 1)
    ckm_course.set_language("zh")
    widget.move(1, +1)
    assert f"已移到第 3 位（共 {total} 位）" in widget.status.value
    assert widget.exercise.items[0].label.zh in " ".join(label.value for label in widget.row_labels)


def test_ordering_moves_are_the_recorded_answer_and_come_back_after_a_restart(monkeypatch):
    widget = widget_with_handle("c6.1-step-order")
    widget.move(0, +1)
    widget.move(4, -1)
    order = list(widget.order)
    assert widget.answer() == order
    widget.buttons["check"].click()
    found = widget._record_handle.updates[-1][MIME]
    assert found["answer"] == order and found["exercise"] == "c6.1-step-order"
    # a new kernel: nothing remembered, the saved notebook holds the record
    monkeypatch.setattr(journal, "_latest_answers", {})
    monkeypatch.setattr(journal, "_journals", {})
    monkeypatch.setattr(saved, "saved_record", lambda ident: found if ident == "c6.1-step-order" else None)
    again = widget_with_handle("c6.1-step-order")
    assert again.order == order and again.answer() == order
    assert "restored" in again.feedback.value and again.last_result.score == found["score"]
    labels = {item.id: item.label.en for item in again.exercise.items}
    assert all(labels[item_id] in again.row_labels[i].value for i, item_id in enumerate(order))
    again.move(1, +1)  # and it moves on from there
    assert again.order == order[:1] + [order[2], order[1]] + order[3:]


def test_show_answer_after_a_partly_wrong_check_clears_the_verdicts_and_says_it_is_recorded():
    """Issue 22, item 2: no ✗, reason, old score or "not answered" beside the filled-in key."""
    widget = widget_with_handle("c3.1-four-categories")
    widget.toggles["name"]["about"].value = True
    widget.toggles["manual"]["from"].value = True         # wrong
    widget.buttons["check"].click()
    assert "✗" in widget.marks["manual"].value and "1/19" in widget.result_line.value
    widget.buttons["show"].click()
    assert all(cell.value == "" for cell in widget.marks.values())
    assert all(widget.reason(item) == "" for item in widget.marks)
    assert "ckm-row-reason" not in widget.texts["manual"].value and "ckm-item-text" in widget.texts["manual"].value
    for shown in (widget.feedback.value, widget.result_line.value):
        assert "1/19" not in shown and "not answered" not in shown
        assert "answer is shown and recorded" in shown
    assert widget.last_result is None and widget.toggles["manual"]["need"].value
    assert widget._record_handle.updates[-1][MIME]["revealed"] is True
    ckm_course.set_language("zh")                          # a language switch keeps saying it, in Chinese
    widget.refresh()
    assert "已显示参考答案" in widget.feedback.value and "✗" not in "".join(c.value for c in widget.marks.values())
    widget.buttons["check"].click()                        # the next check scores the key as usual
    assert widget.last_result.status == "correct" and "ckm-shown" not in widget.feedback.value


def test_the_result_line_beside_the_buttons_repeats_the_score_and_reset_clears_it():
    """Issue 22, item 4: the score where Check was pressed, not only 1,000 px above it."""
    widget = widget_with_handle("c6.1-step-order")
    assert widget.result_line in widget.actions.children and widget.buttons["check"] in widget.actions.children
    widget.move(0, +1)
    widget.buttons["check"].click()
    score = widget.last_result.score_line()
    assert score in widget.result_line.value and score in widget.feedback.value
    widget.buttons["show"].click()
    assert all(mark.value == "" for mark in widget.row_marks) and "recorded" in widget.result_line.value
    widget.buttons["reset"].click()
    assert widget.result_line.value == "" and widget.feedback.value == ""
