"""Voilà app mode (issue 14): a chapter as a web page with no code, and where its answers are kept.

``make app`` / ``ckm-course app`` runs ``voila notebooks/`` on 127.0.0.1 with nothing fetched
from the network (:func:`voila_command`). A student opens a chapter, answers its exercises in
the widgets, and never sees a code cell.

**Where answers go.** Voilà runs a fresh kernel per page and cannot save the notebook, so in
app mode every check, hint and reveal is also written to an *answer file* next to the
notebook (:func:`answer_file`): ``03_classifying_knowledge.answers.json``, or
``03_classifying_knowledge.<student id>.answers.json`` when the app was started for a student
(``CKM_STUDENT_ID`` / ``CKM_STUDENT_NAME``, ``ckm-course app --student-id``). It holds the same
schema-2 records as the notebook outputs (``ckm_course/record.py``), the latest per exercise,
and is written atomically on every change. ``read_answers``, ``ckm-course collect`` and
``ckm-course grade`` read it like a notebook (``ckm_course/grading/reader.py``); reopening the
page restores the answers from it, as a kernel restart does from a saved notebook. Each exercise
widget says where its answer was saved and its score, or, if the file could not be written, says
so in both languages while the page's kernel keeps the answer (``record.save_state``).
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
import urllib.parse
from pathlib import Path
from typing import Any

FORMAT = "ckm-course-answers"
SUFFIX = ".answers.json"
STUDENT_ID_ENV = "CKM_STUDENT_ID"
STUDENT_NAME_ENV = "CKM_STUDENT_NAME"
TEMPLATES = Path(__file__).resolve().parent / "static" / "jupyter_data"  # voila/templates/ckm
_SAFE = re.compile(r"[^0-9A-Za-z_\-\u4e00-\u9fff]+")


def in_app() -> bool:
    """True in a kernel started by Voilà (it sets ``VOILA_REQUEST_URL`` for the page's kernel)."""
    return bool(os.environ.get("VOILA_REQUEST_URL", "").strip())


def app_notebook() -> Path | None:
    """The notebook this Voilà kernel renders (from the page URL; the kernel runs in its folder), if on disk."""
    url = os.environ.get("VOILA_REQUEST_URL", "").strip()
    if not url:
        return None
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    name = path.rstrip("/").rsplit("/", 1)[-1]
    found = Path.cwd() / name
    return found if found.suffix == ".ipynb" and found.is_file() else None


def app_student() -> dict[str, str | None] | None:
    """The student this app was started for (``CKM_STUDENT_ID`` / ``CKM_STUDENT_NAME``), or None."""
    ident = " ".join(os.environ.get(STUDENT_ID_ENV, "").split())[:100] or None
    name = " ".join(os.environ.get(STUDENT_NAME_ENV, "").split())[:200] or None
    return {"name": name, "id": ident} if ident or name else None


def answer_file(notebook: Path | str, student_id: str | None = None) -> Path:
    """The answer file of ``notebook``: ``<stem>.answers.json``, or ``<stem>.<id>.answers.json`` for a student."""
    notebook = Path(notebook)
    tag = _SAFE.sub("_", student_id).strip("_")[:60] if student_id else ""
    return notebook.with_name(f"{notebook.stem}.{tag}{SUFFIX}" if tag else f"{notebook.stem}{SUFFIX}")


def current_answer_file() -> Path | None:
    """The answer file of the notebook this Voilà kernel renders, or None outside the app."""
    notebook = app_notebook() if in_app() else None
    if notebook is None:
        return None
    student = app_student()
    return answer_file(notebook, student["id"] if student else None)


def is_answer_file(data: Any) -> bool:
    """True for the parsed JSON of an answer file."""
    return isinstance(data, dict) and data.get("format") == FORMAT


def save(record: dict[str, Any]) -> Path | None:
    """Put ``record`` (schema 2) into this page's answer file, replacing that exercise's older one.

    Outside the app it does nothing and returns None. A damaged answer file is kept aside as
    ``*.damaged`` (``*.damaged.2``... if that exists) rather than overwritten, so nothing a
    student wrote is lost. A file that cannot be written raises :class:`OSError` (a folder where
    the file should be is left alone); ``record._persist`` turns that into a message on the page.
    """
    from ckm_course.exercises.record import SCHEMA, json_safe
    from ckm_course.files import write_text_atomic

    target = current_answer_file()
    if target is None or not isinstance(record.get("exercise"), str):
        return None
    records: dict[str, Any] = {}
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a folder has the answer file's name", str(target))
    if target.exists():
        try:
            existing = json.loads(target.read_text(encoding="utf-8"))
            if not is_answer_file(existing):
                raise ValueError("not an answer file")
            records = {r["exercise"]: r for r in existing.get("records", [])
                       if isinstance(r, dict) and isinstance(r.get("exercise"), str)}
        except (OSError, ValueError, KeyError):
            target.replace(_free_name(target.with_name(target.name + ".damaged")))
    records[record["exercise"]] = json_safe(record, -8)
    notebook = app_notebook()
    content = {"format": FORMAT, "schema": SCHEMA, "notebook": notebook.name if notebook else None,
               "student": app_student(), "records": [records[k] for k in sorted(records)]}
    write_text_atomic(target, json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n")
    return target


def _free_name(path: Path) -> Path:
    """``path``, or ``path.2``, ``path.3``... the first that does not exist yet."""
    number = 1
    found = path
    while found.exists():
        number += 1
        found = path.with_name(f"{path.name}.{number}")
    return found


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
    import subprocess

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
