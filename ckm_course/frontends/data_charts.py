"""Figures of numbers: customer classes and the whale curve (C1.3, case data), a capability radar
(C8.1) and the roadmap's Gantt chart (C6.1 weeks and owners). Data in, ``go.Figure`` out, with the
theme of ``chart_layout.py``; reached as ``charts.*`` like the content figures of :mod:`charts`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from ckm_course.content.model import Point, Text
from ckm_course.frontends import figure_alt
from ckm_course.frontends.chart_layout import (
    PALETTE, label, legend_on_top, lines, text_px, themed_figure,
)
from ckm_course.i18n import render


def roadmap_gantt(point: Point, weeks: Mapping[str, float] | None = None, owners: Mapping[str, str] | None = None,
                  language: str | None = None, starts: Mapping[str, object] | None = None) -> go.Figure:
    """C6.1: the eleven steps, coloured by phase; ``weeks`` per step id (default 2).

    Without ``starts`` each step begins where the one above it ends (the chapter 06 planner).
    ``starts`` gives a step's start week (the capstone plan form, issue 12): steps that overlap
    or run in parallel are drawn as planned; a step whose start is missing, blank or not a
    number >= 0 again begins where the step above it ends.
    Row labels are "N. 中文" over the English name; the left margin is measured from them, so
    none is clipped (issue 10). The phase legend sits under the title, the week axis below.
    """
    weeks = weeks or {}
    starts = starts or {}
    owners = owners or {}
    phase_of = {g.id: g for g in point.groups}
    colour = {g.id: PALETTE[i % len(PALETTE)] for i, g in enumerate(point.groups)}
    names = {e.id: label(Text(f"{i + 1}. {e.label.zh}", f"{i + 1}. {e.label.en}"), language)
             for i, e in enumerate(point.entries)}
    row = 36 if any(len(lines(n)) > 1 for n in names.values()) else 28  # two 13 px lines + gap; fits a slide
    legend, legend_px = legend_on_top(len(point.groups))
    left = int(max(map(text_px, names.values())) + 16)
    figure = themed_figure(point.title, language, above=legend_px, height=int(150 + legend_px + row * len(point.entries)),
                     barmode="overlay", xaxis_title=render(Text("周", "weeks"), language), legend=legend,
                     margin={"l": left, "b": 50})
    end = 0.0
    base: dict[str, float] = {}
    for entry in point.entries:
        planned = _start_week(starts.get(entry.id))
        base[entry.id] = end if planned is None else planned
        end = base[entry.id] + max(0.0, float(weeks.get(entry.id, 2.0)))
    for group in point.groups:
        steps = [e for e in point.entries if e.group == group.id]
        figure.add_trace(go.Bar(
            name=render(group.label, language), orientation="h", marker_color=colour[group.id],
            y=[names[e.id] for e in steps],
            x=[max(0.0, float(weeks.get(e.id, 2.0))) for e in steps], base=[base[e.id] for e in steps],
            text=[owners.get(e.id, "") for e in steps], textposition="inside",
            hovertemplate="%{y}<br>%{base} → %{x}<extra>" + render(phase_of[group.id].label, language) + "</extra>",
        ))
    figure.update_yaxes(autorange="reversed", showgrid=False, categoryorder="array",
                        categoryarray=[names[e.id] for e in point.entries])
    lengths = {e.id: max(0.0, float(weeks.get(e.id, 2.0))) for e in point.entries}
    return figure.speak(figure_alt.gantt(point, base, lengths, owners), language)


def _start_week(value: object) -> float | None:
    """A start week for :func:`roadmap_gantt`: a finite number >= 0 (or text of one), else None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        week = float(value.strip()) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return week if math.isfinite(week) and week >= 0 else None


