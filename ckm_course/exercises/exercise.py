"""The student-facing exercise object: ``check()``, ``hint()``, ``solution()``.

Modelled on learntools: one object per exercise, built from the content files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ckm_course.content.catalog import catalog
from ckm_course.content.company import CASE_EXERCISE
from ckm_course.content.model import Choice, ExerciseSpec, Item, Text
from ckm_course.exercises import journal, settings
from ckm_course.exercises.checks import Result, check
from ckm_course.exercises.checks.key import key as key_of
from ckm_course.exercises.checks.normalize import offered, presented
from ckm_course.exercises.checks.plan import template as plan_template
from ckm_course.exercises.feedback import Checked
from ckm_course.i18n import render


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

    spec: ExerciseSpec

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
        saved = journal.record_check(self.spec, result, mode)
        if mode == "assessment" and result.status != "error":
            result = Result(self.id, self.kind, "saved", 0.0, result.max_score, (), (), result.answer)
        return Checked.of(result, saved)

    def widget(self) -> Any:
        """The interactive ipywidgets front end of this exercise (see ``ckm_course.frontends.widgets``)."""
        # The one import against the layers (exercises -> frontends; allowed in pyproject's contract):
        # ipywidgets costs ~0.3 s, and a notebook that checks answers in code never builds a widget.
        from ckm_course.frontends.widgets import exercise_widget

        return exercise_widget(self)

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
        journal.note_reveal(self.id)
        return self.key(language)

    def key(self, language: str | None = None) -> Any:
        """The key without recording a reveal: for the course's own tests and the gradebook, not students."""
        return key_of(self.spec, language)

    def describe(self, language: str | None = None) -> str:
        """Title, prompt and what to choose from, as plain text (items in the shown order)."""
        lines = [f"[{self.point}] {render(self.title, language)}", render(self.prompt, language)]
        letters = "abcdefghijklmnopqrstuvwxyz"
        for index, choice in enumerate(() if any(i.options for i in self.items) else self.choices):
            prefix = f"({letters[index]}) " if self.kind == "multiple_choice" and index < 26 else "• "
            lines.append(f"  {prefix}{render(choice.label, language)}")
        for number, item in enumerate(self.items, start=1):
            if item.options:  # a questionnaire: each question with its own lettered options
                lines.append(f"  {number}. {render(item.label, language)}")
                lines += [f"     {c.aliases[-1]}. {render(c.label, language)}" for c in offered(self.spec, item)]
            else:
                lines.append(f"  - {render(item.label, language)}")
        if self.kind == "plan":  # a form: its columns, then its rows (issue 12)
            plan = catalog().plans.find(self.spec.id)
            lines.append("  | " + " | ".join(render(f.label, language) for f in plan.fields))
            lines += [f"  {n}. {render(r.label, language)}" for n, r in enumerate(plan.rows, start=1)]
        return "\n".join(lines)

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


def exercise_specs() -> tuple[ExerciseSpec, ...]:
    """Every exercise a student can check, in chapter order: the course's, with the C3.1 case exercise
    (built from the case data, chapter 9) after the last other C3.1 exercise (issue 21, item 9)."""
    specs = list(catalog().exercises)
    last = max((i for i, s in enumerate(specs) if s.point == "C3.1"), default=len(specs) - 1)
    specs.insert(last + 1, catalog().case_exercise)
    return tuple(specs)


def exercise(exercise_id: str) -> Exercise:
    """The exercise with this id (case-insensitive), e.g. ``exercise("c3.1-four-categories")``; a
    ``KeyError`` names the nearest ids (and echoes at most 80 characters of the id given). The C3.1 case exercise is built from the case data (chapter 9)."""
    if str(exercise_id).strip().casefold() == CASE_EXERCISE:
        return Exercise(catalog().case_exercise)
    return Exercise(catalog().exercises.find(exercise_id))
