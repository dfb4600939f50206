"""Classification grid (multi-label toggles), single-label radio rows, matching dropdowns.

Used for C1.3, C2.3, C3.1-C3.4, C4.1, C4.3, C4.4, C6.1, C6.3 and C6.5. Categories are
shown as letters in the grid with a legend, so long bilingual labels do not crowd the
buttons; each button's tooltip carries the full label.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ckm_course.checks.normalize import Resolver
from ckm_course.checks.result import Result
from ckm_course.widgets.base import LETTERS, ExerciseWidget, mark_label, marks_for, reason_label, reasons_for, tr

_ITEM_LAYOUT = {"flex": "0 1 22em", "min_width": "12em"}  # labels use the width; reasons take the rest


class _RowWidget(ExerciseWidget):
    """Shared by the three kinds: one row per item, its mark first and its reason last, on the row."""

    verdicts_beside_rows = True

    def _rows_start(self) -> None:
        self.marks = {item.id: mark_label() for item in self.exercise.items}
        self.reasons = {item.id: reason_label() for item in self.exercise.items}

    def _item_label(self, item) -> widgets.HTML:
        return widgets.HTML(f"<b>{html.escape(tr(item.label))}</b>", layout=widgets.Layout(**_ITEM_LAYOUT))

    def _legend(self) -> widgets.HTML:
        rows = "".join(f"<li><b>{LETTERS[i]}</b> = {html.escape(tr(c.label))}</li>"
                       for i, c in enumerate(self.exercise.choices))
        return widgets.HTML(f'<ul class="ckm-legend" style="list-style:none;padding-left:0">{rows}</ul>')

    def show_marks(self, result: Result | None) -> None:
        by_item, reasons = marks_for(result), reasons_for(result)
        for item_id, cell in getattr(self, "marks", {}).items():
            cell.value = by_item.get(item_id, "")
            self.reasons[item_id].value = reasons.get(item_id, "")

    def _choice_ids(self, value: Any) -> list[str]:
        """Choice ids from a label, a list of labels, or ids (for set_answer)."""
        resolver = Resolver(self.exercise.choices)
        values = value if isinstance(value, (list, tuple, set)) else [value]
        return [i for i in (resolver.lookup(v) for v in values) if i is not None]

    def _answers_by_item(self, answer: Any) -> dict[str, Any]:
        if not isinstance(answer, dict):
            return {}
        resolver = Resolver(self.exercise.items)
        return {resolver.lookup(k): v for k, v in answer.items() if resolver.lookup(k) is not None}


class ClassificationGrid(_RowWidget):
    """Multi-label: items as rows, one toggle per category (C3.1)."""

    def build(self) -> list[widgets.Widget]:
        self._rows_start()
        self.toggles: dict[str, dict[str, widgets.ToggleButton]] = {}
        rows = [self._legend()]
        for item in self.exercise.items:
            cells = {}
            for i, choice in enumerate(self.exercise.choices):
                cells[choice.id] = widgets.ToggleButton(
                    description=LETTERS[i], tooltip=tr(choice.label), layout=widgets.Layout(width="3em"))
                cells[choice.id].add_class(f"ckm-cell-{item.id}-{choice.id}")
            self.toggles[item.id] = cells
            row = widgets.HBox([self.marks[item.id], self._item_label(item), *cells.values(), self.reasons[item.id]])
            row.add_class(f"ckm-row-{item.id}")
            rows.append(row)
        return rows

    def answer(self) -> dict[str, list[str]]:
        return {item_id: [c for c, t in cells.items() if t.value]
                for item_id, cells in self.toggles.items() if any(t.value for t in cells.values())}

    def set_answer(self, answer: Any) -> None:
        given = self._answers_by_item(answer)
        for item_id, cells in self.toggles.items():
            chosen = set(self._choice_ids(given.get(item_id, [])))
            for choice_id, toggle in cells.items():
                toggle.value = choice_id in chosen


class RadioRows(_RowWidget):
    """Single-label: one row of lettered radio buttons per item (C2.3, C3.2-C3.4, C6.1, C6.3...)."""

    def build(self) -> list[widgets.Widget]:
        self._rows_start()
        self.pickers: dict[str, widgets.ToggleButtons] = {}
        rows = [self._legend()]
        choices = self.exercise.choices
        for item in self.exercise.items:
            picker = widgets.ToggleButtons(
                options=[(LETTERS[i], c.id) for i, c in enumerate(choices)], value=None,
                tooltips=[tr(c.label) for c in choices], style={"button_width": "3em"})
            picker.add_class(f"ckm-pick-{item.id}")
            self.pickers[item.id] = picker
            row = widgets.HBox([self.marks[item.id], self._item_label(item), picker, self.reasons[item.id]])
            row.add_class(f"ckm-row-{item.id}")
            rows.append(row)
        return rows

    def answer(self) -> dict[str, str]:
        return {item_id: p.value for item_id, p in self.pickers.items() if p.value is not None}

    def set_answer(self, answer: Any) -> None:
        given = self._answers_by_item(answer)
        for item_id, picker in self.pickers.items():
            ids = self._choice_ids(given.get(item_id))
            picker.value = ids[0] if ids else None


class MatchingDropdowns(_RowWidget):
    """Matching: one dropdown per statement (C4.1, C4.3, C6.5)."""

    def build(self) -> list[widgets.Widget]:
        self._rows_start()
        options = [("—", None)] + [(tr(c.label), c.id) for c in self.exercise.choices]
        self.pickers: dict[str, widgets.Dropdown] = {}
        rows = []
        for item in self.exercise.items:
            picker = widgets.Dropdown(options=options, value=None, layout=widgets.Layout(width="22em"))
            picker.add_class(f"ckm-pick-{item.id}")
            self.pickers[item.id] = picker
            label = widgets.HTML(html.escape(tr(item.label)), layout=widgets.Layout(**_ITEM_LAYOUT))
            row = widgets.HBox([self.marks[item.id], label, picker, self.reasons[item.id]])
            row.add_class(f"ckm-row-{item.id}")
            rows.append(row)
        return rows

    answer = RadioRows.answer
    set_answer = RadioRows.set_answer
