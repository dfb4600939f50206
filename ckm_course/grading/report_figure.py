"""The report's figures shown in a notebook as the course's own are (issue 23: notebook 10 <= 1.3 x floor)."""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def report_figure() -> type:
    """``go.Figure`` shown in a notebook without importing plotly.io's renderers, as the course's figures are
    (``frontends/figure_bundle.py``: ~0.4 s of notebook 10's first figure, issue 23); the same output."""
    import plotly.graph_objects as go

    from ckm_course.frontends.figure_bundle import BundleDisplay

    class ReportFigure(BundleDisplay, go.Figure):
        """A report figure (plotly is imported only when the report makes one)."""

    return ReportFigure
