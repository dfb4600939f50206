"""A widget followed by a live plotly figure, as an ordinary cell output.

The figure is displayed with a display handle right after the widget and updated in
place when the controls change. Unlike an ``Output`` widget, the figure lives in the
notebook's own outputs: it is saved, shows in static exports and slides, and strict
nbval can compare it. The figure's words (text alternative, "数据 Data" table, theme style; issue 22
item 10) follow it as a second output, updated with it, so they always describe what is drawn.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from IPython.display import display

from ckm_course.frontends.figure_text import text_bundle


class FigureFollows:
    """Mixin for a widget container with ``figure()``, ``title_text`` and a ``redraw_figure`` call."""

    title_text = "interactive explorer / 互动工具"
    _figure_handle: Any = None
    _text_handle: Any = None

    def figure(self) -> go.Figure:
        raise NotImplementedError

    def figure_bundle(self) -> dict[str, Any]:
        """The figure as a raw MIME bundle (plotly's own display would bypass our display id)."""
        return self.figure()._repr_mimebundle_()

    def redraw_figure(self) -> None:
        if self._figure_handle is not None:
            # JupyterLab re-renders an updated output in place when the MIME type is unchanged, and
            # the plotly renderer then keeps drawing the old figure; a one-line text update in between
            # makes JupyterLab replace the renderer, so the new figure is drawn (browser-tested).
            figure = self.figure()
            self._figure_handle.update({"text/plain": "…"}, raw=True)
            self._figure_handle.update(figure._repr_mimebundle_(), raw=True)
            if self._text_handle is not None:
                self._text_handle.update(text_bundle(figure), raw=True)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = super()._repr_mimebundle_(**kwargs) or {}
        data["text/plain"] = f"[{self.title_text}] — run this cell to use it / 运行此单元格使用"
        return data

    def _ipython_display_(self) -> None:
        display(self._repr_mimebundle_(), raw=True)
        # Not display(figure, display_id=True): a plotly Figure has its own _ipython_display_, which
        # IPython calls instead, so the id is never attached and later updates go nowhere.
        figure = self.figure()
        self._figure_handle = display(figure._repr_mimebundle_(), raw=True, display_id=True)
        self._text_handle = display(text_bundle(figure), raw=True, display_id=True)
