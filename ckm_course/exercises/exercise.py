"""The student-facing exercise object: ``check()``, ``hint()``, ``solution()``.

Modelled on learntools: one object per exercise, built from the content files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from ckm_course.content.catalog import catalog, exercise_specs  # noqa: F401 - exercise_specs: its old place
from ckm_course.content.company import CASE_EXERCISE
from ckm_course.content.model import Choice, ExerciseSpec, Item, Text
from ckm_course.exercises import answers, identity, journal, settings, shown_set
from ckm_course.exercises import variant as variants
from ckm_course.exercises.checks import Result, check
from ckm_course.exercises.checks.key import key as key_of
from ckm_course.exercises.checks.normalize import offered, presented
from ckm_course.exercises.checks.plan import template as plan_template
from ckm_course.exercises.feedback import Checked
from ckm_course.exercises.saved import saved_record
from ckm_course.i18n import render


NEW_SET_TRIES = 20  # sets New set looks ahead for one unlike the set shown
_NUMBERED = ("single_label", "multi_label", "matching")  # kinds whose drawn set is answered by item number


class Choices(tuple):
    """A tuple of :class:`Choice` that prints as a lettered list, not a dataclass repr (issue 10, item 7)."""

    def __repr__(self) -> str:
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        return "\n".join(f"{letters[i] if i < len(letters) else i + 1}. {render(c.label)}  (id: {c.id})"
                         for i, c in enumerate(self))

    __str__ = __repr__


@dataclass(frozen=True)
class Exercise:
    """One auto-checked exercise. ``ex.check(answer)`` returns a :class:`Result`."""

    spec: ExerciseSpec  # what is shown and checked: for a bank exercise, the student's current set
    bank: ExerciseSpec | None = None  # the whole item bank (``content/banks/``), when there is one
    variant: variants.Variant | None = None  # which set of the bank this is (issue 24)

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def kind(self) -> str:
        return self.spec.kind

    @property
    def point(self) -> str:
        """The CONTENT.md point the exercise serves, e.g. ``"C3.1"``."""
        return self.spec.point

    @property
    def title(self) -> Text:
        return self.spec.title

    @property
    def prompt(self) -> Text:
        return self.spec.prompt

    @property
    def items(self) -> tuple[Item, ...]:
        """What to classify, match or order, in the fixed shuffled order students see (never key order)."""
        return presented(self.spec)

    @property
    def choices(self) -> tuple[Choice, ...]:
        """Categories, targets or options to choose from (``print`` shows one readable line each)."""
        return Choices(self.spec.choices)

    @property
    def hints(self) -> tuple[Text, ...]:
        """Every hint tier, the most general first; none gives the key."""
        return (self.spec.hint, *self.spec.hints)

    def check(self, answer: Any) -> Checked:
        """Check ``answer`` and record it; never raises. ``...`` or an empty answer is "not attempted".

        The record is built once (``journal.record_check``) and carried by the result (``.record``).
        In assessment mode the answer is recorded and the result says only that it was saved.
        """
        result = check(self.spec, answer)
        if result.status == "not_attempted":
            return Checked.of(result)
        mode = settings.mode()
        shown = self.variant.as_record() if self.variant is not None else None
        saved = journal.record_check(self.spec, result, mode, shown)
        if mode == "assessment" and result.status != "error":
            result = Result(self.id, self.kind, "saved", 0.0, result.max_score, (), (), result.answer)
        return Checked.of(result, saved)

    def widget(self) -> Any:
        """The interactive ipywidgets front end of this exercise (see ``ckm_course.frontends.widgets``)."""
        # The one import against the layers (exercises -> frontends; allowed in pyproject's contract):
        # ipywidgets costs ~0.3 s, and a notebook that checks answers in code never builds a widget.
        from ckm_course.frontends.widgets import exercise_widget

        return exercise_widget(self)

    def new_set(self, keep: bool = True) -> Exercise:
        """再练一组 New set: the next set of items from this exercise's bank, for more practice (issue 24).

        Each set is drawn for the student (``ckm_course.student(...)``), recorded with its checks,
        and stays the one shown until the next New set, also after a restart. Practice mode only:
        an assessment shows one set, and an exercise without a bank has no other set (a
        ``ValueError`` says which). A set that would show the same items (or question) as this one is
        skipped, so New set always shows something new (the set number then rises by more than one).
        Until it is checked, the new set is kept beside the records (``shown_set.keep``: a line in the cell's
        output, or the app's answer file), so a restart shows it again; ``keep=False`` for a widget, which
        keeps it with its record line (issue 24 item 4).
        """
        if self.bank is None or self.variant is None:
            raise ValueError(f"{self.id} has no item bank: it has no other set")
        if settings.mode() == "assessment":
            raise ValueError("an assessment shows one set of items; New set is for practice")
        following = variants.variant_for(self.bank, student_key(), self.variant.set + 1)
        for _ in range(NEW_SET_TRIES):  # a question bank's next set may draw the same question: skip to a new one
            if following.items != self.variant.items or following.set >= variants.MAX_SET:
                break
            following = variants.variant_for(self.bank, student_key(), following.set + 1)
        journal.note_set(self.id, following.as_record())
        if keep:  # saved beside the records until checked, so a restart shows it (issue 24 item 4; widgets keep their own)
            shown_set.keep(self.id, following.as_record())
        return Exercise(variants.restrict(self.bank, following.items), self.bank, following)

    def hint(self, tier: int | None = None) -> Text:
        """The next hint tier (1, then 2, then 3...), or tier ``tier``; which were seen is recorded."""
        tiers = self.hints
        if tier is None:
            seen = journal.journal(self.id).hints_seen
            tier = min(max(seen, default=0) + 1, len(tiers))
        tier = min(max(int(tier), 1), len(tiers))
        journal.note_hint(self.id, tier)
        text = tiers[tier - 1]
        if len(tiers) == 1:
            return text
        return Text(f"提示 {tier}/{len(tiers)}：{text.zh}", f"Hint {tier}/{len(tiers)}: {text.en}")

    def template(self, language: str | None = None) -> Any:
        """An answer skeleton with ``...`` placeholders, in the form ``check`` expects."""
        if self.variant is not None and self.kind in _NUMBERED:  # a drawn set: its items by the number shown
            return {number: ... for number in range(1, len(self.items) + 1)}
        if self.kind in ("multi_label", "single_label", "matching"):
            return {render(item.label, language): ... for item in self.items}
        if self.kind == "multiple_choice":
            return [...] if self.spec.multiple else ...
        if self.kind == "ordering":
            return [...]
        if self.kind == "plan":
            return plan_template(self.spec, language)
        return ...

    def solution(self, language: str | None = None) -> Any:
        """The key, in the form ``check`` accepts (labels in the chosen language); recorded as revealed.

        Refused (a :class:`Refused` note, not the key) when the instructor turned answers off
        or in assessment mode.
        """
        if not settings.show_answers():
            return Refused()
        if self.variant is not None:  # the reveal belongs to the set shown (mastery counts per set)
            journal.note_set(self.id, self.variant.as_record())
        journal.note_reveal(self.id)
        return self.key(language)

    def key(self, language: str | None = None) -> Any:
        """The key without recording a reveal: for the course's own tests and the gradebook, not students."""
        return key_of(self.spec, language)

    def describe(self, language: str | None = None) -> str:
        """Title, prompt and what to choose from, as plain text (items in the shown order)."""
        lines = [f"[{self.point}] {render(self.title, language)}", render(self.prompt, language)]
        if self.variant is not None:  # which set, and how it is answered (items by number, an order, a question)
            lines.append(render(variants.set_line(self.spec, self.variant.set), language))
        letters = "abcdefghijklmnopqrstuvwxyz"
        for index, choice in enumerate(() if any(i.options for i in self.items) else self.choices):
            prefix = f"({letters[index]}) " if self.kind == "multiple_choice" and index < 26 else "• "
            lines.append(f"  {prefix}{render(choice.label, language)}")
        for number, item in enumerate(self.items, start=1):
            if item.options:  # a questionnaire: each question with its own lettered options
                lines.append(f"  {number}. {render(item.label, language)}")
                lines += [f"     {c.aliases[-1]}. {render(c.label, language)}" for c in offered(self.spec, item)]
            elif self.variant is not None and self.kind in _NUMBERED:  # a drawn set: answer by number, {1: ...}
                lines.append(f"  {number}. {render(item.label, language)}")
            else:
                lines.append(f"  - {render(item.label, language)}")
        if self.kind == "plan":  # a form: its columns, then its rows (issue 12)
            plan = catalog().plans.find(self.spec.id)
            lines.append("  | " + " | ".join(render(f.label, language) for f in plan.fields))
            lines += [f"  {n}. {render(r.label, language)}" for n, r in enumerate(plan.rows, start=1)]
        return "\n".join(lines)

    def your_set(self, language: str | None = None) -> str:
        """The set drawn for this student (issue 24): which set, the choices and the numbered items
        to answer as ``{1: ..., 2: ...}`` (an ordering set: the items to put in order; a question set: the
        question drawn, its prompt and choices); the whole description for an exercise without a bank."""
        lines = self.describe(language).split("\n")
        if self.variant is None:
            return "\n".join(lines)
        # a question set is its prompt (the question drawn), so only the title goes; an item set keeps its lines
        return "\n".join(lines[1:] if self.spec.questions else lines[2:])

    def __str__(self) -> str:
        return self.describe()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.describe())


