"""The plan-form widget (kind ``plan``, issue 12 capstone): one row per step, one control per field.

The roadmap planner as a form: a choice is a dropdown, a number a number box, text a text
area (one line for short fields). Each row shows its marks and reasons beside it after a
check; the plan exercise (C6.1) also draws the Gantt chart of the planned weeks and owners.
Checking, recording and restoring are the base widget's (``widgets/base.py``).
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from ckm_course.content.catalog import catalog
from ckm_course.content.model import Choice, Text
from ckm_course.exercises import settings
from ckm_course.exercises.checks.normalize import Resolver
from ckm_course.exercises.checks.plan import number
from ckm_course.exercises.checks.result import Result
from ckm_course.exercises.feedback import mark_html, reason_html
from ckm_course.frontends.present import note_text
from ckm_course.frontends.widgets import shared
from ckm_course.frontends.widgets.base import ExerciseWidget, tr

_NONE = "—"


class PlanForm(ExerciseWidget):
    """Fill a plan form row by row; Check scores the structured fields and records the text."""

    verdicts_beside_rows = True

    @property
    def plan(self):
        return catalog().plans.find(self.exercise.spec.id)

    def _control(self, field, row) -> widgets.Widget:
        """One field's control; its layout and style are shared with the same field of every row (shared.py)."""
        width = {"choice": "24em", "number": "6em"}.get(field.type, "auto")  # role names are long
        given = {"classes": (f"ckm-plan-{row.id}-{field.id}",), "tooltip": tr(field.label)}
        if field.type == "choice":
            return shared.make(widgets.Dropdown, options=[(_NONE, None)] + [(tr(c.label), c.id) for c in field.choices],
                               value=None, layout_traits={"width": width}, **given)
        if field.type == "number":
            return shared.make(widgets.Text, value="", placeholder=tr(field.unit) if field.unit else "…",
                               layout_traits={"width": width}, **given)
        # a sentence wraps instead of scrolling out of a one-line box; a longer answer gets more lines
        height = "6em" if field.covers else "4.8em"
        return shared.make(widgets.Textarea, value="", placeholder="…", layout_traits={"width": "100%", "height": height},
                           **given)

    def build(self) -> list[widgets.Widget]:
        plan = self.plan
        self.controls: dict[str, dict[str, widgets.Widget]] = {}
        self.row_marks: dict[str, widgets.HTML] = {}
        out: list[widgets.Widget] = []
        phase = None
        for number_, row in enumerate(plan.rows, start=1):
            if row.phase is not None and row.phase != phase:
                phase = row.phase
                out.append(shared.html(f'<h5 class="ckm-plan-phase" style="margin:0.6em 0 0.2em">'
                                       f"{html.escape(tr(phase))}</h5>"))
            cells = {f.id: self._control(f, row) for f in plan.fields}
            self.controls[row.id] = cells
            self.row_marks[row.id] = shared.html(classes=("ckm-row-reason",))
            labelled = {f.id: shared.vbox([shared.html(f"<small>{html.escape(tr(f.label))}</small>"), cells[f.id]],
                                          flex="1 1 0" if f.type == "text" else "0 0 auto",
                                          min_width="6em" if f.type == "text" else None)
                        for f in plan.fields}
            head = shared.html(f"<b>{number_}. {html.escape(tr(row.label))}</b>", width="14em", flex="0 0 14em")
            short = [labelled[f.id] for f in plan.fields if f.type != "text"]
            texts = [labelled[f.id] for f in plan.fields if f.type == "text"]
            if short and texts:  # written answers on a line of their own, so a sentence has room to wrap
                lines = [shared.hbox([head, *short], align_items="flex-end", width="100%"),
                         shared.hbox(texts, margin="0 0 0 14em", width="calc(100% - 14em)")]
            else:
                lines = [shared.hbox([head, *short, *texts], align_items="flex-end", width="100%")]
            out.append(shared.vbox([*lines, self.row_marks[row.id]], classes=(f"ckm-row-{row.id}",)))
        for cells in self.controls.values():
            for control in cells.values():
                control.observe(lambda _: self._redraw(), names="value")
        return out

    def answer(self) -> Any:
        plan = self.plan
        found: dict[str, dict[str, Any]] = {}
        for row in plan.rows:
            cells = {}
            for field in plan.fields:
                value = self.controls[row.id][field.id].value
                if field.type == "choice" and value is not None:
                    cells[field.id] = value
                elif field.type == "number" and str(value).strip():
                    amount = number(value)
                    cells[field.id] = amount if amount is not None else str(value).strip()
                elif field.type == "text" and str(value).strip():
                    cells[field.id] = str(value).strip()
            if cells:
                found[row.id] = cells
        return found or ...

    def set_answer(self, answer: Any) -> None:
        plan = self.plan
        rows = Resolver(tuple(_as_item(r) for r in plan.rows))
        fields = Resolver(tuple(_as_item(f) for f in plan.fields))
        given = answer if isinstance(answer, dict) else {}
        by_row = {rows.lookup(k): v for k, v in given.items() if rows.lookup(k) is not None and isinstance(v, dict)}
        for row in plan.rows:
            cells = {fields.lookup(k): v for k, v in by_row.get(row.id, {}).items() if fields.lookup(k) is not None}
            for field in plan.fields:
                control, value = self.controls[row.id][field.id], cells.get(field.id)
                if field.type == "choice":
                    control.value = Resolver(field.choices).lookup(value) if value is not None else None
                elif field.type == "number":
                    control.value = "" if value is None or value is ... else (
                        f"{value:g}" if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value))
                else:
                    control.value = value if isinstance(value, str) else ""

    def show_marks(self, result: Result | None) -> None:
        per_row: dict[str, list[str]] = {}
        for verdict in result.verdicts if result is not None else ():
            row_id = verdict.item_id.split(":", 1)[0]
            name = Text(verdict.label.zh.split(" · ", 1)[-1], verdict.label.en.split(" · ", 1)[-1])  # the row is beside it
            per_row.setdefault(row_id, []).append(
                f'<div class="ckm-plan-verdict">{mark_html(verdict.mark)} {html.escape(tr(name))}: '
                f"{reason_html(verdict)}</div>")
        for row_id, cell in getattr(self, "row_marks", {}).items():
            cell.value = "".join(per_row.get(row_id, []))

    def show_answer(self) -> None:
        """The base widget's Show answer, plus the form's note that its model texts are the course's own
        (a "课程补充 Course note", CONTENT.md quality bar; issue 12)."""
        super().show_answer()
        note = self.plan.model_note
        if note is not None and settings.show_answers():
            self.feedback.value += f'<p class="ckm-course-note"><i>{html.escape(note_text(note))}</i></p>'

    def _redraw(self) -> None:
        """Hook for a live view of the plan (the Gantt of :class:`RoadmapForm`)."""


