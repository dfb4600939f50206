"""再练一组 New set in the exercise widget (issue 24, "Variants", item 1).

A bank exercise (``exercises/variant.py``) shows one set of its items at a time. Its widget says
which set it shows ("你的这一组 · 第 n 组 Your set · set n") and, in practice mode only, offers a
New set button (:meth:`ckm_course.exercises.exercise.Exercise.new_set`). After a kernel restart the
widget shows the set its saved record was checked on, whatever set the student would be drawn now.

A set drawn and not checked yet (issue 24 item 4) is kept beside the record (``exercises/shown_set.py``):
in the app in the answer file, in a notebook in the record's display output. A reload or restart shows
that set, empty, while the record (and the gradebook) keeps the last checked set; until it is checked,
the record line below the widget (the saved line, in the app) says the set is new and not checked.
The texts are ``content/app/widgets.toml``.
"""

from __future__ import annotations

import html
from typing import Any

from ckm_course.content.widget_words import widget_words
from ckm_course.exercises import answers, journal, saved, settings, shown_set
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
    field = "question_label" if exercise.bank.questions else "set_label"
    said = render(widget_words().numbered(field, exercise.variant.set))
    return f'<p class="ckm-set" style="margin:0.2em 0"><b>{html.escape(said)}</b></p>'


def drawn_html(exercise: Exercise) -> str:
    """What the result line says once New set drew ``exercise``'s set."""
    number = exercise.variant.set if exercise.variant is not None else 1
    field = "new_question_drawn" if exercise.bank is not None and exercise.bank.questions else "new_set_drawn"
    said = html.escape(render(widget_words().numbered(field, number)))
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


def unchecked(exercise: Exercise) -> variants.Variant | None:
    """The set ``exercise`` shows when it is one New set drew and nothing checked since (issue 24 item 4): a
    set after the one the last record was checked on (after set 1, when nothing was checked); else None."""
    if exercise.variant is None:
        return None
    current = journal.current(exercise.id)
    stored = current.get("variant") if current is not None else None
    checked = stored.get("set") if isinstance(stored, dict) else None
    last = checked if isinstance(checked, int) and not isinstance(checked, bool) else 1
    return exercise.variant if exercise.variant.set > last else None


def _unchecked_text(exercise: Exercise, drawn: variants.Variant) -> str:
    field = "new_set_unchecked" if journal.current(exercise.id) is not None else "new_set_unchecked_first"
    return render(widget_words().numbered(field, drawn.set))


def unchecked_html(exercise: Exercise, css_class: str) -> str:
    """One line saying the set shown is new and not checked (empty when it is not): above the record
    (``css_class`` ``"ckm-saved"``, which the app hides) or above the app's saved line."""
    drawn = unchecked(exercise)
    if drawn is None:
        return ""
    said = html.escape(_unchecked_text(exercise, drawn))
    return (f'<p class="{css_class} ckm-new-set-unchecked" role="status" data-set="{drawn.set}" style="margin:0.2em 0;'
            f'border-left:3px solid var(--jp-brand-color1, #0969da);padding-left:0.5em">{said}</p>')


def with_unchecked(exercise: Exercise, bundle: dict[str, Any]) -> dict[str, Any]:
    """The record's display ``bundle`` saying the set shown is not checked yet, and carrying that set under
    ``shown_set.MIME`` beside the record (not in it), so a saved notebook brings it back after a restart."""
    drawn = unchecked(exercise)
    if drawn is None:
        return bundle
    text = f"[{exercise.id}] {_unchecked_text(exercise, drawn)}"
    if journal.current(exercise.id) is not None:  # then the last check's score and attempt, as before
        text += " · " + str(bundle.get("text/plain", "")).split("] ", 1)[-1]
    return {**bundle, "text/html": unchecked_html(exercise, "ckm-saved") + bundle.get("text/html", ""),
            "text/plain": text, shown_set.MIME: shown_set.payload(exercise.id, drawn.as_record())}


class NewSet:
    """The New set action of :class:`ckm_course.frontends.widgets.base.ExerciseWidget` (a mixin: it uses the
    widget's ``exercise``, ``body``, ``refresh``, ``feedback``, ``hint_box`` and result state)."""

    def restore_drawn(self) -> bool:
        """After a restart or reload, show the set drawn before it and not checked (issue 24 item 4), empty,
        with the last checked record seeded into the journal as it was; True if there was one. A kernel that
        already knows its set (a re-run cell) keeps it."""
        ex = self.exercise
        if not offers_new_set(ex) or journal.journal(ex.id).variant is not None:
            return False
        found = saved.saved_record(ex.id)
        drawn = shown_set.newer_than_checked(ex.bank, shown_set.saved_shown(ex.id), found)
        if drawn is None:
            return False
        if found:
            journal.seed(found)
        journal.note_set(ex.id, drawn.as_record())
        self.drawn = True
        self._use(Exercise(variants.restrict(ex.bank, drawn.items), ex.bank, drawn))
        return True

    def _keep_drawn(self) -> None:
        """In the app, write the set just drawn to the answer file (``answers.save_shown``); a failure is said
        above the items, in both languages (the set stays on this page)."""
        if not answers.in_app() or self.exercise.variant is None:
            return
        try:
            answers.save_shown(self.exercise.id, self.exercise.variant.as_record())
        except Exception as exc:  # noqa: BLE001 - whatever failed, the page keeps the set and says so
            reason = (exc.strerror or str(exc)) if isinstance(exc, OSError) else f"{type(exc).__name__}: {exc}"
            text = widget_words().new_set_not_kept
            reason = " ".join(str(reason).split())[:200]
            said = "<br>".join(html.escape(getattr(text, language).replace("{reason}", reason)) for language in ("zh", "en"))
            self.feedback.value = f'<p class="ckm-new-set-not-kept" role="alert">{said}</p>'

    def _use(self, exercise: Exercise) -> None:
        """Show another set of the same exercise: new rows, nothing carried over from the old ones."""
        self.exercise = exercise
        self.body.children = ()
        self.refresh()

    def new_set(self) -> Exercise:
        """再练一组 New set (issue 24): draw the next set of the bank (``Exercise.new_set``, which remembers it,
        so re-running the cell shows it too) and show its items with no answers, marks or score; the result
        line says a new set was drawn. The records of the checks made so far stay as they are."""
        following = self.exercise.new_set(keep=False)  # kept by the record line or the answer file (_keep_drawn)
        journal.remember(self.exercise.id, ...)  # nothing to restore on a re-run: the last set's answer is not this set's
        self.last_result, self.note, self.shown, self.drawn = None, "", False, True
        self.hint_box.value = self.feedback.value = ""
        self._use(following)
        self._keep_drawn()
        return following
