"""Plotly figure builders: pure functions, content or data in, ``go.Figure`` out.

No builder loads files or shows anything. All share one small theme (``chart_layout.py``): the
Okabe-Ito colour-blind-safe palette, a font list that renders Chinese (Noto Sans CJK first), and
no template from plotly's defaults, so saved notebooks stay small and deterministic.
plotly.js comes from the installed JupyterLab extension: nothing from a CDN.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from ckm_course.content.model import Point, Text
from ckm_course.frontends import figure_alt
from ckm_course.frontends.chart_layout import (  # noqa: F401 - label, wrap and the measure are charts.* too
    FONT, FONT_SIZE, LINE_PX, PALETTE, TABLE_WIDTH, WRAP_PX_PER_COLUMN,
    columns, label, legend_on_top, lines, theme, text_height_px, text_px, themed_figure, top_margin,
    wrap,
)
from ckm_course.frontends.data_charts import (  # noqa: F401 - charts.* like the figures here
    capability_radar, customer_classes, roadmap_gantt, whale_curve,
)
from ckm_course.i18n import render

COURSE_NOTE_MARKER = "课程补充 Course note"  # marks what the course adds to the decks (see present.py)


def dikw_pyramid(point: Point, language: str | None = None) -> go.Figure:
    """C2.3: data at the wide base, information above it, knowledge at the narrow top."""
    entries = list(reversed(point.entries))  # knowledge first: the funnel's narrow top
    names = [label(e.label, language) for e in entries]
    figure = themed_figure(point.title, language, showlegend=False, height=380,
                     margin={"l": int(max(map(text_px, names)) + 16)})
    figure.add_trace(go.Funnel(
        y=names, x=list(range(1, len(entries) + 1)),
        text=[render(e.explanation, language) if e.explanation else "" for e in entries],
        textinfo="none", hovertemplate="%{y}<br>%{text}<extra></extra>",
        marker={"color": [PALETTE[i] for i in range(len(entries))]},
    ))
    figure.update_xaxes(visible=False)
    return figure.speak(figure_alt.dikw(point), language)


def taxonomy_sunburst(points: Sequence[Point], root: Text, language: str | None = None) -> go.Figure:
    """C3: each classification scheme (a point) with its categories around a common root."""
    ids, labels, parents = ["root"], [label(root, language)], [""]
    for point in points:
        ids.append(point.id)
        labels.append(f"{point.id}<br>{label(point.title, language)}")
        parents.append("root")
        for entry in point.entries:
            ids.append(f"{point.id}/{entry.id}")
            labels.append(label(entry.label, language))
            parents.append(point.id)
    figure = themed_figure(root, language, height=560, margin={"l": 0, "r": 0, "t": 50, "b": 0})
    figure.add_trace(go.Sunburst(ids=ids, labels=labels, parents=parents, insidetextorientation="radial",
                                 hoverinfo="label"))
    return figure.speak(figure_alt.sunburst(points, root), language)


def comparison_table(points: Sequence[Point], sides: Mapping[str, Text], title: Text,
                     language: str | None = None, rows: tuple[int, int] | None = None) -> go.Figure:
    """C4: one row per dimension, one column per approach (CKM, CRM, KM).

    A row the content marks as the course's own (``course_note``, e.g. C4.3's definition
    row: slide 16 gives no content) carries the "课程补充 Course note" marker.
    ``rows=(first, last)`` (1-based, inclusive, over the points' entries in order) draws part of
    the table, so a long comparison can span sub-slides that fit 1280x720 (issue 10).
    """
    pairs = [(point, entry) for point in points for entry in point.entries]
    total = len(pairs)
    if rows is not None:
        first, last = rows
        if not 1 <= first <= last <= len(pairs):
            raise ValueError(f"rows={rows!r}: the table has rows 1 to {len(pairs)}")
        pairs = pairs[first - 1:last]
    widths = [1.7] + [3.0] * len(sides)
    # Each column's width in display columns at the narrowest assumed notebook width; CJK text is
    # wrapped to it (plotly wraps only at spaces), and the height is measured from the wrapped rows.
    usable = TABLE_WIDTH - theme().layout.margin.l - theme().layout.margin.r - 16 * len(widths)
    fits = [int(usable * w / sum(widths) / (WRAP_PX_PER_COLUMN * FONT_SIZE)) for w in widths]
    header = [label(Text("比较维度", "Dimension"), language)] + [label(t, language) for t in sides.values()]
    header = [wrap(h, fit) for h, fit in zip(header, fits)]
    table: list[list[str]] = []
    for point, entry in pairs:
        cells = [f"{point.id} {label(entry.label, language)}"]
        for side in sides:
            text = entry.side(side)
            cells.append(label(text, language) if text else "—")  # both languages: 中文 over English
        cells = [wrap(cell, fit) for cell, fit in zip(cells, fits)]
        if entry.course_note:
            cells[0] += f"<br><i>[{COURSE_NOTE_MARKER}]</i>"  # kept whole (plotly may wrap it at its space)
        table.append(cells)
    columns_ = [list(column) for column in zip(*table)] if table else [[] for _ in header]
    line = LINE_PX * FONT_SIZE
    row_px = [max(len(lines(cell)) for cell in row) * line + 12 for row in table]
    header_px = max(len(lines(h)) for h in header) * line + 14
    top = top_margin(label(title, language))
    figure = themed_figure(title, language, height=int(top + header_px + sum(row_px) + theme().layout.margin.b),
                     width=TABLE_WIDTH)
    figure.add_trace(go.Table(
        columnwidth=widths,
        header={"values": header, "fill_color": PALETTE[0], "font": {"color": "white"}, "align": "left"},
        cells={"values": columns_, "align": "left", "fill_color": [["#f4f8fb", "white"] * len(table)]},
    ))
    return figure.speak(figure_alt.comparison(pairs, sides, title, total), language)


# C5.1: where each group of the life-cycle model sits (deck 000 slide 22). A group not named
# here is drawn inside the firm; "in" runs customer -> firm, "out" firm -> customer.
LIFECYCLE_FLOWS = {"from-customer": "in", "with-customer": "both", "to-customer": "out"}
FIRM = Text("企业", "Firm")
CUSTOMER = Text("客户", "Customer")


def _joined(texts: Sequence[Text], sep_zh: str = "、", sep_en: str = ", ") -> Text:
    return Text(sep_zh.join(t.zh for t in texts), sep_en.join(t.en for t in texts))


def lifecycle_cycle(point: Point, language: str | None = None) -> go.Figure:
    """C5.1: the life-cycle model as the deck draws it — the firm on the left, the customer on the right.

    Stages in a group of ``LIFECYCLE_FLOWS`` label an arrow between firm and customer (acquire:
    customer -> firm; transfer and provide: firm -> customer; co-develop: both ways), with the
    knowledge that flows (entries that link to those stages) under it; every other stage
    (store, share, apply) sits inside the firm's box. No order is implied.
    """
    flows = [g for g in point.groups if g.id in LIFECYCLE_FLOWS]
    flows.sort(key=lambda g: ("in", "both", "out").index(LIFECYCLE_FLOWS[g.id]))
    stages = [e for e in point.entries if not e.links]
    knowledge = [e for e in point.entries if e.links]
    inside = [e for e in stages if e.group not in LIFECYCLE_FLOWS]
    figure = themed_figure(point.title, language, height=560, showlegend=False,
                     margin={"l": 10, "r": 10, "t": 70, "b": 10})
    firm_x, customer_x = (0.0, 1.4), (3.0, 4.0)
    top = 3.0
    figure.add_shape(type="rect", x0=firm_x[0], x1=firm_x[1], y0=0, y1=top, line={"color": PALETTE[0], "width": 2},
                     fillcolor="rgba(0,114,178,0.06)", layer="below")
    figure.add_annotation(x=sum(firm_x) / 2, y=top - 0.05, text=f"<b>{label(FIRM, language)}</b>", showarrow=False,
                          yanchor="top", font={"size": 15})
    for i, entry in enumerate(inside):  # store, share, apply: inside the firm, top to bottom
        y = top - 0.85 - i * (top - 1.1) / max(len(inside) - 1, 1)
        figure.add_annotation(x=sum(firm_x) / 2, y=y, text=label(entry.label, language), showarrow=False,
                              bgcolor="white", bordercolor=PALETTE[0], borderwidth=1, borderpad=6)
    band = top / max(len(flows), 1)
    colours = {"in": PALETTE[0], "both": PALETTE[2], "out": PALETTE[1]}
    for i, group in enumerate(flows):
        y = top - band * (i + 0.5)
        direction = LIFECYCLE_FLOWS[group.id]
        colour = colours[direction]
        figure.add_shape(type="rect", x0=customer_x[0], x1=customer_x[1], y0=y - band * 0.32, y1=y + band * 0.32,
                         line={"color": colour, "width": 2}, fillcolor="white")
        figure.add_annotation(x=sum(customer_x) / 2, y=y, text=f"<b>{label(CUSTOMER, language)}</b>",
                              showarrow=False, font={"size": 14})
        tip, tail = (firm_x[1] + 0.05, customer_x[0] - 0.05) if direction == "in" else (customer_x[0] - 0.05,
                                                                                         firm_x[1] + 0.05)
        figure.add_annotation(x=tip, y=y, ax=tail, ay=y, xref="x", yref="y", axref="x", ayref="y", text="",
                              showarrow=True, arrowhead=3, arrowsize=1.2, arrowwidth=2.5, arrowcolor=colour,
                              arrowside="end+start" if direction == "both" else "end")
        moving = [e for e in stages if e.group == group.id]
        carried = [e for e in knowledge if any(link in {s.id for s in moving} for link in e.links)]
        mid = (firm_x[1] + customer_x[0]) / 2
        figure.add_annotation(x=mid, y=y + 0.08, yanchor="bottom", showarrow=False, font={"size": 14, "color": colour},
                              text=f"<b>{label(_joined([e.label for e in moving], ' · ', ' · '), language)}</b>")
        if carried:
            figure.add_annotation(x=mid, y=y - 0.08, yanchor="top", showarrow=False, font={"size": 12, "color": "#444444"},
                                  text=f"<i>{label(_joined([e.label for e in carried], '；', '; '), language)}</i>")
    figure.update_xaxes(visible=False, range=[-0.1, 4.1])
    figure.update_yaxes(visible=False, range=[-0.1, top + 0.1])
    return figure.speak(figure_alt.lifecycle(point, LIFECYCLE_FLOWS), language)


def audit_flow(point: Point, language: str | None = None) -> go.Figure:
    """C6.4: the audit steps top to bottom as numbered boxes, one colour per stage, arrows between.

    One box per row (a full-width bar with its label inside), so long bilingual step names never
    overlap (issue 10: eight boxes side by side ran into one unreadable line).
    """
    colour = {g.id: PALETTE[i % len(PALETTE)] for i, g in enumerate(point.groups)}
    count = len(point.entries)
    names = [label(Text(f"{i + 1}. {e.label.zh}", f"{i + 1}. {e.label.en}"), language)
             for i, e in enumerate(point.entries)]
    gap = 0.3
    row = max(map(text_height_px, names)) / (1 - gap) + 2  # a box (row minus gap) holds its label's lines
    legend, legend_px = legend_on_top(len(point.groups))
    height = top_margin(label(point.title, language), legend_px) + 10 + row * count
    figure = themed_figure(point.title, language, above=legend_px, height=int(height + 1),
                     showlegend=True, legend=legend, bargap=gap, barmode="overlay",
                     margin={"l": 20, "r": 20, "b": 10})
    for group in point.groups:
        steps = [i for i, e in enumerate(point.entries) if e.group == group.id]
        figure.add_trace(go.Bar(
            name=render(group.label, language), orientation="h", y=steps, x=[1.0] * len(steps), base=0,
            marker={"color": colour[group.id], "opacity": 0.3, "line": {"color": colour[group.id], "width": 2}},
            text=[names[i] for i in steps], textposition="inside", insidetextanchor="middle",
            textfont={"color": "#222222", "size": FONT_SIZE}, constraintext="none", hoverinfo="text",
        ))
    for i in range(count - 1):  # a short arrow in the gap between two boxes, left of the centred labels
        figure.add_annotation(x=0.04, y=i + 0.66, ax=0.04, ay=i + 0.34, xref="x", yref="y", axref="x", ayref="y",
                              showarrow=True, arrowhead=3, arrowwidth=1.5, text="", arrowcolor="#555555")
    figure.update_xaxes(visible=False, range=[0, 1])
    figure.update_yaxes(visible=False, range=[count - 0.5, -0.5])
    return figure.speak(figure_alt.audit(point), language)


def process_technology_matrix(point: Point, language: str | None = None) -> go.Figure:
    """C6.5: technologies (rows) × business processes (columns); a filled cell means "supports".

    The deck's figure does not say which technology serves which process, so the content marks
    the links as the course's reading (``course_note``) and the title says so.
    """
    processes = point.entries_in("process")
    technologies = point.entries_in("technology")
    z = [[1 if p.id in t.links else 0 for p in processes] for t in technologies]
    title = point.title
    if point.course_note is not None:
        title = Text(f"{title.zh}<br><sup>[{COURSE_NOTE_MARKER}] 连线是本课程的解读，课件的图没有给出</sup>",
                     f"{title.en}<br><sup>[{COURSE_NOTE_MARKER}] the links are the course's reading, not the deck's</sup>")
    xs = [label(p.label, language) for p in processes]
    # One line per technology (中文 English side by side, not stacked): 18 rows of two-line labels
    # made the figure taller than a 1280x720 slide (issue 10, slides that fit).
    ys = [" ".join(lines(label(t.label, language))) for t in technologies]
    # Margins from the labels: the rows' names on the left, the columns' names slanted at 40° below
    # (their horizontal run, cos 40°, also reaches left of the first column).
    slant = max(map(text_px, xs))
    left = int(max(max(map(text_px, ys)), 0.77 * slant - 40) + 16)
    bottom = int(0.65 * slant + 30)
    plot = 22 * len(technologies)  # one 13 px line per row, with the 2 px gap
    figure = themed_figure(title, language, height=plot + bottom + top_margin(label(title, language)),
                     margin={"l": left, "b": bottom})
    figure.add_trace(go.Heatmap(
        z=z, x=xs, y=ys,
        colorscale=[[0, "#ffffff"], [1, PALETTE[0]]], showscale=False, xgap=2, ygap=2,
        hovertemplate="%{y} → %{x}<extra></extra>",
    ))
    figure.update_xaxes(tickangle=-40, showgrid=False)
    figure.update_yaxes(autorange="reversed", showgrid=False)
    return figure.speak(figure_alt.matrix(point, title), language)


def __getattr__(name: str) -> object:
    """``charts.THEME`` (built on first use, see :func:`chart_layout.theme`)."""
    if name == "THEME":
        return theme()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
