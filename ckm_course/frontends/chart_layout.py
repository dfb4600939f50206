"""The look and the text measure shared by every figure of :mod:`ckm_course.frontends.charts`.

One small theme (the Okabe-Ito colour-blind-safe palette, a font list that renders Chinese, no
plotly template), a bilingual label, and a text measure in display columns (a CJK character is 2)
so margins and wrapping are sized from the labels, never guessed (issue 10: no clipped labels).
"""

from __future__ import annotations

import functools
import re
import unicodedata

import plotly.graph_objects as go

from ckm_course.content.model import Text
from ckm_course.frontends.figure_text import SpeakingFigure
from ckm_course.i18n import get_language, render

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
FONT = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, Heiti SC, sans-serif"


@functools.cache
def theme() -> go.layout.Template:
    """The one theme of every figure, built on first use (building a plotly Template costs ~0.1 s)."""
    return go.layout.Template(layout={
        "font": {"family": FONT, "size": 13, "color": "#222222"},
        "colorway": list(PALETTE),
        "paper_bgcolor": "white", "plot_bgcolor": "white",
        "margin": {"l": 40, "r": 20, "t": 60, "b": 40},
        # automargin: plotly widens a margin to fit tick labels and the axis title (issue 10: no collisions)
        "xaxis": {"showgrid": True, "gridcolor": "#e5e5e5", "zeroline": False, "automargin": True},
        "yaxis": {"showgrid": True, "gridcolor": "#e5e5e5", "zeroline": False, "automargin": True},
    })


def __getattr__(name: str) -> object:
    """``THEME``, the theme as a constant (as before), built when first asked for."""
    if name == "THEME":
        return theme()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


def top_margin(title: str, extra: float = 0) -> int:
    """Room for a (multi-line) title at the top, plus ``extra`` px (e.g. a legend under it)."""
    return int(24 + text_height_px(title, 17) + extra)


def themed_figure(title: Text, language: str | None, above: float = 0, **layout: object) -> SpeakingFigure:
    """A themed figure whose top margin fits its title, with ``above`` px kept free between the
    title and the plot (for a legend placed there)."""
    figure = SpeakingFigure()  # its builder gives it its words (figure_alt.py, issue 22 item 10)
    text = label(title, language)
    margin = dict(theme().layout.margin.to_plotly_json())
    given = dict(layout.pop("margin", None) or {})
    margin.update(given)
    margin["t"] = max(int(given.get("t", 0)), top_margin(text, above))  # never less than the title needs
    title_layout: dict[str, object] = {"text": text, "x": 0.02, "xanchor": "left"}
    height = layout.get("height")
    if isinstance(height, (int, float)):
        # The title's last line sits ``above`` + 6 px over the plot area. Plotly ignores title.pad
        # here and anchors a multi-line title by its first line, so the other lines are added.
        rest = (len(lines(text)) - 1) * 1.3 * 17
        first_line_bottom = max(margin["t"] - above - 6 - rest, 20.0)  # px from the top
        title_layout.update(yref="container", yanchor="bottom", y=1 - first_line_bottom / float(height))
    figure.update_layout(template=theme(), title=title_layout, margin=margin, **layout)
    return figure


LEGEND_ROW_PX = 22  # one entry of a vertical legend


def legend_on_top(entries: int) -> tuple[dict[str, object], float]:
    """A vertical legend between the title and the plot: its layout and the height it takes.

    Vertical, so its height does not depend on the width the notebook gives the figure, and
    above the plot, so it never meets an axis title at the bottom (issue 10: "周 / weeks").
    """
    return {"orientation": "v", "x": 0, "xanchor": "left", "y": 1, "yanchor": "bottom",
            "yref": "paper"}, entries * LEGEND_ROW_PX + 8
