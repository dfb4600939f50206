"""The C8.1 capability self-assessment: one 1-5 rating per dimension, a live radar, a summary.

The scale (levels 1-5 and what each means) and the dimensions come from
``content/c8_capability.toml``. :meth:`CapabilityAssessment.summary` is the scoring
rule: the mean rating, and the weakest dimensions (lowest rating) to improve first.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ckm_course.frontends import charts
from ckm_course.content.model import Choice, Point, Text
from ckm_course.frontends.widgets import shared
from ckm_course.frontends.widgets.base import tr
from ckm_course.frontends.widgets.figure_output import FigureFollows


class CapabilityAssessment(FigureFollows, widgets.VBox):
    title_text = "C8.1 capability self-assessment / 能力自评"

    """Rate a company on every CKM capability dimension; the radar and summary follow."""

    def __init__(self, point: Point, levels: tuple[Choice, ...], company: Text | None = None,
                 ratings: dict[str, int] | None = None) -> None:
        self.point, self.levels, self.company = point, levels, company
        lowest, highest = int(levels[0].id), int(levels[-1].id)
        ratings = ratings or {}
        self.sliders = {  # layouts and styles shared between rows (shared.py, issue 23)
            e.id: shared.make(widgets.IntSlider, value=int(ratings.get(e.id, lowest)), min=lowest, max=highest,
                              description="", continuous_update=False, layout_traits={"width": "16em"})
            for e in point.entries}
        self.level_names = {e.id: shared.html() for e in point.entries}
        rows = [shared.hbox([shared.html(f"<b>{html.escape(tr(e.label))}</b>", width="16em"),
                             self.sliders[e.id], self.level_names[e.id]]) for e in point.entries]
        scale = "".join(f"<li><b>{lv.id}</b> {html.escape(tr(lv.label))}: "
                        f"{html.escape(tr(lv.explanation)) if lv.explanation else ''}</li>" for lv in levels)
        self.result = shared.html()
        for slider in self.sliders.values():
            slider.observe(lambda _: self.redraw(), names="value")
        super().__init__([shared.html(f'<ul style="list-style:none;padding-left:0">{scale}</ul>'),
                          shared.vbox(rows), self.result], _dom_classes=("ckm-capability-assessment",))
        self.redraw()

    def ratings(self) -> dict[str, int]:
        """The current rating of every dimension, by dimension id."""
        return {dimension: slider.value for dimension, slider in self.sliders.items()}

    def summary(self) -> dict[str, Any]:
        """Mean rating and the weakest dimension(s): what to improve first."""
        ratings = self.ratings()
        lowest = min(ratings.values())
        return {"mean": sum(ratings.values()) / len(ratings),
                "weakest": [d for d, r in ratings.items() if r == lowest], "ratings": ratings}

    def figure(self):
        title = None
        if self.company is not None:
            title = Text(f"CKM 能力自评：{self.company.zh}", f"CKM capability self-assessment: {self.company.en}")
        return charts.capability_radar([e.label for e in self.point.entries], list(self.ratings().values()),
                                       maximum=float(self.levels[-1].id), title=title)

    def redraw(self) -> None:
        names = {lv.id: lv.label for lv in self.levels}
        for dimension, slider in self.sliders.items():
            self.level_names[dimension].value = html.escape(tr(names.get(str(slider.value), Text("", ""))))
        summary = self.summary()
        weakest = "、".join(tr(self.point.entry(d).label) for d in summary["weakest"])
        self.result.value = (f"<p><b>{html.escape(tr(Text('平均', 'Mean')))}: {summary['mean']:.1f}</b> · "
                             f"{html.escape(tr(Text('先改进', 'Improve first')))}: {html.escape(weakest)}</p>")
        self.redraw_figure()
