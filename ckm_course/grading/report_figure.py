"""The report's figures shown in a notebook as the course's own are (issue 23: notebook 10 <= 1.3 x floor)."""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def report_figure() -> type:
    """``go.Figure`` shown in a notebook without importing plotly.io's renderers, as the course's figures are
    (``frontends/figure_bundle.py``: ~0.4 s of notebook 10's first figure, issue 23); the same output."""
    import plotly.graph_objects as go

    from ckm_course.frontends.figure_bundle import plotly_bundle

    class ReportFigure(go.Figure):
        def _repr_mimebundle_(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
            fast = None if args or kwargs else plotly_bundle(self)
            return fast if fast is not None else super()._repr_mimebundle_(*args, **kwargs)

        def _ipython_display_(self) -> None:
            fast = plotly_bundle(self)
            if fast is None:
                super()._ipython_display_()
                return
            from IPython.display import display

            display(fast, raw=True)

    return ReportFigure
