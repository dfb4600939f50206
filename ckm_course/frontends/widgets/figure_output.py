"""A widget followed by a live plotly figure, as an ordinary cell output.

The figure is displayed with a display handle right after the widget and updated in
place when the controls change. Unlike an ``Output`` widget, the figure lives in the
notebook's own outputs: it is saved, shows in static exports and slides, and strict
nbval can compare it.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from IPython.display import display


class FigureFollows:
    """Mixin for a widget container with ``figure()``, ``title_text`` and a ``redraw_figure`` call."""

    title_text = "interactive explorer / 互动工具"
    _figure_handle: Any = None

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
            self._figure_handle.update({"text/plain": "…"}, raw=True)
            self._figure_handle.update(self.figure_bundle(), raw=True)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        data = super()._repr_mimebundle_(**kwargs) or {}
        data["text/plain"] = f"[{self.title_text}] — run this cell to use it / 运行此单元格使用"
        return data

    def _ipython_display_(self) -> None:
        display(self._repr_mimebundle_(), raw=True)
        # Not display(figure, display_id=True): a plotly Figure has its own _ipython_display_, which
        # IPython calls instead, so the id is never attached and later updates go nowhere.
        self._figure_handle = display(self.figure_bundle(), raw=True, display_id=True)