class Refused:
    """What ``solution()`` gives when answers are hidden: a bilingual note, falsy, never the key."""

    TEXT = Text("参考答案已由老师关闭（或处于测评模式），这里不显示。",
                "The instructor has turned answers off (or this is assessment mode), so no answer is shown.")

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return render(self.TEXT)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


def student_key() -> str | None:
    """Who the items of a bank exercise are drawn for: the id (else name) given to ``ckm_course.student``
    in this kernel, else the app's student, else the hub user; None before anyone identified."""
    found = identity.current()
    if found is not None:
        return found.id or found.name
    app = answers.app_student()
    if app is not None:
        return app["id"] or app["name"]
    return os.environ.get("JUPYTERHUB_USER", "").strip() or None


def _current_set(exercise_id: str) -> int:
    """The set shown now: the journal's (a New set, a check), else a saved New set newer than the saved
    record's set (``shown_set.py``), else the saved record's, else 1."""
    shown = journal.journal(exercise_id).variant
    if shown is None:
        try:
            saved = saved_record(exercise_id)
        except Exception:  # noqa: BLE001 - an unreadable notebook only means set 1
            saved = None
        shown = saved.get("variant") if isinstance(saved, dict) else None
        drawn = shown_set.drawn_number(exercise_id, saved if isinstance(saved, dict) else None)
        shown = {"set": drawn} if drawn is not None else shown  # a New set not checked yet (issue 24 item 4)
    number = shown.get("set") if isinstance(shown, dict) else None
    return number if isinstance(number, int) and not isinstance(number, bool) and 1 <= number <= variants.MAX_SET else 1


def exercise(exercise_id: str) -> Exercise:
    """The exercise with this id (case-insensitive), e.g. ``exercise("c3.1-four-categories")``; a
    ``KeyError`` names the nearest ids (and echoes at most 80 characters of the id given). The C3.1 case exercise is built from the case data (chapter 9).

    A practice exercise with an item bank shows the student's current set (issue 24): drawn for who
    identified with ``ckm_course.student(...)`` (the default set before that), the set number kept
    across New set, checks and restarts."""
    if str(exercise_id).strip().casefold() == CASE_EXERCISE:
        return Exercise(catalog().case_exercise)
    spec = catalog().exercises.find(exercise_id)
    if not variants.has_bank(spec):
        return Exercise(spec)
    shown = variants.variant_for(spec, student_key(), _current_set(spec.id))
    return Exercise(variants.restrict(spec, shown.items), spec, shown)
