"""Ordering with ↑ / ↓ buttons (C5.1, C6.1, C6.4).

The rows start in the exercise's fixed shuffled order (``Exercise.items``, never the
key), so a notebook shows the same start every run; Check before any move is "not
attempted", since the shuffled start is not the student's answer. The buttons are ordinary buttons, so
Tab and Enter/Space work; focus stays on the row that was pressed.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ckm_course.checks.normalize import Resolver
from ckm_course.checks.result import Result
from ckm_course.widgets.base import ExerciseWidget, mark_label, marks_for, reason_label, reasons_for, tr


class OrderingList(ExerciseWidget):
    """Put the items in order; the answer is the order shown. Each row shows its mark and reason."""

    verdicts_beside_rows = True

    def __init__(self, exercise) -> None:
        self.order = [item.id for item in exercise.items]
        self.touched = False  # the shuffled start is not an answer: Check before any move is "not attempted"
        super().__init__(exercise)

    def build(self) -> list[widgets.Widget]:
        labels = {item.id: item.label for item in self.exercise.items}
        self.row_marks, self.row_labels, self.row_reasons, rows = [], [], [], []
        for position in range(len(self.order)):
            up = widgets.Button(description="↑", tooltip="上移 move up", layout=widgets.Layout(width="3em"))
            down = widgets.Button(description="↓", tooltip="下移 move down", layout=widgets.Layout(width="3em"))
            up.on_click(lambda _, p=position: self.move(p, -1))
            down.on_click(lambda _, p=position: self.move(p, +1))
            up.disabled, down.disabled = position == 0, position == len(self.order) - 1
            mark, label = mark_label(), widgets.HTML(layout=widgets.Layout(flex="0 0 40%", min_width="12em"))
            reason = reason_label()
            self.row_marks.append(mark)
            self.row_labels.append(label)
            self.row_reasons.append(reason)
            row = widgets.HBox([mark, label, up, down, reason], layout=widgets.Layout(width="100%"))
            row.add_class("ckm-row")
            row.add_class(f"ckm-pos-{position + 1}")
            rows.append(row)
        self._labels = labels
        self._paint()
        return rows

    def _paint(self) -> None:
        for position, item_id in enumerate(self.order):
            self.row_labels[position].value = (f'<span class="ckm-item-text">{position + 1}. '
                                               f"{html.escape(tr(self._labels[item_id]))}</span>")

    def move(self, position: int, step: int) -> None:
        """Swap the item at ``position`` with its neighbour above (-1) or below (+1)."""
        other = position + step
        if 0 <= other < len(self.order):
            self.order[position], self.order[other] = self.order[other], self.order[position]
            self.touched = True
            self._paint()
            self.show_marks(None)

    def answer(self) -> Any:
        return list(self.order) if self.touched else ...

    def set_answer(self, answer: Any) -> None:
        if not isinstance(answer, (list, tuple)):
            return
        resolver = Resolver(self.exercise.items)
        given = [i for i in (resolver.lookup(a) for a in answer) if i is not None]
        rest = [i for i in self.order if i not in given]
        self.order = list(dict.fromkeys(given)) + rest
        self.touched = bool(given)
        if getattr(self, "row_labels", None):
            self._paint()

    def reset(self) -> None:
        self.order = [item.id for item in self.exercise.items]
        self.touched = False
        super().reset()

    def show_marks(self, result: Result | None) -> None:
        by_item, reasons = marks_for(result), reasons_for(result)
        for position, item_id in enumerate(self.order):
            if position < len(getattr(self, "row_marks", [])):
                self.row_marks[position].value = by_item.get(item_id, "")
                self.row_reasons[position].value = reasons.get(item_id, "")
