"""Voilà app mode (issue 14): a chapter as a web page with no code (``make app`` / ``ckm-course app``).

Runs ``voila notebooks/`` on 127.0.0.1 with nothing fetched from the network
(:func:`voila_command`). A student opens a chapter, answers its exercises in the widgets, and
never sees a code cell. Where the answers go (the answer files next to each notebook) is
:mod:`ckm_course.exercises.answers`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ckm_course.exercises.answers import STUDENT_ID_ENV, STUDENT_NAME_ENV, SUFFIX

TEMPLATES = Path(__file__).resolve().parent.parent / "static" / "jupyter_data"  # voila/templates/ckm


# --- the Voilà server -----------------------------------------------------------------------

def voila_command(root: Path | str = "notebooks", port: int = 8866, open_browser: bool = False,
                  extra: list[str] | None = None) -> list[str]:
    """The ``voila`` command line of ``make app``: loopback only, no browser, nothing from a CDN.

    Voilà 0.5 serves its front end, the widget manager, MathJax and the installed widget
    extensions (plotly, ipywidgets) itself; the one CDN reference of its ``lab`` template
    (Font Awesome, which its bundle already holds) is dropped by the course's ``ckm`` template,
    found through ``JUPYTER_PATH`` (:func:`voila_env`). Code cells are stripped from the page.
    """
    command = [
        sys.executable, "-m", "voila", str(root), f"--port={port}", "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0", "--template=ckm", "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
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
    """Start Voilà in the foreground (``ckm-course app``); returns its exit status."""
    env = voila_env()
    if student_id:
        env[STUDENT_ID_ENV] = student_id
    if student_name:
        env[STUDENT_NAME_ENV] = student_name
    print(f"ckm-course app: http://127.0.0.1:{port}/ (Ctrl+C stops it); answers are saved next to each notebook "
          f"as *{SUFFIX}", flush=True)
    try:
        return subprocess.call(voila_command(root, port, open_browser, extra), env=env)
    except KeyboardInterrupt:
        return 0
