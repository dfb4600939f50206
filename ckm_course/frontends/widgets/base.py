"""What every exercise widget shares: header, buttons, feedback and the answer record.

A widget only gathers the student's answer from its controls and shows marks; the
checking is :meth:`Exercise.check` (``checks/``), the feedback HTML ``feedback.py``
and the record ``record.py`` / ``journal.py``. Subclasses implement ``build`` / ``answer`` /
``set_answer`` / ``show_marks``.
"""

from __future__ import annotations

import html
import weakref
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from ckm_course.content.model import Text
from ckm_course.exercises import answers, journal, saved, settings
from ckm_course.exercises.checks import check
from ckm_course.exercises.checks.messages import msg
from ckm_course.exercises.checks.result import MARKS, Result, score_text
from ckm_course.exercises.exercise import Exercise, Refused
from ckm_course.exercises.feedback import NOT_SCORED, app_saved_html, question_html, record_html, to_html
from ckm_course.exercises.record import MIME
from ckm_course.frontends.widgets import new_set as sets
from ckm_course.frontends.widgets import shared
from ckm_course.frontends.widgets.look import KEYS_JS, style_html
from ckm_course.frontends.widgets.rows import mark_label, marks_for, reason_label, reasons_for  # noqa: F401 - base.* too
from ckm_course.i18n import render

LIVE: weakref.WeakSet = weakref.WeakSet()  # re-rendered when the language toggle changes
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_BUTTONS = {
    "check": Text("检查", "Check"), "hint": Text("提示", "Hint"),
    "reset": Text("重置", "Reset"), "show": Text("显示答案", "Show answer"),
}
_SHOWN = Text("已显示参考答案：上面已填入参考答案，并已记录你查看过答案。再点“检查”会照常评分。",
              "The answer is shown and recorded: the key is filled in above, and your record notes that you "
              "looked at it. Check scores it as usual.")
_RESTORED = Text("已从保存的笔记本中恢复你上次检查的答案。", "Your last checked answer was restored from the saved notebook.")
# in the Voila app the answer comes from the page's answer file, not a notebook (issue 22.6)
_RESTORED_APP = Text("已从你的答案文件中恢复你上次检查的答案。", "Your last checked answer was restored from your answer file.")
_HINT = Text("提示", "Hint")
_UNCHECKED = Text("尚未检查", "not checked yet")
_SAVED_WORD = Text("已保存", "saved")
_SCORE_WORD = Text("得分", "Score")
_ATTEMPT_WORD = Text("检查次数", "attempt")


def tr(text: Text | None) -> str:
    return render(text) if text is not None else ""


def _button_layout(shown: bool = True) -> dict[str, Any]:
    """A button's layout traits: a hidden button (Show answer, New set) gets the shared hidden layout."""
    return {"width": "auto", "display": None if shown else "none"}


