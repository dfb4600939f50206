"""Multiple choice (radio or checkboxes), value entry and open answers (C1.1, C2.4, C1.3, C9.1...)."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ckm_course.exercises.checks.normalize import Resolver
from ckm_course.i18n import fold
from ckm_course.frontends.widgets import shared
from ckm_course.frontends.widgets.base import ExerciseWidget, tr


class MultipleChoice(ExerciseWidget):
    """One option (radio buttons) or several ("select all that apply": checkboxes)."""

    def build(self) -> list[widgets.Widget]:
        choices = self.exercise.choices
        if self.exercise.spec.multiple:
            self.boxes = {c.id: shared.make(widgets.Checkbox, description=tr(c.label), value=False, indent=False,
                                            classes=(f"ckm-option-{c.id}",), layout_traits={"width": "auto"})
                          for c in choices}  # layouts and styles shared (shared.py, issue 23)
            return list(self.boxes.values())
        self.radio = shared.make(widgets.RadioButtons, options=[(tr(c.label), c.id) for c in choices], value=None,
                                 layout_traits={"width": "auto"})
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
    """A number typed as text, so "¥3,200" or "3200 元" are read (the checker parses it).

    A table exercise gets a text area instead: one row a line, cells separated by commas,
    in the order of the expected columns (shown as the placeholder).
    """

    @property
    def table(self):
        return self.exercise.spec.expected_table

    def build(self) -> list[widgets.Widget]:
        if self.table is not None:
            columns = ", ".join(self.table.columns)
            self.text = shared.make(widgets.Textarea, value="", placeholder=f"{columns}\n…",
                                    layout_traits={"width": "24em", "height": "8em"})
            return [shared.html(f"<code>{html.escape(columns)}</code>"), self.text]
        unit = f" ({tr(self.exercise.spec.unit)})" if self.exercise.spec.unit else ""
        self.text = shared.make(widgets.Text, value="", placeholder="…", description=f"= {unit}",
                                layout_traits={"width": "20em"})
        return [self.text]

    def _cells(self, row: Any) -> list[Any]:
        """A row as its cells in column order (a saved record keeps rows as {column: cell})."""
        if isinstance(row, dict):
            folded = {fold(str(k)): v for k, v in row.items()}
            return [folded.get(fold(c), "") for c in self.table.columns]
        return list(row) if isinstance(row, (list, tuple)) else [row]

    def answer(self) -> Any:
        if not self.text.value.strip():
            return ...
        if self.table is None:
            return self.text.value
        rows = [[cell.strip() for cell in line.replace("，", ",").split(",")]
                for line in self.text.value.splitlines() if line.strip()]
        if rows and [c.casefold() for c in rows[0]] == [c.casefold() for c in self.table.columns]:
            rows = rows[1:]  # a header line the student typed
        return rows

    def set_answer(self, answer: Any) -> None:
        if answer is ... or answer is None:
            self.text.value = ""
        elif self.table is not None and hasattr(answer, "itertuples"):
            self.text.value = "\n".join(", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in row)
                                        for row in answer[list(self.table.columns)].itertuples(index=False))
        elif self.table is not None and isinstance(answer, (list, tuple)):
            self.text.value = "\n".join(", ".join(str(v) for v in self._cells(row)) for row in answer)
        else:
            self.text.value = str(answer)


class OpenAnswer(ExerciseWidget):
    """An open question (C9.1): the answer is recorded and the checklist shown, not scored."""

    def build(self) -> list[widgets.Widget]:
        self.text = shared.make(widgets.Textarea, value="", placeholder="…",
                                layout_traits={"width": "100%", "height": "10em"})
        return [self.text]

    def answer(self) -> Any:
        return self.text.value if self.text.value.strip() else ...

    def set_answer(self, answer: Any) -> None:
        self.text.value = answer if isinstance(answer, str) else ""
