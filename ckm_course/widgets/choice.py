"""Multiple choice (radio or checkboxes), value entry and open answers (C1.1, C2.4, C1.3, C9.1...)."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from ckm_course.checks.normalize import Resolver
from ckm_course.widgets.base import ExerciseWidget, tr


class MultipleChoice(ExerciseWidget):
    """One option (radio buttons) or several ("select all that apply": checkboxes)."""

    def build(self) -> list[widgets.Widget]:
        choices = self.exercise.choices
        if self.exercise.spec.multiple:
            self.boxes = {c.id: widgets.Checkbox(description=tr(c.label), value=False, indent=False,
                                                 layout=widgets.Layout(width="auto")) for c in choices}
            for choice_id, box in self.boxes.items():
                box.add_class(f"ckm-option-{choice_id}")
            return list(self.boxes.values())
        self.radio = widgets.RadioButtons(options=[(tr(c.label), c.id) for c in choices], value=None,
                                          layout=widgets.Layout(width="auto"))
        return [self.radio]

    def answer(self) -> Any:
        if self.exercise.spec.multiple:
            return [c for c, box in self.boxes.items() if box.value]
        return self.radio.value if self.radio.value is not None else ...

    def set_answer(self, answer: Any) -> None:
        resolver = Resolver(self.exercise.choices)
        values = answer if isinstance(answer, (list, tuple, set)) else [answer]
        chosen = {i for i in (resolver.lookup(v) for v in values) if i is not None}
        if self.exercise.spec.multiple:
            for choice_id, box in self.boxes.items():
                box.value = choice_id in chosen
        else:
            self.radio.value = next(iter(chosen), None)


class ValueEntry(ExerciseWidget):
    """A number typed as text, so "¥3,200" or "3200 元" are read (the checker parses it)."""

    def build(self) -> list[widgets.Widget]:
        unit = f" ({tr(self.exercise.spec.unit)})" if self.exercise.spec.unit else ""
        self.text = widgets.Text(value="", placeholder="…", description=f"= {unit}",
                                 layout=widgets.Layout(width="20em"))
        return [self.text]

    def answer(self) -> Any:
        return self.text.value if self.text.value.strip() else ...

    def set_answer(self, answer: Any) -> None:
        self.text.value = "" if answer is ... or answer is None else str(answer)


class OpenAnswer(ExerciseWidget):
    """An open question (C9.1): the answer is recorded and the checklist shown, not scored."""

    def build(self) -> list[widgets.Widget]:
        self.text = widgets.Textarea(value="", placeholder="…", layout=widgets.Layout(width="100%", height="10em"))
        return [self.text]

    def answer(self) -> Any:
        return self.text.value if self.text.value.strip() else ...

    def set_answer(self, answer: Any) -> None:
        self.text.value = answer if isinstance(answer, str) else ""
