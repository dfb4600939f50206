"""Classification grid (multi-label toggles), single-label radio rows, matching dropdowns.

Used for C1.3, C2.3, C3.1-C3.4, C4.1, C4.3, C4.4, C6.1, C6.3 and C6.5. One compact row per
item: its mark, its label (using the width) with its reason under it once checked, its choices. The category names
head the choice columns (a sticky header, so they stay in view while scrolling), the
buttons carry letters and each button's accessible name and tooltip is the full category
name. Keyboard and ARIA semantics: ``look.py`` (issue 10, items 2-4).
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ckm_course.exercises.checks.normalize import Resolver, offered
from ckm_course.exercises.checks.result import Result
from ckm_course.frontends.widgets import shared
from ckm_course.frontends.widgets.base import LETTERS, ExerciseWidget, mark_label, marks_for, reasons_for, tr

COLUMN = "6em"  # one choice column (button and heading)
# the item text (with its reason under it once checked) takes all the width the choices leave, the same
# in every row and the header, so the columns line up; rows stop at a readable width. Layouts and styles are
# shared between rows (``shared.py``, issue 23): a row's layout is chosen when it is built, never changed after.
_TEXT_LAYOUT = {"flex": "1 1 0", "min_width": "12em"}
_QUESTION_TEXT_LAYOUT = {"flex": "1 1 16em", "min_width": "0"}  # a question's options wrap under its buttons
# no side margins on a row's text: on a phone the text takes the row's width beside its mark, and an HTML widget's
# default 2 px margins pushed it under the mark (the box that held the text before had none)
_ROW_TEXT_MARGIN = {"margin": "0"}
ROW_MAX = "72em"


class _RowWidget(ExerciseWidget):
    """Shared by the three kinds: one row per item, its mark first and its reason under its text.

    A row is three widgets: the mark, one HTML text (the item, and its reason under it once checked) and
    the controls. The reason is part of the text's HTML, not a widget of its own in a box with it: two
    models fewer a row for the kernel to send and the page to draw (issue 23: ~1.2 ms a row in the kernel).
    """

    verdicts_beside_rows = True

    def _rows_start(self) -> None:
        self.marks = {item.id: mark_label() for item in self.exercise.items}
        self.texts: dict[str, widgets.HTML] = {}
        self._item_htmls: dict[str, str] = {}
        self._reasons: dict[str, str] = {}

    def _item_html(self, item) -> str:
        return f'<span class="ckm-item-text"><b>{html.escape(tr(item.label))}</b></span>'

    def reason(self, item_id: str) -> str:
        """The reason shown under an item's text (HTML; "" before a check)."""
        return self._reasons.get(item_id, "")

    def _head(self) -> widgets.HBox:
        """The column headings: the full category names above their buttons (sticky while scrolling)."""
        columns = [shared.html(f"<b>{LETTERS[i]}</b><br>{html.escape(tr(c.label))}", classes=("ckm-col",),
                               width=f"calc({COLUMN} + 4px)", flex="0 0 auto")
                   for i, c in enumerate(self.exercise.choices)]
        return shared.hbox([shared.html(width="1.8em", flex="0 0 1.8em"), shared.html(**_TEXT_LAYOUT), *columns],
                           classes=("ckm-grid-head",), max_width=ROW_MAX)

    def _row(self, item, controls: widgets.Widget, question: bool = False) -> widgets.HBox:
        """One item's row; ``controls`` already carry the class ``ckm-row-controls``. A ``question`` row wraps."""
        # a narrow exercise stacks the text above its controls (look.py)
        self._item_htmls[item.id] = self._item_html(item)
        self.texts[item.id] = shared.html(self._item_htmls[item.id], classes=("ckm-row-text",), **_ROW_TEXT_MARGIN,
                                          **(_QUESTION_TEXT_LAYOUT if question else _TEXT_LAYOUT))
        return shared.hbox([self.marks[item.id], self.texts[item.id], controls],
                           classes=("ckm-row", f"ckm-row-{item.id}"), max_width=ROW_MAX,
                           **({"flex_flow": "row wrap"} if question else {}))

    def show_marks(self, result: Result | None) -> None:
        by_item, reasons = marks_for(result), reasons_for(result)
        for item_id, cell in getattr(self, "marks", {}).items():
            cell.value = by_item.get(item_id, "")
            reason = reasons.get(item_id, "")
            if reason != self._reasons.get(item_id, ""):  # one message to the page only for a changed text
                self._reasons[item_id] = reason
                under = f'<div class="ckm-row-reason">{reason}</div>' if reason else ""
                self.texts[item_id].value = self._item_htmls[item_id] + under

    def _choice_ids(self, value: Any, item: Any = None) -> list[str]:
        """Choice ids from a label, a list of labels, or ids (for set_answer); a question reads its own options."""
        resolver = Resolver(offered(self.exercise.spec, item) if item is not None and item.options
                            else self.exercise.choices)
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
        rows: list[widgets.Widget] = [self._head()]
        for item in self.exercise.items:
            cells = {}
            for i, choice in enumerate(self.exercise.choices):
                cells[choice.id] = shared.make(widgets.ToggleButton, description=LETTERS[i], tooltip=tr(choice.label),
                                               classes=(f"ckm-cell-{item.id}-{choice.id}",),
                                               layout_traits={"width": COLUMN})
            self.toggles[item.id] = cells
            # a toolbar of toggle buttons: one Tab stop, arrows (look.py)
            group = shared.hbox(list(cells.values()), classes=("ckm-choices", "ckm-row-controls"))
            rows.append(self._row(item, group))
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
    """Single-label: one row of lettered radio buttons per item (C2.3, C3.2-C3.4, C6.1, C6.3...).

    A questionnaire (items with their own options) has no column heads: each question shows
    its number, its lettered options under it, and its own letter buttons.
    """

    def _item_html(self, item) -> str:
        if not item.options:
            return super()._item_html(item)
        number = [i.id for i in self.exercise.items].index(item.id) + 1
        options = "".join(f"<li><b>{LETTERS[i]}.</b> {html.escape(tr(c.label))}</li>"
                          for i, c in enumerate(offered(self.exercise.spec, item)))
        return (f'<span class="ckm-item-text"><b>{number}. {html.escape(tr(item.label))}</b></span>'
                f'<ul class="ckm-options">{options}</ul>')

    def build(self) -> list[widgets.Widget]:
        self._rows_start()
        self.pickers: dict[str, widgets.ToggleButtons] = {}
        questions = any(item.options for item in self.exercise.items)
        rows: list[widgets.Widget] = [] if questions else [self._head()]
        for item in self.exercise.items:
            choices = offered(self.exercise.spec, item)
            picker = shared.make(  # ckm-single: a radio group: one Tab stop, arrows choose (look.py)
                widgets.ToggleButtons, options=[(LETTERS[i], c.id) for i, c in enumerate(choices)], value=None,
                tooltips=[tr(c.label) for c in choices], style_traits={"button_width": "3em" if questions else COLUMN},
                classes=(f"ckm-pick-{item.id}", "ckm-choices", "ckm-single", "ckm-row-controls"))
            self.pickers[item.id] = picker
            # a narrow screen puts a question's buttons under its options, not beside them
            rows.append(self._row(item, picker, question=questions))
        return rows

    def answer(self) -> dict[str, str]:
        return {item_id: p.value for item_id, p in self.pickers.items() if p.value is not None}

    def set_answer(self, answer: Any) -> None:
        given = self._answers_by_item(answer)
        items = {i.id: i for i in self.exercise.spec.items}
        for item_id, picker in self.pickers.items():
            ids = self._choice_ids(given.get(item_id), items[item_id])
            picker.value = ids[0] if ids else None


class MatchingDropdowns(_RowWidget):
    """Matching: one dropdown per statement (C4.1, C4.3, C6.5)."""

    def build(self) -> list[widgets.Widget]:
        self._rows_start()
        options = [("—", None)] + [(tr(c.label), c.id) for c in self.exercise.choices]
        self.pickers: dict[str, widgets.Dropdown] = {}
        rows = []
        for item in self.exercise.items:
            picker = shared.make(widgets.Dropdown, options=options, value=None, layout_traits={"width": "22em"},
                                 classes=(f"ckm-pick-{item.id}", "ckm-row-controls"))
            self.pickers[item.id] = picker
            rows.append(self._row(item, picker))
        return rows

    answer = RadioRows.answer
    set_answer = RadioRows.set_answer
