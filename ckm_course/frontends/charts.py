"""Plotly figure builders: pure functions, content or data in, ``go.Figure`` out.

No builder loads files or shows anything. All share one small theme: the Okabe-Ito
colour-blind-safe palette, a font list that renders Chinese (Noto Sans CJK first), and
no template from plotly's defaults, so saved notebooks stay small and deterministic.
plotly.js comes from the installed JupyterLab extension: nothing from a CDN.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from ckm_course.i18n import get_language, render
from ckm_course.content.model import Point, Text

COURSE_NOTE_MARKER = "课程补充 Course note"  # marks what the course adds to the decks (see present.py)
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, Heiti SC, sans-serif"
THEME = go.layout.Template(layout={
    "font": {"family": FONT, "size": 13, "color": "#222222"},
    "colorway": list(PALETTE),
    "paper_bgcolor": "white", "plot_bgcolor": "white",
    "margin": {"l": 40, "r": 20, "t": 60, "b": 40},
    # automargin: plotly widens a margin to fit tick labels and the axis title (issue 10: no collisions)
    "xaxis": {"showgrid": True, "gridcolor": "#e5e5e5", "zeroline": False, "automargin": True},
    "yaxis": {"showgrid": True, "gridcolor": "#e5e5e5", "zeroline": False, "automargin": True},
})


def label(text: Text, language: str | None = None) -> str:
    """A label for a figure: both languages on two lines, or one."""
    lang = language or get_language()
    return f"{text.zh}<br>{text.en}" if lang == "both" and text.zh != text.en else render(text, lang)


# Text measure for layouts (issue 10: no clipped or overlapping labels). Widths are counted in
# display columns (a CJK character is 2, see unicodedata.east_asian_width) and turned into pixels
# with a deliberately generous factor, so margins are sized from the labels, never guessed.
FONT_SIZE = 13
PX_PER_COLUMN = 0.62  # x font size, for margins: Latin letters in Noto Sans average ~0.55 em, a CJK glyph 1 em = 2 columns
WRAP_PX_PER_COLUMN = 0.56  # x font size, for wrapping table text: a CJK glyph (1 em) then fills 1.12 em of room
LINE_PX = 1.45  # x font size: one line of text
# px: a table's fixed width (= the static image's, static_figures.WIDTH). Its Chinese is wrapped for
# exactly this width; an auto-sized table in a narrower column would cut text again (plotly wraps
# neither CJK nor reliably at spaces), so a narrow column scrolls sideways instead.
TABLE_WIDTH = 860
_TAG = re.compile(r"<(?!br\b)[^>]+>")
_BREAK = re.compile(r"<br\s*/?>")


def lines(text: str) -> list[str]:
    """The visible lines of a plotly label: split at ``<br>``, other tags dropped."""
    return _BREAK.split(_TAG.sub("", text))


def columns(text: str) -> int:
    """Display columns of the widest line of ``text`` (CJK and full-width characters count 2)."""
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line) for line in lines(text)),
               default=0)


def text_px(text: str, size: float = FONT_SIZE) -> float:
    """Pixel width of the widest line of ``text`` at font ``size`` (an upper estimate)."""
    return columns(text) * PX_PER_COLUMN * size


def text_height_px(text: str, size: float = FONT_SIZE) -> float:
    return len(lines(text)) * LINE_PX * size


def _tokens(line: str) -> list[str]:
    """Break opportunities: a Latin word (with its trailing space), or one CJK character
    (closing punctuation stays with the character before it)."""
    tokens: list[str] = []
    for piece in re.findall(r"[^\s\u2e80-\uffef]+\s*|[\u2e80-\uffef]\s*|\s+", line):
        if tokens and unicodedata.category(piece[0]) in ("Pe", "Po", "Pf") and unicodedata.east_asian_width(piece[0]) in "WF":
            tokens[-1] += piece
        else:
            tokens.append(piece)
    return tokens


def wrap(text: str, width: int) -> str:
    """``text`` with ``<br>`` inserted so no line is wider than ``width`` display columns.

    Chinese has no spaces, so plotly (which wraps table cells only at spaces) would cut it;
    this breaks between CJK characters and between words. Existing ``<br>`` are kept; a single
    word longer than ``width`` stays whole.
    """
    out: list[str] = []
    for line in _BREAK.split(text):
        current = ""
        for token in _tokens(line):
            if current and columns(current + token.rstrip()) > width:
                out.append(current.rstrip())
                current = token.lstrip()
            else:
                current += token
        out.append(current.rstrip())
    return "<br>".join(out)


def _top_margin(title: str, extra: float = 0) -> int:
    """Room for a (multi-line) title at the top, plus ``extra`` px (e.g. a legend under it)."""
    return int(24 + text_height_px(title, 17) + extra)


def _figure(title: Text, language: str | None, above: float = 0, **layout: object) -> go.Figure:
    """A themed figure whose top margin fits its title, with ``above`` px kept free between the
    title and the plot (for a legend placed there)."""
    figure = go.Figure()
    text = label(title, language)
    margin = dict(THEME.layout.margin.to_plotly_json())
    given = dict(layout.pop("margin", None) or {})
    margin.update(given)
    margin["t"] = max(int(given.get("t", 0)), _top_margin(text, above))  # never less than the title needs
    title_layout: dict[str, object] = {"text": text, "x": 0.02, "xanchor": "left"}
    height = layout.get("height")
    if isinstance(height, (int, float)):
        # The title's last line sits ``above`` + 6 px over the plot area. Plotly ignores title.pad
        # here and anchors a multi-line title by its first line, so the other lines are added.
        rest = (len(lines(text)) - 1) * 1.3 * 17
        first_line_bottom = max(margin["t"] - above - 6 - rest, 20.0)  # px from the top
        title_layout.update(yref="container", yanchor="bottom", y=1 - first_line_bottom / float(height))
    figure.update_layout(template=THEME, title=title_layout, margin=margin, **layout)
    return figure


def dikw_pyramid(point: Point, language: str | None = None) -> go.Figure:
    """C2.3: data at the wide base, information above it, knowledge at the narrow top."""
    entries = list(reversed(point.entries))  # knowledge first: the funnel's narrow top
    names = [label(e.label, language) for e in entries]
    figure = _figure(point.title, language, showlegend=False, height=380,
                     margin={"l": int(max(map(text_px, names)) + 16)})
    figure.add_trace(go.Funnel(
        y=names, x=list(range(1, len(entries) + 1)),
        text=[render(e.explanation, language) if e.explanation else "" for e in entries],
        textinfo="none", hovertemplate="%{y}<br>%{text}<extra></extra>",
        marker={"color": [PALETTE[i] for i in range(len(entries))]},
    ))
    figure.update_xaxes(visible=False)
    return figure


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
    figure = _figure(root, language, height=560, margin={"l": 0, "r": 0, "t": 50, "b": 0})
    figure.add_trace(go.Sunburst(ids=ids, labels=labels, parents=parents, insidetextorientation="radial",
                                 hoverinfo="label"))
    return figure


def comparison_table(points: Sequence[Point], sides: Mapping[str, Text], title: Text,
                     language: str | None = None, rows: tuple[int, int] | None = None) -> go.Figure:
    """C4: one row per dimension, one column per approach (CKM, CRM, KM).

    A row the content marks as the course's own (``course_note``, e.g. C4.3's definition
    row: slide 16 gives no content) carries the "课程补充 Course note" marker.
    ``rows=(first, last)`` (1-based, inclusive, over the points' entries in order) draws part of
    the table, so a long comparison can span sub-slides that fit 1280x720 (issue 10).
    """
    pairs = [(point, entry) for point in points for entry in point.entries]
    if rows is not None:
        first, last = rows
        if not 1 <= first <= last <= len(pairs):
            raise ValueError(f"rows={rows!r}: the table has rows 1 to {len(pairs)}")
        pairs = pairs[first - 1:last]
    widths = [1.7] + [3.0] * len(sides)
    # Each column's width in display columns at the narrowest assumed notebook width; CJK text is
    # wrapped to it (plotly wraps only at spaces), and the height is measured from the wrapped rows.
    usable = TABLE_WIDTH - THEME.layout.margin.l - THEME.layout.margin.r - 16 * len(widths)
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
    top = _top_margin(label(title, language))
    figure = _figure(title, language, height=int(top + header_px + sum(row_px) + THEME.layout.margin.b),
                     width=TABLE_WIDTH)
    figure.add_trace(go.Table(
        columnwidth=widths,
        header={"values": header, "fill_color": PALETTE[0], "font": {"color": "white"}, "align": "left"},
        cells={"values": columns_, "align": "left", "fill_color": [["#f4f8fb", "white"] * len(table)]},
    ))
    return figure


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
    figure = _figure(point.title, language, height=560, showlegend=False,
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
    return figure


LEGEND_ROW_PX = 22  # one entry of a vertical legend


def _legend_on_top(entries: int) -> tuple[dict[str, object], float]:
    """A vertical legend between the title and the plot: its layout and the height it takes.

    Vertical, so its height does not depend on the width the notebook gives the figure, and
    above the plot, so it never meets an axis title at the bottom (issue 10: "周 / weeks").
    """
    return {"orientation": "v", "x": 0, "xanchor": "left", "y": 1, "yanchor": "bottom",
            "yref": "paper"}, entries * LEGEND_ROW_PX + 8


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
    legend, legend_px = _legend_on_top(len(point.groups))
    left = int(max(map(text_px, names.values())) + 16)
    figure = _figure(point.title, language, above=legend_px, height=int(150 + legend_px + row * len(point.entries)),
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
    return figure


def _start_week(value: object) -> float | None:
    """A start week for :func:`roadmap_gantt`: a finite number >= 0 (or text of one), else None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        week = float(value.strip()) if isinstance(value, str) else float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return week if math.isfinite(week) and week >= 0 else None


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
    legend, legend_px = _legend_on_top(len(point.groups))
    height = _top_margin(label(point.title, language), legend_px) + 10 + row * count
    figure = _figure(point.title, language, above=legend_px, height=int(height + 1),
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
    return figure


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
    figure = _figure(title, language, height=plot + bottom + _top_margin(label(title, language)),
                     margin={"l": left, "b": bottom})
    figure.add_trace(go.Heatmap(
        z=z, x=xs, y=ys,
        colorscale=[[0, "#ffffff"], [1, PALETTE[0]]], showscale=False, xgap=2, ygap=2,
        hovertemplate="%{y} → %{x}<extra></extra>",
    ))
    figure.update_xaxes(tickangle=-40, showgrid=False)
    figure.update_yaxes(autorange="reversed", showgrid=False)
    return figure


def customer_classes(frame, x: str, y: str, cls: str, classes: Mapping[str, Text], hover: str | None = None,
                     title: Text | None = None, language: str | None = None) -> go.Figure:
    """C1.3: customers as points (e.g. revenue vs cost-to-serve), one colour and symbol per class."""
    title = title or Text("三类客户", "Three classes of customers")
    legend, legend_px = _legend_on_top(len(classes))  # on top: the points get the full width
    figure = _figure(title, language, above=legend_px, xaxis_title=x, yaxis_title=y, legend=legend,
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
    return figure


def capability_radar(dimensions: Sequence[Text], scores: Sequence[float], maximum: float = 5.0,
                     title: Text | None = None, language: str | None = None) -> go.Figure:
    """C8.1: one score per capability dimension on a closed radar, on a 0..maximum scale."""
    title = title or Text("客户知识管理能力自评", "CKM capability self-assessment")
    names = [label(d, language) for d in dimensions]
    values = [min(max(float(s), 0.0), maximum) for s in scores]
    side = int(max(map(text_px, names), default=0) + 12)  # the 0° and 180° labels run into the side margins
    figure = _figure(title, language, height=500, showlegend=False, margin={"l": side, "r": side},
                     polar={"radialaxis": {"range": [0, maximum], "dtick": 1}})
    figure.add_trace(go.Scatterpolar(r=values + values[:1], theta=names + names[:1], fill="toself",
                                     line={"color": PALETTE[0]}, hovertemplate="%{theta}: %{r}<extra></extra>"))
    return figure


def whale_curve(curve, title: Text | None = None, language: str | None = None) -> go.Figure:
    """C1.3: cumulative share of profit against share of customers, most profitable first.

    ``curve`` is :func:`ckm_course.case.analytics.whale_curve`'s table. A dotted line marks 100 %.
    """
    title = title or Text("鲸鱼曲线：客户盈利的累计分布", "Whale curve: cumulative customer profitability")
    figure = _figure(title, language, height=420, showlegend=False,
                     xaxis_title=label(Text("客户占比（从最赚钱到最亏钱）", "share of customers (most to least profitable)"), language),
                     yaxis_title=label(Text("累计利润占总利润", "cumulative share of total profit"), language))
    figure.add_trace(go.Scatter(x=curve["customer_share"].tolist(), y=curve["cumulative_profit_share"].tolist(),
                                mode="lines", line={"color": PALETTE[0], "width": 3},
                                hovertemplate="%{x:.0%} → %{y:.0%}<extra></extra>"))
    figure.add_hline(y=1.0, line={"dash": "dot", "color": "#555555"})
    figure.update_xaxes(tickformat=".0%", range=[0, 1])
    figure.update_yaxes(tickformat=".0%")
    return figure
