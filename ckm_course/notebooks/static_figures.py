"""Static PNGs beside each plotly figure of an executed notebook (issue 10, "Static views").

GitHub, nbviewer and ``jupyter nbconvert --to html`` cannot draw a plotly figure (its MIME
type needs plotly.js), so :func:`add_static_images` adds an ``image/png`` to every output
bundle that carries ``application/vnd.plotly.v1+json``. JupyterLab still draws the live
figure (the plotly renderer outranks ``image/png``); static renderers show the picture.

Only ``ckm-course execute`` (the runner, in its own process) does this: a student's kernel
never starts a browser. The PNGs come from kaleido driving the installed chromium, offline:
plotly.js from the installed plotly package and no MathJax (kaleido's default fetches it
from a CDN). One browser serves every figure of a run. Without kaleido or a browser the
run goes on, saying once that the static images were skipped.
"""

from __future__ import annotations

import asyncio
import base64
import atexit
import sys
import threading
from collections.abc import Iterator
from typing import Any

PLOTLY = "application/vnd.plotly.v1+json"
PNG = "image/png"
# 860 CSS px is about the width of a JupyterLab notebook column and of a nbconvert page;
# scale 1 keeps a figure at 40-120 kB, so a notebook with four figures stays far below 1.5 MB.
WIDTH = 860
SCALE = 1
START_TIMEOUT = 120.0
FIGURE_TIMEOUT = 90.0


class StaticImages:
    """One headless browser (kaleido) in a background event loop, started on first use.

    :meth:`png` returns the PNG bytes of a figure's JSON, or ``None`` when static images
    are unavailable; :attr:`skipped` then says why (printed once to stderr).
    """

    def __init__(self, width: int = WIDTH, scale: float = SCALE) -> None:
        self.width = width
        self.scale = scale
        self.skipped: str | None = None
        self.count = 0
        self._kaleido: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    def _run(self, coroutine: Any, timeout: float) -> Any:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def _skip(self, reason: str) -> None:
        if self.skipped is None:
            self.skipped = reason
            print(f"ckm-course: static images skipped ({reason}); figures in saved notebooks will show only "
                  "in JupyterLab, not on GitHub/nbviewer/nbconvert", file=sys.stderr)

    def _start(self) -> bool:
        if self._kaleido is not None:
            return True
        if self.skipped is not None:
            return False
        try:
            import kaleido
        except ImportError:
            self._skip("the kaleido package is not installed")
            return False
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="ckm-static-images", daemon=True)
        self._thread.start()

        async def open_browser() -> Any:
            session = kaleido.Kaleido(n=1, mathjax=False, timeout=FIGURE_TIMEOUT)
            await session.open()
            return session

        try:
            self._kaleido = self._run(open_browser(), START_TIMEOUT)
        except Exception as exc:  # no chromium, a sandbox refusing to start, a timeout...
            self._skip(f"no headless browser for kaleido: {type(exc).__name__}: {str(exc)[:160]}")
            self._stop_loop()
            return False
        atexit.register(self.close)
        return True

    def png(self, figure: dict[str, Any]) -> bytes | None:
        """The figure (plotly JSON: ``data`` and ``layout``) as PNG bytes, or ``None`` if unavailable."""
        if not self._start():
            return None
        opts = {"format": "png", "width": self.width, "scale": self.scale}
        try:
            image = self._run(self._kaleido.calc_fig(figure, opts=opts), FIGURE_TIMEOUT + 10)
        except Exception as exc:
            print(f"ckm-course: a static image failed ({type(exc).__name__}: {str(exc)[:160]}); "
                  "that figure has none", file=sys.stderr)
            return None
        self.count += 1
        return image

    def _stop_loop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(10)
            self._loop = self._thread = None

    def close(self) -> None:
        """Close the browser (also done at exit)."""
        if self._kaleido is not None:
            try:
                self._run(self._kaleido.close(), 30)
            except Exception:  # closing a browser that already went away
                pass
            self._kaleido = None
        self._stop_loop()


_shared: StaticImages | None = None


def shared() -> StaticImages:
    """The run's one :class:`StaticImages` (one browser for every notebook of a ``ckm-course execute``)."""
    global _shared
    if _shared is None:
        _shared = StaticImages()
    return _shared


def figure_outputs(notebook: Any) -> Iterator[dict[str, Any]]:
    """Every output bundle of ``notebook`` that holds a plotly figure."""
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            if PLOTLY in output.get("data", {}):
                yield output


def add_static_images(notebook: Any, images: StaticImages | None = None) -> int:
    """Put a PNG of each plotly figure into its output bundle (base64, as nbformat stores images).

    Returns how many figures got one. An existing PNG is replaced (the figure may have changed);
    when images are unavailable an old PNG is dropped too, so no stale picture is committed.
    """
    images = images or shared()
    done = 0
    for output in figure_outputs(notebook):
        output["data"].pop(PNG, None)
        figure = output["data"][PLOTLY]
        image = images.png({"data": figure.get("data", []), "layout": figure.get("layout", {})})
        if image is not None:
            output["data"][PNG] = base64.b64encode(image).decode("ascii")
            done += 1
    return done