def customer_classes(frame, x: str, y: str, cls: str, classes: Mapping[str, Text], hover: str | None = None,
                     title: Text | None = None, language: str | None = None) -> go.Figure:
    """C1.3: customers as points (e.g. revenue vs cost-to-serve), one colour and symbol per class."""
    title = title or Text("三类客户", "Three classes of customers")
    legend, legend_px = legend_on_top(len(classes))  # on top: the points get the full width
    figure = themed_figure(title, language, above=legend_px, xaxis_title=x, yaxis_title=y, legend=legend,
                     height=int(460 + legend_px))
    symbols = ("circle", "diamond", "x", "square", "triangle-up")
    # Drawn last class first so the catch-all "other" lies underneath: growth-potential customers sit
    # in the same corner and were hidden under it. The legend keeps the classes' order (legendrank).
    for i, (class_id, class_label) in reversed(list(enumerate(classes.items()))):
        part = frame[frame[cls] == class_id]
        figure.add_trace(go.Scatter(
            name=render(class_label, language), x=part[x].tolist(), y=part[y].tolist(), mode="markers",
            legendrank=1000 + i,
            marker={"color": PALETTE[i % len(PALETTE)], "symbol": symbols[i % len(symbols)], "size": 8},
            text=part[hover].astype(str).tolist() if hover else None,
        ))
    counts = {c: int((frame[cls] == c).sum()) for c in classes}
    return figure.speak(figure_alt.classes(counts, classes, title, x, y), language)


def capability_radar(dimensions: Sequence[Text], scores: Sequence[float], maximum: float = 5.0,
                     title: Text | None = None, language: str | None = None) -> go.Figure:
    """C8.1: one score per capability dimension on a closed radar, on a 0..maximum scale."""
    title = title or Text("客户知识管理能力自评", "CKM capability self-assessment")
    names = [label(d, language) for d in dimensions]
    values = [min(max(float(s), 0.0), maximum) for s in scores]
    side = int(max(map(text_px, names), default=0) + 12)  # the 0° and 180° labels run into the side margins
    figure = themed_figure(title, language, height=500, showlegend=False, margin={"l": side, "r": side},
                     polar={"radialaxis": {"range": [0, maximum], "dtick": 1}})
    figure.add_trace(go.Scatterpolar(r=values + values[:1], theta=names + names[:1], fill="toself",
                                     line={"color": PALETTE[0]}, hovertemplate="%{theta}: %{r}<extra></extra>"))
    return figure.speak(figure_alt.radar(dimensions, values, maximum, title), language)


def whale_curve(curve, title: Text | None = None, language: str | None = None) -> go.Figure:
    """C1.3: cumulative share of profit against share of customers, most profitable first.

    ``curve`` is :func:`ckm_course.case.analytics.whale_curve`'s table. A dotted line marks 100 %.
    """
    title = title or Text("鲸鱼曲线：客户盈利的累计分布", "Whale curve: cumulative customer profitability")
    figure = themed_figure(title, language, height=420, showlegend=False,
                     xaxis_title=label(Text("客户占比（从最赚钱到最亏钱）", "share of customers (most to least profitable)"), language),
                     yaxis_title=label(Text("累计利润占总利润", "cumulative share of total profit"), language))
    figure.add_trace(go.Scatter(x=curve["customer_share"].tolist(), y=curve["cumulative_profit_share"].tolist(),
                                mode="lines", line={"color": PALETTE[0], "width": 3},
                                hovertemplate="%{x:.0%} → %{y:.0%}<extra></extra>"))
    # add_hline's shape, added directly: add_hline took 4-90 ms (its axis-spanning machinery) for the same shape
    figure.add_shape(type="line", xref="x domain", x0=0, x1=1, yref="y", y0=1.0, y1=1.0,
                     line={"dash": "dot", "color": "#555555"})
    figure.update_xaxes(tickformat=".0%", range=[0, 1])
    figure.update_yaxes(tickformat=".0%")
    return figure.speak(figure_alt.whale(curve["customer_share"].tolist(), curve["cumulative_profit_share"].tolist(),
                                         title), language)
