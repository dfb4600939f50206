"""What every exercise widget shares: header, buttons, feedback and the answer record.

A widget only gathers the student's answer from its controls and shows marks; the
checking is :meth:`Exercise.check` (``checks/``), the feedback HTML ``feedback.py``
and the record ``record.py``. Subclasses implement ``build`` / ``answer`` /
``set_answer`` / ``show_marks``.
"""

from __future__ import annotations

import html
import weakref
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from ckm_course import record, settings
from ckm_course.checks.messages import msg
from ckm_course.checks.result import MARKS, Result
from ckm_course.exercises import Exercise
from ckm_course.feedback import mark_html, to_html
from ckm_course.i18n import render
from ckm_course.model import Text

LIVE: weakref.WeakSet = weakref.WeakSet()  # re-rendered when the language toggle changes
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_BUTTONS = {
    "check": Text("检查", "Check"), "hint": Text("提示", "Hint"),
    "reset": Text("重置", "Reset"), "show": Text("显示答案", "Show answer"),
}
_SHOWN = Text("已显示参考答案（检查时会注明）。", "The answer is shown (a later check will say so).")


def tr(text: Text | None) -> str:
    return render(text) if text is not None else ""


def mark_label() -> widgets.HTML:
    """The per-row mark cell, empty until the first check."""
    return widgets.HTML(value="", layout=widgets.Layout(width="1.8em"))


class ExerciseWidget(widgets.VBox):
    """An interactive, self-checking exercise. ``w.check()`` is what the Check button does."""

    def __init__(self, exercise: Exercise) -> None:
        self.exercise = exercise
        self.last_result: Result | None = None
        self.revealed = False
        self._record_handle: Any = None
        self.header = widgets.HTML()
        self.hint_box = widgets.HTML()
        self.feedback = widgets.HTML()
        self.buttons = {name: widgets.Button(description=tr(text), layout=widgets.Layout(width="auto"))
                        for name, text in _BUTTONS.items()}
        self.buttons["check"].button_style = "primary"
        self.buttons["check"].on_click(lambda _: self.check())
        self.buttons["hint"].on_click(lambda _: self.show_hint())
        self.buttons["reset"].on_click(lambda _: self.reset())
        self.buttons["show"].on_click(lambda _: self.show_answer())
        self.buttons["show"].layout.display = None if settings.show_answers() else "none"
        self.body = widgets.VBox()
        super().__init__()
        self.add_class("ckm-exercise")
        self.add_class(f"ckm-kind-{exercise.kind}")
        self.add_class(f"ckm-id-{exercise.id.replace('.', '_')}")
        self.refresh()
        previous = record.remembered(exercise.id)
        if previous is not ...:  # the cell was re-run in this kernel: bring the answer back
            self.set_answer(previous)
            self.check()
        LIVE.add(self)

    # --- to implement per kind ---------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        """The controls, labelled in the current language."""
        raise NotImplementedError

    def answer(self) -> Any:
        """The answer the controls hold now, in the form ``Exercise.check`` accepts."""
        raise NotImplementedError

    def set_answer(self, answer: Any) -> None:
        """Put an answer (as from ``answer()`` or ``Exercise.solution()``) into the controls."""
        raise NotImplementedError

    def show_marks(self, result: Result | None) -> None:
        """Show per-row marks of ``result`` (None clears them)."""

    # --- shared behaviour ------------------------------------------------------------
    def refresh(self) -> None:
        """(Re)build everything in the current language, keeping the answer and feedback."""
        kept = self.answer() if self.body.children else ...
        ex = self.exercise
        self.header.value = (f'<h4 style="margin:0.2em 0">[{html.escape(ex.point)}] {html.escape(tr(ex.title))}</h4>'
                             f"<p>{html.escape(tr(ex.prompt))}</p>")
        for name, text in _BUTTONS.items():
            self.buttons[name].description = tr(text)
        self.body.children = self.build()
        if kept is not ...:
            self.set_answer(kept)
        self.show_marks(self.last_result)
        self.feedback.value = to_html(self.last_result) if self.last_result else ""
        if self.hint_box.value:
            self.show_hint()
        self.children = [self.header, self.body, widgets.HBox(list(self.buttons.values())),
                         self.hint_box, self.feedback]

    def check(self) -> Result:
        """Check the current answer, show per-item feedback and record it in the notebook."""
        answer = self.answer()
        result = self.exercise.check(answer)
        self.last_result = result
        record.remember(self.exercise.id, answer)
        self.feedback.value = to_html(result)
        self.show_marks(result)
        self._update_record(result)
        return result

    def show_hint(self) -> None:
        self.hint_box.value = f'<p class="ckm-hint">💡 {html.escape(tr(self.exercise.hint()))}</p>'

    def reset(self) -> None:
        """Clear the controls and the feedback; the recorded answer stays in the notebook."""
        self.last_result = None
        self.hint_box.value = ""
        self.feedback.value = ""
        self.body.children = self.build()
        self.show_marks(None)

    def show_answer(self) -> None:
        """Fill in the key (if the instructor allows it) and say so."""
        if not settings.show_answers():
            return
        self.revealed = True
        self.set_answer(self.exercise.solution())
        self.hint_box.value = f'<p class="ckm-shown">{html.escape(tr(_SHOWN))}</p>'

    def _update_record(self, result: Result) -> None:
        data = record.bundle(result)
        if self.revealed:
            data[record.MIME]["revealed"] = True
        if self._record_handle is not None:
            self._record_handle.update(data, raw=True)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = super()._repr_mimebundle_(**kwargs) or {}
        data["text/plain"] = (f"[{self.exercise.id}] {tr(self.exercise.title)} — "
                              "interactive exercise: run this cell to answer / 互动练习：运行此单元格作答")
        return data

    def _ipython_display_(self) -> None:
        """Show the widget, then its answer record (a display handle updated on every check)."""
        display(self._repr_mimebundle_(), raw=True)
        current = self.last_result or self.exercise.check(...)
        self._record_handle = display(record.bundle(current), raw=True, display_id=True)


def marks_for(result: Result | None) -> dict[str, str]:
    """``{item id: mark html}`` for a result (empty when there is none)."""
    if result is None:
        return {}
    return {v.item_id: mark_html(v.mark) for v in result.verdicts}


__all__ = ["LETTERS", "LIVE", "MARKS", "ExerciseWidget", "mark_label", "marks_for", "msg", "tr"]
