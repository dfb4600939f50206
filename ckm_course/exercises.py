"""The student-facing exercise object: ``check()``, ``hint()``, ``solution()``.

Modelled on learntools: one object per exercise, built from the content files.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from ckm_course.checks import Result, check
from ckm_course.i18n import render
from ckm_course.model import Choice, ExerciseSpec, Item, Text


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
        """What to classify, match or order (empty for multiple choice, value and open)."""
        return self.spec.items

    @property
    def choices(self) -> tuple[Choice, ...]:
        """Categories, targets or options to choose from."""
        return self.spec.choices

    def check(self, answer: Any) -> Result:
        """Check ``answer``; never raises. ``...`` or an empty answer is "not attempted"."""
        return check(self.spec, answer)

    def widget(self) -> Any:
        """The interactive ipywidgets front end of this exercise (see ``ckm_course.widgets``)."""
        from ckm_course.widgets import exercise_widget

        return exercise_widget(self)

    def hint(self) -> Text:
        """A nudge towards the answer, without giving it away."""
        return self.spec.hint

    def template(self, language: str | None = None) -> Any:
        """An answer skeleton with ``...`` placeholders, in the form ``check`` expects."""
        if self.kind in ("multi_label", "single_label", "matching"):
            return {render(item.label, language): ... for item in self.items}
        if self.kind == "multiple_choice":
            return [...] if self.spec.multiple else ...
        if self.kind == "ordering":
            return [...]
        return ...

    def solution(self, language: str | None = None) -> Any:
        """The key, in the form ``check`` accepts (labels in the chosen language)."""
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
        if spec.kind == "value":
            if spec.expected_table is None:
                return spec.expected
            import pandas as pd  # only value-table solutions need pandas

            table = spec.expected_table
            return pd.DataFrame([list(r) for r in table.rows], columns=list(table.columns))
        return render(spec.model_answer, language) if spec.model_answer else ""

    def describe(self, language: str | None = None) -> str:
        """Title, prompt and what to choose from, as plain text."""
        lines = [f"[{self.point}] {render(self.title, language)}", render(self.prompt, language)]
        letters = "abcdefghijklmnopqrstuvwxyz"
        for index, choice in enumerate(self.choices):
            prefix = f"({letters[index]}) " if self.kind == "multiple_choice" and index < 26 else "• "
            lines.append(f"  {prefix}{render(choice.label, language)}")
        for item in self.items:
            lines.append(f"  - {render(item.label, language)}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.describe())


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