class ExerciseWidget(sets.NewSet, widgets.VBox):
    """An interactive, self-checking exercise. ``w.check()`` is what the Check button does.

    Below the widget sits its answer record (``record.py``, kept by ``journal.py``), updated on every check, hint
    and reveal. A widget built in a kernel that has no answer for its exercise (after a
    restart) restores the last answer saved in the notebook file: controls filled,
    feedback shown, and the saved record is displayed unchanged, never overwritten.
    """

    verdicts_beside_rows = False  # True where each row shows its own mark and reason

    def __init__(self, exercise: Exercise) -> None:
        self.exercise = exercise
        self.last_result: Result | None = None
        self.note = ""
        self._record_handle: Any = None
        # static parts share their layout and style models, and get their classes when built (issue 23: each
        # model and each change is a message to the page); a shared layout is swapped, never changed
        self.header = shared.html()
        self.hint_box = shared.html()
        self.feedback = shared.html(classes=("ckm-feedback-box",))
        self.result_line = shared.html(classes=("ckm-result-line",))  # the score again, beside the buttons (issue 22.4)
        self.shown = False  # the key was filled in by Show answer and not checked since
        # Voila app mode (issue 14): Voila never updates the record line below the widget after the page is
        # built, so the widget itself says where the answer was saved, or that it could not be saved.
        self.in_app = answers.in_app()
        self._saved_line: widgets.HTML | None = None  # built on first use (saved_line): the app shows it
        shown = {"show": settings.show_answers()}
        self.buttons = {name: shared.make(widgets.Button, description=tr(text), layout_traits=_button_layout(
                            shown.get(name, True)), button_style="primary" if name == "check" else "")
                        for name, text in _BUTTONS.items()}
        self.buttons["check"].on_click(lambda _: self.check())
        self.buttons["hint"].on_click(lambda _: self.show_hint())
        self.buttons["reset"].on_click(lambda _: self.reset())
        self.buttons["show"].on_click(lambda _: self.show_answer())
        label, tooltip = sets.button_texts()  # issue 24; refresh() relabels it in another language
        self.buttons["new_set"] = shared.make(widgets.Button, description=label, tooltip=tooltip, classes=("ckm-new-set",),
                                              layout_traits=_button_layout(shown=sets.offers_new_set(exercise)))
        self.buttons["new_set"].on_click(lambda _: self.new_set())
        self.drawn = False  # New set was pressed and nothing checked or reset since: the result line says so
        self.body = shared.vbox()
        self.actions = shared.hbox([*self.buttons.values(), self.result_line], classes=("ckm-actions",))
        super().__init__(_dom_classes=("ckm-exercise", f"ckm-kind-{exercise.kind}",
                                       f"ckm-id-{exercise.id.replace('.', '_')}"))
        self.refresh()
        self._restore()
        self._update_saved_line()
        LIVE.add(self)

    @property
    def saved_line(self) -> widgets.HTML:
        """Where the app says the answer was saved (issue 14); built on first use, so a notebook outside the
        app opens one model less per exercise (issue 23)."""
        if self._saved_line is None:
            self._saved_line = shared.html(classes=("ckm-app-saved-box",))
        return self._saved_line

    # --- to implement per kind ---------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        """The controls, labelled in the current language."""
        raise NotImplementedError

    def answer(self) -> Any:
        """The answer the controls hold now, in the form ``Exercise.check`` accepts (``...`` if untouched)."""
        raise NotImplementedError

    def set_answer(self, answer: Any) -> None:
        """Put an answer (as from ``answer()``, a saved record or ``Exercise.solution()``) into the controls."""
        raise NotImplementedError

    def show_marks(self, result: Result | None) -> None:
        """Show per-row marks of ``result`` (None clears them)."""

    # --- shared behaviour ------------------------------------------------------------
    def _restore(self) -> None:
        """Bring back this kernel's last answer (cell re-run) or the notebook's saved one (kernel restart)."""
        previous = journal.remembered(self.exercise.id)
        if previous is not ...:
            self.set_answer(previous)
            self._show(check(self.exercise.spec, previous))
            return
        if journal.current(self.exercise.id) is not None or self.restore_drawn():  # a drawn set: new_set.py
            return
        found = saved.saved_record(self.exercise.id)
        if not found or found.get("answer") is None:
            return
        journal.seed(found)
        on_saved_set = sets.saved_set(self.exercise, found)
        if on_saved_set is not None:  # a restart: the set the record was checked on, not a new draw
            self._use(on_saved_set)
        self.set_answer(found["answer"])
        journal.remember(self.exercise.id, self.answer())
        self.note = f'<p class="ckm-restored">{html.escape(tr(_RESTORED_APP if self.in_app else _RESTORED))}</p>'
        self._show(check(self.exercise.spec, self.answer()))

    def _show(self, result: Result) -> None:
        """Show ``result`` as feedback (only the fact that it was saved, in assessment mode)."""
        if settings.mode() == "assessment" and result.status not in ("not_attempted", "error"):
            result = Result(result.exercise_id, result.kind, "saved", 0.0, result.max_score)
        self.last_result = result
        self.shown = self.drawn = False
        self.feedback.value = self.note + to_html(result, verdicts=not self.verdicts_beside_rows)
        self.result_line.value = f'<p class="ckm-result"><b>{html.escape(result.score_line())}</b></p>'
        self.show_marks(result)

    def refresh(self) -> None:
        """(Re)build everything in the current language, keeping the answer and feedback."""
        kept = self.answer() if self.body.children else ...
        ex = self.exercise
        self.header.value = (f'{style_html()}<h4 class="ckm-title" style="margin:0.2em 0">[{html.escape(ex.point)}] '
                             f'{html.escape(tr(ex.title))}</h4><p style="margin:0.2em 0">{html.escape(tr(ex.prompt))}</p>'
                             f'{sets.set_line_html(ex)}')
        for name, text in _BUTTONS.items():
            self.buttons[name].description = tr(text)
        self.buttons["new_set"].description, self.buttons["new_set"].tooltip = sets.button_texts()
        self.buttons["new_set"].layout = shared.layout(**_button_layout(shown=sets.offers_new_set(ex)))
        self.body.children = self.build()
        if kept is not ...:
            self.set_answer(kept)
        if self.last_result is not None:
            self._show(self.last_result)
        elif self.shown:
            self._say_shown()
        elif self.drawn:
            self.result_line.value = sets.drawn_html(ex)
        if self.hint_box.value:
            self.show_hint(again=True)
        # the score line and messages at the top, under the question; per-row verdicts sit on the rows
        self.children = [self.header, self.feedback, *([self.saved_line] if self.in_app else []), self.body,
                         self.actions, self.hint_box]
        self._update_record()

    def check(self) -> Result:
        """Check the current answer, show per-item feedback and record it in the notebook.

        The record is the one ``Exercise.check`` built (``result.record``), not built again here.
        """
        answer = self.answer()
        result = self.exercise.check(answer)
        self.note = ""
        if result.status != "not_attempted":
            journal.remember(self.exercise.id, answer)
        self._show(result)
        if result.status != "not_attempted":  # an empty check never replaces what is recorded
            self._update_record(result.record)
        return result

    def show_hint(self, again: bool = False) -> None:
        """Show the next hint tier (``again``: the same tier, e.g. after a language switch)."""
        seen = journal.journal(self.exercise.id).hints_seen
        text = self.exercise.hint(max(seen, default=1) if again else None)
        self.hint_box.value = f'<p class="ckm-hint"><b>{html.escape(tr(_HINT))}</b> {html.escape(tr(text))}</p>'
        self._update_record()

    def reset(self) -> None:
        """Clear the controls and the feedback; the recorded answer stays in the notebook."""
        self.last_result = None
        self.shown = self.drawn = False
        self.note = ""
        self.hint_box.value = ""
        self.feedback.value = self.result_line.value = ""
        self.body.children = self.build()
        self.show_marks(None)

    def show_answer(self) -> None:
        """Fill in the key, if answers are allowed; the reveal is recorded.

        The verdicts of the last check (marks, reasons, score, "not answered") no longer describe what the
        controls hold, so they go; the feedback and the result line say the answer is shown and recorded
        (issue 22, item 2)."""
        if not settings.show_answers():
            self.hint_box.value = f'<p class="ckm-shown">{html.escape(repr(Refused()))}</p>'
            return
        self.set_answer(self.exercise.solution())
        self.last_result, self.note = None, ""
        self.show_marks(None)
        self._say_shown()
        self._update_record()

    def _say_shown(self) -> None:
        """Say, at the top and beside the buttons, that the key is shown and the reveal recorded."""
        self.shown = True
        said = html.escape(tr(_SHOWN))
        self.feedback.value = f'<p class="ckm-shown">{said}</p>'
        self.result_line.value = f'<p class="ckm-result ckm-result-shown">{said}</p>'

    def record_bundle(self, current: dict[str, Any] | None = None) -> dict[str, Any]:
        """The display bundle of this exercise's record (``current``, else the journal's): JSON record,
        static HTML view, one text line."""
        current = current if current is not None else journal.current(self.exercise.id)
        data: dict[str, Any] = {"text/html": record_html(current, self.exercise)}
        if current is None:
            data["text/plain"] = f"[{self.exercise.id}] {tr(_UNCHECKED)}"
            return sets.with_unchecked(self.exercise, data)  # a New set not checked yet says so (issue 24.4)
        data[MIME] = current
        score = current.get("score")
        line = (f"{score_text(score)}/{score_text(current.get('max_score') or 0)}" if isinstance(score, (int, float))
                else tr(_SAVED_WORD))
        summary = tr(NOT_SCORED) if current.get("status") == "recorded" else f"{tr(_SCORE_WORD)}: {line}"
        data["text/plain"] = f"[{self.exercise.id}] {summary} · {tr(_ATTEMPT_WORD)} {current.get('attempt')}"
        return sets.with_unchecked(self.exercise, data)

    def _update_record(self, current: dict[str, Any] | None = None) -> None:
        """Show the record (``current``: the one a check just made; else the journal's) below the widget."""
        current = current if current is not None else journal.current(self.exercise.id)
        if self._record_handle is not None:
            self._record_handle.update(self.record_bundle(current), raw=True)
        self._update_saved_line(current)

    def _update_saved_line(self, current: dict[str, Any] | None = None) -> None:
        """In the app, show where the record was saved (and its score), or that saving it failed."""
        if not self.in_app:
            return
        state = journal.save_state(self.exercise.id)
        path = state.path if state is not None else answers.current_answer_file()
        current = current if current is not None else journal.current(self.exercise.id)
        self.saved_line.value = sets.unchecked_html(self.exercise, "ckm-app-unchecked") + app_saved_html(  # 24.4
            current, path, state.error if state is not None else None, code=state.code if state is not None else None,
            set_aside=state.set_aside if state is not None else None)

    def __repr__(self) -> str:
        # ipywidgets' own repr walks the whole tree (~100 child widgets: 0.1 s per notebook of exercises)
        # and _repr_mimebundle_ below replaced its text anyway
        return (f"[{self.exercise.id}] {tr(self.exercise.title)} — "
                "interactive exercise: run this cell to answer / 互动练习：运行此单元格作答")

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        """The widget view, plus the question as static HTML and text for readers without a kernel
        (GitHub, nbviewer, nbconvert); JupyterLab with a kernel shows the widget."""
        data = super()._repr_mimebundle_(**kwargs) or {}
        data["text/html"] = question_html(self.exercise)
        data["text/plain"] = repr(self)  # whole: ipywidgets cuts its text at 110 characters
        return data

    def _ipython_display_(self) -> None:
        """Show the widget, the keyboard/ARIA script of ``look.py`` (empty text where a page will not run
        it), then the answer record (a display handle updated on every check; always the last output)."""
        display(self._repr_mimebundle_(), raw=True)
        display({"application/javascript": KEYS_JS, "text/plain": ""}, raw=True)
        self._record_handle = display(self.record_bundle(), raw=True, display_id=True)


__all__ = ["LETTERS", "LIVE", "MARKS", "ExerciseWidget", "mark_label", "marks_for", "msg", "reason_label",
           "reasons_for", "tr"]
