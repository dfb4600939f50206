"""The student-facing exercise object: ``check()``, ``hint()``, ``solution()``.

Modelled on learntools: one object per exercise, built from the content files.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from typing import Any

from ckm_course.checks import Result, check
from ckm_course.checks.normalize import offered, presented
from ckm_course.i18n import render
from ckm_course.model import Choice, ExerciseSpec, Item, Text


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

    def check(self, answer: Any) -> Result:
        """Check ``answer`` and record it; never raises. ``...`` or an empty answer is "not attempted".

        In assessment mode the answer is recorded and the result says only that it was saved.
        """
        from ckm_course import record, settings

        result = check(self.spec, answer)
        if result.status == "not_attempted":
            return result
        mode = settings.mode()
        saved = record.record_check(self.spec, result, mode)
        if mode == "assessment" and result.status != "error":
            result = Result(self.id, self.kind, "saved", 0.0, result.max_score, (), (), result.answer)
        return dataclasses.replace(result, record=saved)

    def widget(self) -> Any:
        """The interactive ipywidgets front end of this exercise (see ``ckm_course.widgets``)."""
        from ckm_course.widgets import exercise_widget

        return exercise_widget(self)

    def hint(self, tier: int | None = None) -> Text:
        """The next hint tier (1, then 2, then 3...), or tier ``tier``; which were seen is recorded."""
        from ckm_course import record

        tiers = self.hints
        if tier is None:
            seen = record.journal(self.id).hints_seen
            tier = min(max(seen, default=0) + 1, len(tiers))
        tier = min(max(int(tier), 1), len(tiers))
        record.note_hint(self.id, tier)
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
            from ckm_course.checks.plan import template

            return template(self.spec, language)
        return ...

    def solution(self, language: str | None = None) -> Any:
        """The key, in the form ``check`` accepts (labels in the chosen language); recorded as revealed.

        Refused (a :class:`Refused` note, not the key) when the instructor turned answers off
        or in assessment mode.
        """
        from ckm_course import record, settings

        if not settings.show_answers():
            return Refused()
        record.note_reveal(self.id)
        return self.key(language)

    def key(self, language: str | None = None) -> Any:
        """The key without recording a reveal: for the course's own tests and the gradebook, not students."""
        spec = self.spec
        label = {c.id: render(c.label, language) for c in spec.choices}
        if spec.kind == "multi_label":
            return {render(i.label, language): [label[a] for a in i.answer] for i in spec.items}
        if spec.kind in ("single_label", "matching"):
            return {render(i.label, language): label[i.answer[0]] for i in spec.items}
        if spec.kind == "ordering":
            return [render(i.label, language) for i in spec.items]
        if spec.kind == "multiple_choice":
            chosen = [label[c] for c in spec.correct]
            return chosen if spec.multiple else chosen[0]
        if spec.kind == "plan":
            from ckm_course.checks.plan import key

            return key(spec, language)
        if spec.kind == "value":
            if spec.expected_table is None:
                return spec.expected
            import pandas as pd  # only value-table solutions need pandas

            table = spec.expected_table
            return pd.DataFrame([list(r) for r in table.rows], columns=list(table.columns))
        return render(spec.model_answer, language) if spec.model_answer else ""

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
            from ckm_course.plans import plan_for

            plan = plan_for(self.spec)
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


def find(exercise_id: str, specs: tuple[ExerciseSpec, ...]) -> ExerciseSpec:
    """Look up a spec by id (case-insensitive); a clear error names the nearest ids."""
    wanted = str(exercise_id).strip().casefold()
    for spec in specs:
        if spec.id.casefold() == wanted:
            return spec
    ids = [s.id for s in specs]
    near = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(near)}?" if near else f"; known ids: {', '.join(ids)}"
    raise KeyError(f"no exercise {exercise_id!r}{hint}")
