"""Ordering with ↑ / ↓ buttons, one Tab stop per row (C5.1, C6.1, C6.4; issue 10, item 3).

The rows start in the exercise's fixed shuffled order (``Exercise.items``, never the
key), so a notebook shows the same start every run; Check before any move is "not
attempted", since the shuffled start is not the student's answer.

Each row's ↑ and ↓ sit in one ``.ckm-move`` box, which the keyboard script of ``look.py``
makes a labelled ARIA ``group`` with one Tab stop (Left/Right between ↑ and ↓, Up/Down
between rows, Alt+Up/Down or Enter/Space move the item and focus follows it). Every move
is said in the status line under the rows (``aria-live``), in the current language:
"“Step X” moved to position 3 of 11". Mouse users click ↑ / ↓ as before; without the
script both buttons are plain, labelled, focusable buttons. Nothing here depends on the key.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ckm_course.exercises.checks.normalize import Resolver
from ckm_course.exercises.checks.result import Result
from ckm_course.content.model import Text
from ckm_course.frontends.widgets import shared
from ckm_course.frontends.widgets.base import ExerciseWidget, mark_label, marks_for, reason_label, reasons_for, tr

_UP = Text("上移", "Move up")
_DOWN = Text("下移", "Move down")
_KEYS = Text("键盘：Tab 到一行，←/→ 在 ↑ 与 ↓ 之间，↑/↓ 换行，Alt+↑/↓（或 Enter）移动该项。",
             "Keyboard: Tab to a row, ←/→ between ↑ and ↓, ↑/↓ to go between rows, Alt+↑/↓ (or Enter) to move "
             "the item.")


def moved_text(label: Text, position: int, total: int) -> Text:
    """What the status line says after a move (``position`` counts from 1)."""
    return Text(f"「{label.zh}」已移到第 {position} 位（共 {total} 位）。",
                f"“{label.en}” moved to position {position} of {total}.")


def edge_text(label: Text, position: int, total: int) -> Text:
    """What the status line says when a move would leave the list (it is clamped)."""
    if position == 1:
        return Text(f"「{label.zh}」已在第 1 位（共 {total} 位）。", f"“{label.en}” is already first of {total}.")
    return Text(f"「{label.zh}」已在最后一位（第 {total} 位）。", f"“{label.en}” is already last ({total} of {total}).")


class OrderingList(ExerciseWidget):
    """Put the items in order; the answer is the order shown. Each row shows its mark and reason."""

    verdicts_beside_rows = True

    def __init__(self, exercise) -> None:
        self.order = [item.id for item in exercise.items]
        self.touched = False  # the shuffled start is not an answer: Check before any move is "not attempted"
        super().__init__(exercise)

    def build(self) -> list[widgets.Widget]:
        self._labels = {item.id: item.label for item in self.exercise.items}
        self.row_marks, self.row_labels, self.row_reasons, rows = [], [], [], []
        last = len(self.order) - 1
        for position in range(len(self.order)):  # layouts and styles shared between rows (shared.py, issue 23)
            up = shared.make(widgets.Button, description="↑", tooltip=tr(_UP), disabled=position == 0,
                             classes=("ckm-up",), layout_traits={"width": "3em"})
            down = shared.make(widgets.Button, description="↓", tooltip=tr(_DOWN), disabled=position == last,
                               classes=("ckm-down",), layout_traits={"width": "3em"})
            up.on_click(lambda _, p=position: self.move(p, -1))
            down.on_click(lambda _, p=position: self.move(p, +1))
            move = shared.hbox([up, down], classes=("ckm-move", "ckm-row-controls"), flex="0 0 auto")
            # a narrow exercise stacks the text above ↑ / ↓ (look.py)
            mark = mark_label()
            label = shared.html(self._label_html(position), classes=("ckm-row-text",), flex="0 0 40%", min_width="12em")
            reason = reason_label()
            self.row_marks.append(mark)
            self.row_labels.append(label)
            self.row_reasons.append(reason)
            rows.append(shared.hbox([mark, label, move, reason], classes=("ckm-row", f"ckm-pos-{position + 1}"),
                                    width="100%"))
        keys = shared.html(f'<span class="ckm-keys-help">{html.escape(tr(_KEYS))}</span>', classes=("ckm-order-keys",))
        self.status = shared.html("", classes=("ckm-order-status",))
        return [keys, *rows, self.status]

    def _label_html(self, position: int) -> str:
        return f'<span class="ckm-item-text">{position + 1}. {html.escape(tr(self._labels[self.order[position]]))}</span>'

    def _paint(self) -> None:
        for position in range(len(self.order)):
            self.row_labels[position].value = self._label_html(position)

    def _say(self, text: Text) -> None:
        if getattr(self, "status", None) is not None:
            self.status.value = f'<span class="ckm-order-said">{html.escape(tr(text))}</span>'

    def move(self, position: int, step: int) -> None:
        """Swap the item at ``position`` with its neighbour above (-1) or below (+1) and say where it went.

        A move off either end changes nothing (the order and "not attempted" stay) and says so."""
        if not 0 <= position < len(self.order):
            return
        other, total = position + step, len(self.order)
        label = self._labels[self.order[position]]
        if not 0 <= other < total:
            self._say(edge_text(label, position + 1, total))
            return
        self.order[position], self.order[other] = self.order[other], self.order[position]
        self.touched = True
        self._paint()
        self.show_marks(None)
        self._say(moved_text(label, other + 1, total))

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
