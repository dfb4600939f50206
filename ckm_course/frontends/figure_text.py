"""What a figure says in words: a text alternative and a small data table (issue 22 item 10).

Every builder of :mod:`charts` / :mod:`data_charts` returns a :class:`SpeakingFigure`: a plotly
``go.Figure`` that carries a :class:`FigureText` (what it shows and its main finding, computed
from the same data the figure draws, see :mod:`figure_alt`). Displayed in a notebook it puts,
right after the figure, one HTML output: the text alternative, the data behind a
"数据 Data" disclosure (``<details>``, at most :data:`MAX_ROWS` rows) and a style that follows
the JupyterLab theme — where ``body[data-jp-theme-light="false"]`` (JupyterLab Dark, Voilà dark),
the figure just before it is shown dark (its colours inverted with hues kept: the saved static
PNG and the figure's JSON stay light). The style reaches the page in trusted outputs (a cell run
in this session, Voilà, the decks); JupyterLab strips ``<style>`` from untrusted saved outputs,
so those figures turn dark once their cell runs. On screens narrower than 600 px a figure marked
``narrow_table`` (the sunburst) is replaced by its table (issue 22 item 1).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go
from IPython.display import display

from ckm_course.content.catalog import catalog
from ckm_course.content.model import Text
from ckm_course.frontends.figure_bundle import BundleDisplay
from ckm_course.i18n import render

MAX_ROWS = 30  # a data table never holds more rows (saved notebooks stay small)
# The words live in content/figures/words.toml ([figure] table).
# FIGURE ("图 / Figure") and DATA ("数据 Data", the disclosure's fixed bilingual name that browser tests
# find it by) are read from the file on first use, not at import (module __getattr__ below).
CLASS = "ckm-figure-text"

# Narrow outputs (issue 22 item 1, phones): below PLOT_WIDTH a figure is laid out at PLOT_WIDTH px,
# where its legend, axis labels and polar labels still fit, and zoomed down to its output's width
# (steps of 20 px; a container query on the output row). Plotly's own autosize at 300 px squeezes the
# plot area to nothing and clips legends and labels; the figure JSON is not changed.
# A radar's bilingual angular labels need more room: laid out at POLAR_WIDTH. The figure's row is the
# container (any output row holding a plotly figure, so the rule holds in explorers and Voilà too).
# Voilà lays output rows out as CSS tables, and size containment does not apply to table boxes: there
# the figure's row (and the figure) are blocks, else no container query ever matched in the app.
PLOT_WIDTH, POLAR_WIDTH = 560, 760


def _zoom_rules(selector: str, width: int) -> str:
    return "\n".join(f"@container (max-width: {w}px) {{ {selector} {{ width: {width}px; zoom: {(w - 20) / width:.3f}; }} }}"
                     for w in range(width, 219, -20))


NARROW = _zoom_rules(".jp-RenderedPlotly", PLOT_WIDTH) + "\n" + _zoom_rules(".jp-RenderedPlotly:has(.polarlayer)", POLAR_WIDTH) + (
    # a plotly table has a fixed width (chart_layout.TABLE_WIDTH) its wrapped text was made for: it scrolls
    # sideways inside its own output instead (the page does not), its data table is below it.
    f"\n@container (max-width: {PLOT_WIDTH}px) {{ .jp-RenderedPlotly:has(g.table) {{ width: auto; zoom: 1; overflow-x: auto; }} }}")

# Plotly lays a figure out only when it is drawn or the window resizes: when the style above gives a
# figure drawn on a narrow screen its layout width, a resize is announced so plotly lays it out again.
# Only a change of a figure's width is announced: a responsive figure relaid out may change its own
# height, and announcing that too would make plotly and the observer answer each other forever.
RELAYOUT = """<script>(() => { if (window.ckmFigureRelayout || !window.ResizeObserver) return;
  let queued = false;
  const widths = new WeakMap();
  window.ckmFigureRelayout = new ResizeObserver(entries => {
    const changed = entries.filter(e => { const w = Math.round(e.contentRect.width);
      const was = widths.get(e.target); widths.set(e.target, w); return was !== undefined && was !== w; });
    if (!changed.length || queued) return; queued = true;
    requestAnimationFrame(() => { queued = false; window.dispatchEvent(new Event('resize')); }); });
  const watch = () => document.querySelectorAll('.jp-RenderedPlotly:not([data-ckm-watched])').forEach(e => {
    e.dataset.ckmWatched = '1'; window.ckmFigureRelayout.observe(e); });
  watch(); new MutationObserver(watch).observe(document.body, {childList: true, subtree: true});
})();</script>"""

# Dark where JupyterLab (or Voilà) is dark: the figure output just before this text is inverted with
# its hues turned back (white -> near black, the Okabe-Ito colours stay recognisable). :has() needs
# Chromium 105 / Firefox 121 / Safari 15.4.
STYLE = f"""<style>
body[data-jp-theme-light="false"] .jp-OutputArea-child:has(+ .jp-OutputArea-child .{CLASS}) .jp-RenderedPlotly,
body[data-jp-theme-light="false"] .jp-OutputArea-child:has(+ .jp-OutputArea-child .{CLASS}) .jp-RenderedImage {{
  filter: invert(0.88) hue-rotate(180deg);
}}
.{CLASS} details table {{ border-collapse: collapse; margin: 0.3em 0; }}
.{CLASS} table th, .{CLASS} table td {{ border: 1px solid var(--jp-border-color2, #ccc); padding: 2px 6px;
  vertical-align: top; text-align: left !important; }}
.{CLASS} .ckm-figure-narrow {{ display: none; }}
.jp-OutputArea-child:has(> .jp-RenderedPlotly) {{ container-type: inline-size; }}
body[data-voila] .jp-OutputArea-child:has(> .jp-RenderedPlotly),
body[data-voila] .jp-OutputArea-child > .jp-RenderedPlotly {{ display: block; }}
@container (max-width: {POLAR_WIDTH}px) {{ body[data-voila] .jp-OutputArea-child > .jp-RenderedPlotly {{ margin-left: 0; padding-left: 0; }} }}
.jp-OutputArea-child:has(+ .jp-OutputArea-child .{CLASS}) .jp-RenderedImage img {{ max-width: 100%; height: auto; }}
{NARROW}
@media (max-width: 600px) {{
  .jp-OutputArea-child:has(+ .jp-OutputArea-child .{CLASS}[data-narrow="table"]) {{ display: none; }}
  .{CLASS}[data-narrow="table"] .ckm-figure-narrow {{ display: table; width: 100%; table-layout: fixed;
    overflow-wrap: anywhere; }}
  .{CLASS}[data-narrow="table"] details {{ display: none; }}
}}
</style>"""


@dataclass(frozen=True)
class FigureText:
    """A figure in words: ``shows`` (what it is), ``finding`` (from its data) and its data table.

    ``rows`` are the table's cells as text; only the first :data:`MAX_ROWS` are shown.
    ``narrow_table``: on a narrow screen show the table instead of the figure.
    """

    shows: Text
    finding: Text
    columns: tuple[Text, ...]
    rows: tuple[tuple[str, ...], ...] = field(default=())
    narrow_table: bool = False

    def alt(self, language: str | None = None) -> str:
        """The text alternative: what the figure shows, then its main finding."""
        zh = f"{self.shows.zh}。{self.finding.zh}"
        en = f"{self.shows.en}. {self.finding.en}"
        return render(Text(zh.replace("。。", "。"), en.replace("..", ".")), language)

    def _table(self, language: str | None, css_class: str = "") -> str:
        head = "".join(f'<th scope="col">{html.escape(render(c, language))}</th>' for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
                       for row in self.rows[:MAX_ROWS])
        more = ""
        if len(self.rows) > MAX_ROWS:
            note = catalog().figure_words.text("figure", "first_rows", shown=MAX_ROWS, total=len(self.rows))
            more = f"<p>{html.escape(render(note, language))}</p>"
        attribute = f' class="{css_class}"' if css_class else ""
        return f"<table{attribute}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"

    def html(self, language: str | None = None) -> str:
        """The HTML output shown after the figure (text alternative, disclosure, theme style)."""
        alt = html.escape(self.alt(language))
        narrow = ' data-narrow="table"' if self.narrow_table else ""
        figure = html.escape(render(_figure_name(), language))
        parts = [f'<div class="{CLASS}" role="group" aria-label="{figure}"{narrow}>',
                 f'<p class="ckm-figure-alt"><b>{figure}:</b> {alt}</p>']
        if self.narrow_table:
            parts.append(self._table(language, "ckm-figure-narrow"))
        parts.append(f"<details><summary>{_data_label()}</summary>{self._table(language)}</details>{STYLE}{RELAYOUT}</div>")
        return "".join(parts)

    def bundle(self, language: str | None = None) -> dict[str, str]:
        return {"text/html": self.html(language), "text/plain": f"[{render(_figure_name(), language)}] {self.alt(language)}"}


def page_style() -> str:
    """The figures' style and relayout script alone, for the top of an app page (issue 22 item 1): there
    the first figure is drawn before its own words bring the style, so on a phone it was laid out
    squeezed; with the style already on the page it is drawn at its layout width at once."""
    return STYLE + RELAYOUT


class SpeakingFigure(BundleDisplay, go.Figure):
    """A ``go.Figure`` with a :class:`FigureText`; displayed, the figure and then its text output."""

    _text: FigureText | None = None
    _language: str | None = None

    def speak(self, text: FigureText, language: str | None = None) -> SpeakingFigure:
        self._text, self._language = text, language
        return self

    @property
    def text(self) -> FigureText | None:
        return self._text

    def text_bundle(self) -> dict[str, str] | None:
        return None if self._text is None else self._text.bundle(self._language)

    def _ipython_display_(self) -> None:
        """The figure (``BundleDisplay``: without plotly's renderers where it can, issue 23), then its text."""
        super()._ipython_display_()
        bundle = self.text_bundle()
        if bundle is not None:
            display(bundle, raw=True)


def text_bundle(figure: Any) -> dict[str, str]:
    """The text output of ``figure`` (an empty placeholder for a figure that has no text)."""
    bundle = figure.text_bundle() if isinstance(figure, SpeakingFigure) else None
    return bundle or {"text/plain": ""}


def _figure_name() -> Text:
    return catalog().figure_words.text("figure", "name")


def _data_label() -> str:
    data = catalog().figure_words.text("figure", "data")
    return f"{data.zh} {data.en}"


def __getattr__(name: str) -> Any:
    """``FIGURE`` and ``DATA`` as names, read on first use (importing this module reads no file)."""
    if name == "FIGURE":
        return _figure_name()
    if name == "DATA":
        return _data_label()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
