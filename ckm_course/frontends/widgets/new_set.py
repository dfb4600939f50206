"""再练一组 New set in the exercise widget (issue 24, "Variants", item 1).

A bank exercise (``exercises/variant.py``) shows one set of its items at a time. Its widget says
which set it shows ("你的这一组 · 第 n 组 Your set · set n") and, in practice mode only, offers a
New set button (:meth:`ckm_course.exercises.exercise.Exercise.new_set`). After a kernel restart the
widget shows the set its saved record was checked on, whatever set the student would be drawn now.
The texts are ``content/app/widgets.toml``.
"""

from __future__ import annotations

import html
from typing import Any

from ckm_course.content.widget_words import widget_words
from ckm_course.exercises import journal, settings
from ckm_course.exercises import variant as variants
from ckm_course.exercises.exercise import Exercise
from ckm_course.i18n import render


def offers_new_set(exercise: Exercise) -> bool:
    """True where the widget shows New set: a bank exercise, in practice mode."""
    return exercise.bank is not None and exercise.variant is not None and settings.mode() == "practice"


def set_line_html(exercise: Exercise) -> str:
    """The line naming the set shown (empty for an exercise without a bank)."""
    if exercise.variant is None:
        return ""
    said = render(widget_words().numbered("set_label", exercise.variant.set))
    return f'<p class="ckm-set" style="margin:0.2em 0"><b>{html.escape(said)}</b></p>'


def drawn_html(exercise: Exercise) -> str:
    """What the result line says once New set drew ``exercise``'s set."""
    number = exercise.variant.set if exercise.variant is not None else 1
    said = html.escape(render(widget_words().numbered("new_set_drawn", number)))
    return f'<p class="ckm-result ckm-result-new-set">{said}</p>'


def button_texts() -> tuple[str, str]:
    """The New set button's label and tooltip, in the current language."""
    words = widget_words()
    return render(words.new_set), render(words.new_set_tooltip)


def saved_set(exercise: Exercise, record: dict[str, Any]) -> Exercise | None:
    """The exercise on the set a saved ``record`` was checked on, when that is not the set ``exercise`` shows
    (a restart: the record's variant, not a new draw); None when it is, or the record names no valid set."""
    if exercise.bank is None or exercise.variant is None:
        return None
    stored = variants.from_record(exercise.bank, record.get("variant"))
    if stored is None or stored == exercise.variant:
        return None
    return Exercise(variants.restrict(exercise.bank, stored.items), exercise.bank, stored)


class NewSet:
    """The New set action of :class:`ckm_course.frontends.widgets.base.ExerciseWidget` (a mixin: it uses the
    widget's ``exercise``, ``body``, ``refresh``, ``feedback``, ``hint_box`` and result state)."""

    def _use(self, exercise: Exercise) -> None:
        """Show another set of the same exercise: new rows, nothing carried over from the old ones."""
        self.exercise = exercise
        self.body.children = ()
        self.refresh()

    def new_set(self) -> Exercise:
        """再练一组 New set (issue 24): draw the next set of the bank (``Exercise.new_set``, which remembers it,
        so re-running the cell shows it too) and show its items with no answers, marks or score; the result
        line says a new set was drawn. The records of the checks made so far stay as they are."""
        following = self.exercise.new_set()
        journal.remember(self.exercise.id, ...)  # nothing to restore on a re-run: the last set's answer is not this set's
        self.last_result, self.note, self.shown, self.drawn = None, "", False, True
        self.hint_box.value = self.feedback.value = ""
        self._use(following)
        return following
