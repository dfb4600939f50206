"""A figure's output built without importing plotly.io's renderers (issue 23: chapter notebooks <= 1.3 x floor).

plotly shows a figure through ``plotly.io._renderers``, whose import costs ~0.5 s at a notebook's first figure,
in every kernel: nbformat and jsonschema (to check that mime rendering can work), kaleido with its browser
driver and psutil (to warn about old JupyterLab versions). With the course's renderer, ``plotly_mimetype``
(``ckm_course.start()`` chooses it through ``PLOTLY_RENDERER`` without importing the renderers), the output
is only the figure's JSON under plotly's MIME type, which :func:`plotly_bundle` builds as plotly's
``PlotlyRenderer.to_mimebundle`` does (same JSON encoder, same options), so saved outputs are unchanged.
Once the renderers are imported (someone chose or configured one there), plotly does it, as before.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

MIME = "application/vnd.plotly.v1+json"


def plotly_bundle(figure: Any) -> dict[str, Any] | None:
    """``figure``'s display bundle as the ``plotly_mimetype`` renderer makes it, or None where plotly's own
    renderers must make it (they are imported, or ``PLOTLY_RENDERER`` names another renderer)."""
    if "plotly.io._renderers" in sys.modules or os.environ.get("PLOTLY_RENDERER") != "plotly_mimetype":
        return None
    from plotly.io._json import to_json  # ~2 ms once plotly.graph_objects is imported

    return {MIME: json.loads(to_json(figure.to_dict(), validate=False, remove_uids=False))}


class BundleDisplay:
    """Mixed into a ``go.Figure`` subclass (before it): shown through :func:`plotly_bundle` where it can,
    through plotly's own renderers where it must. ``SpeakingFigure`` and the gradebook report's figures."""

    def _repr_mimebundle_(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        fast = None if args or kwargs else plotly_bundle(self)
        return fast if fast is not None else super()._repr_mimebundle_(*args, **kwargs)  # type: ignore[misc]

    def _ipython_display_(self) -> None:
        fast = plotly_bundle(self)
        if fast is None:
            super()._ipython_display_()  # type: ignore[misc]
            return
        from IPython.display import display  # the kernel has it loaded; this module stays importable without

        display(fast, raw=True)