class RoadmapForm(PlanForm):
    """The C6.1 plan form with the roadmap's Gantt chart (start week, weeks and owner per step)."""

    _figure_handle: Any = None

    def figure(self):
        answer = self.answer()
        answer = answer if isinstance(answer, dict) else {}
        weeks = {step: cells["weeks"] for step, cells in answer.items() if isinstance(cells.get("weeks"), float)}
        starts = {step: cells.get("start") for step, cells in answer.items()}  # the chart drops what is not a week
        owners = {step: tr(next(c.label for c in self.plan.field("owner").choices if c.id == cells["owner"]))
                  for step, cells in answer.items() if cells.get("owner")}
        # plotly only where a plan draws its Gantt: a notebook of plan forms without it never imports it (issue 23)
        from ckm_course.frontends import charts

        return charts.roadmap_gantt(catalog().course.point("C6.1"), weeks, owners, starts=starts)

    _text_handle: Any = None

    def _redraw(self) -> None:
        if self._figure_handle is not None:  # shown: the chart is drawn, plotly imported (see figure())
            from ckm_course.frontends.figure_text import text_bundle

            figure = self.figure()
            self._figure_handle.update({"text/plain": "…"}, raw=True)
            self._figure_handle.update(figure._repr_mimebundle_(), raw=True)
            if self._text_handle is not None:  # the figure's words follow it (issue 22 item 10)
                self._text_handle.update(text_bundle(figure), raw=True)

    def _ipython_display_(self) -> None:
        from ckm_course.frontends.figure_text import text_bundle  # plotly: see figure()

        super()._ipython_display_()
        figure = self.figure()
        self._figure_handle = display(figure._repr_mimebundle_(), raw=True, display_id=True)
        self._text_handle = display(text_bundle(figure), raw=True, display_id=True)


def _as_item(thing: Any):
    return Choice(id=thing.id, label=thing.label, aliases=thing.aliases)


def plan_widget(exercise) -> PlanForm:
    """The form for a plan exercise: with the Gantt chart when its rows are the C6.1 steps."""
    return (RoadmapForm if catalog().plans.find(exercise.spec.id).rows_from == "C6.1" else PlanForm)(exercise)
