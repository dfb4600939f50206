"""Explorers: widgets to play with the content, not scored.

* :class:`RoadmapPlanner` (C6.1): set weeks and an owner per step; the Gantt redraws.
* :class:`ComparisonExplorer` (C4.1, C4.3): pick a dimension, see CKM / CRM / KM side by side.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from ckm_course.frontends import charts
from ckm_course.content.model import Point, Text
from ckm_course.frontends.widgets import shared
from ckm_course.frontends.widgets.base import tr
from ckm_course.frontends.widgets.figure_output import FigureFollows

MIN_WEEKS, MAX_WEEKS = 0.0, 104.0  # a step takes between no time and two years


def side_names(exercises: list) -> dict[str, Text]:
    """The names of the compared approaches, from the choices of the C4 matching exercises."""
    return {choice.id: choice.label for ex in exercises for choice in ex.choices}


class RoadmapPlanner(FigureFollows, widgets.VBox):
    """Plan the eleven CKM steps: weeks and owner per step, Gantt and total duration live."""

    def __init__(self, point: Point, default_weeks: float = 2.0) -> None:
        self.point = point
        # not BoundedFloatText: it clamps in the browser without a word; out-of-range weeks are clamped
        # here and the note under the plan says so (issue 10, item 7)
        # layouts and styles shared between rows (shared.py, issue 23)
        self.weeks = {e.id: shared.make(widgets.FloatText, value=default_weeks, step=1, layout_traits={"width": "6em"})
                      for e in point.entries}
        self.owners = {e.id: shared.make(widgets.Text, value="", placeholder="负责人 owner",
                                         layout_traits={"width": "12em"}) for e in point.entries}
        rows = [shared.hbox([shared.html(f"{i + 1}. {html.escape(tr(e.label))}", width="22em"),
                             self.weeks[e.id], self.owners[e.id]]) for i, e in enumerate(point.entries)]
        self.total = shared.html()
        self.clamped = shared.html(classes=("ckm-planner-clamped",))
        for control in (*self.weeks.values(), *self.owners.values()):
            control.observe(lambda _: self.redraw(), names="value")
        super().__init__([shared.vbox(rows), self.clamped, self.total], _dom_classes=("ckm-roadmap-planner",))
        self.redraw()

    def plan(self) -> dict[str, dict[str, Any]]:
        """The current plan: ``{step id: {"weeks": w, "owner": name}}``."""
        return {step: {"weeks": min(max(float(self.weeks[step].value or 0), MIN_WEEKS), MAX_WEEKS),
                       "owner": self.owners[step].value.strip()} for step in self.weeks}

    title_text = "C6.1 roadmap planner / 路线图规划器"

    def figure(self) -> go.Figure:
        plan = self.plan()
        return charts.roadmap_gantt(self.point, {s: p["weeks"] for s, p in plan.items()},
                                    {s: p["owner"] for s, p in plan.items()})

    def redraw(self) -> None:
        self.redraw_figure()
        plan, notes = self.plan(), []
        for number, (step, box) in enumerate(self.weeks.items(), 1):
            if box.value != plan[step]["weeks"]:
                notes.append(tr(Text(f"第 {number} 步：{box.value:g} 周不在 {MIN_WEEKS:g}–{MAX_WEEKS:g} 周之内，按 "
                                     f"{plan[step]['weeks']:g} 周计算。",
                                     f"Step {number}: {box.value:g} weeks is outside {MIN_WEEKS:g}–{MAX_WEEKS:g}; "
                                     f"counted as {plan[step]['weeks']:g}.")))
        self.clamped.value = ('<p role="status">⚠ ' + "<br>".join(html.escape(n) for n in notes) + "</p>"
                              if notes else "")
        total = sum(p["weeks"] for p in self.plan().values())
        self.total.value = f"<b>{html.escape(tr(Text('总工期', 'Total')))}: {total:g} " \
                           f"{html.escape(tr(Text('周', 'weeks')))}</b>"


class ComparisonExplorer(widgets.VBox):
    """Choose a dimension of C4.1 / C4.3; the two (or three) approaches appear side by side."""

    def __init__(self, points: list[Point], sides: dict[str, Text]) -> None:
        self.points = points
        self.sides = sides
        options = [(f"{p.id} · {tr(e.label)}", (p.id, e.id)) for p in points for e in p.entries]
        self.picker = shared.make(widgets.Dropdown, options=options, description=tr(Text("维度", "Dimension")),
                                  style_traits={"description_width": "initial"}, layout_traits={"width": "40em"})
        self.view = shared.html()
        self.picker.observe(lambda _: self.show(), names="value")
        super().__init__([self.picker, self.view], _dom_classes=("ckm-comparison-explorer",))
        self.show()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = super()._repr_mimebundle_(**kwargs) or {}
        data["text/plain"] = "[C4 comparison explorer / 比较器] — run this cell to use it / 运行此单元格使用"
        return data

    def show(self) -> None:
        point_id, entry_id = self.picker.value
        entry = next(p for p in self.points if p.id == point_id).entry(entry_id)
        cells = "".join(
            f'<td style="vertical-align:top;padding:0.5em;border:1px solid #ccc;width:33%">'
            f"<b>{html.escape(tr(self.sides.get(name, Text(name, name))))}</b><br>{html.escape(tr(text))}</td>"
            for name, text in entry.sides)
        explanation = f"<p>{html.escape(tr(entry.explanation))}</p>" if entry.explanation else ""
        self.view.value = f'<table class="ckm-comparison"><tr>{cells}</tr></table>{explanation}'
