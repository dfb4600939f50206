"""Voilà app mode (issues 14, 22.6, 22.7): the course as web pages with no code (``make app`` / ``ckm-course app``).

Runs the course's Voilà (``app_server.py``: the course home at ``/``, chapters and practice sets, no
instructor material, no speaker notes) on 127.0.0.1 with nothing fetched from the network
(:func:`voila_command`). A student opens a chapter, answers its exercises in the widgets, and
never sees a code cell. Where the answers go (the answer files next to each notebook) is
:mod:`ckm_course.exercises.answers`.

**As a service** (issue 22.7): a page's kernel (about 140 MB) is shut down once its tab has been
closed for :data:`CULL_IDLE` seconds (Voilà's kernel manager settings in :data:`CULL`; an open tab
keeps its kernel), and ``ckm-course app`` *is* the server (:func:`run` serves in its own process),
so SIGTERM or Ctrl+C on it stops the server and its kernels.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ckm_course.exercises.answers import STUDENT_ID_ENV, STUDENT_NAME_ENV, SUFFIX

COUNTED_ONCE = "--Voila.kernel_websocket_connection_class=ckm_course.frontends.app_connection.CountedOnceConnection"

TEMPLATES = Path(__file__).resolve().parent.parent / "static" / "jupyter_data"  # voila/templates/ckm
CULL_IDLE = 300  # seconds a kernel whose page is closed stays alive
# Culling skips kernels that still count a connection; a tab closed mid-handshake or a laptop that slept
# leaves a dead websocket counted as connected. Tornado pings every connection and closes the silent ones.
PING = '--Voila.tornado_settings={"websocket_ping_interval": 30, "websocket_ping_timeout": 60}'
# A tab closed before its websocket opened made the count -1, which never culls (app_connection.py).
CULL = [f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE}", "--MappingKernelManager.cull_interval=30",
        "--MappingKernelManager.cull_connected=False", PING, COUNTED_ONCE]


# --- the Voilà server -----------------------------------------------------------------------

def voila_command(root: Path | str = "notebooks", port: int = 8866, open_browser: bool = False,
                  extra: list[str] | None = None) -> list[str]:
    """The command line of ``make app``'s server: loopback only, no browser, nothing from a CDN.

    ``root`` is the folder of the chapter notebooks; the server's root is the folder above it, so
    the practice sets in ``exercises/`` beside it are served too (``app_server.py``). Idle kernels
    are culled (:data:`CULL`; the same option in ``extra`` replaces its default).

    Voilà 0.5 serves its front end, the widget manager, MathJax and the installed widget
    extensions (plotly, ipywidgets) itself; the one CDN reference of its ``lab`` template
    (Font Awesome, which its bundle already holds) is dropped by the course's ``ckm`` template,
    found through ``JUPYTER_PATH`` (:func:`voila_env`). Code cells are stripped from the page.
    """
    command = [
        sys.executable, "-m", "ckm_course.frontends.app_server", str(root), f"--port={port}", "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0", "--template=ckm", "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        # one value per option (traitlets refuses two): an option in ``extra`` replaces the default
        *(o for o in CULL if not any(e.split("=")[0] == o.split("=")[0] for e in extra or [])),
    ]
    if not open_browser:
        command.append("--no-browser")
    return [*command, *(extra or [])]


def voila_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for ``voila``: ``JUPYTER_PATH`` also holds the course's ``ckm`` page template."""
    env = dict(os.environ if base is None else base)
    env.pop("JPY_SESSION_NAME", None)  # started from a JupyterLab terminal: not this app's notebook
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(TEMPLATES), env.get("JUPYTER_PATH", "")) if p)
    return env


def run(root: Path | str = "notebooks", port: int = 8866, open_browser: bool = False,
        student_id: str | None = None, student_name: str | None = None, extra: list[str] | None = None) -> int:
    """Serve the app in this process until Ctrl+C or SIGTERM (``ckm-course app``); returns 0.

    In-process rather than a child ``voila``, so that a signal to ``ckm-course app`` reaches the
    server (issue 22.7: a killed parent used to leave its child serving); Voilà's own handlers
    then stop the loop and shut every kernel down. Kernels inherit this process's environment:
    the student, and ``JUPYTER_PATH`` with the course's page template (set before Voilà loads).
    """
    env = voila_env()
    if student_id:
        env[STUDENT_ID_ENV] = student_id
    if student_name:
        env[STUDENT_NAME_ENV] = student_name
    os.environ.clear()
    os.environ.update(env)
    print(f"ckm-course app: http://127.0.0.1:{port}/ (Ctrl+C stops it); answers are saved next to each notebook "
          f"as *{SUFFIX}", flush=True)
    from ckm_course.frontends.app_server import main  # Voilà and tornado load only for this command

    try:
        return main(voila_command(root, port, open_browser, extra)[3:])
    except KeyboardInterrupt:
        return 0
