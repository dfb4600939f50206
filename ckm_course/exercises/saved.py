"""The saved notebook of this kernel (or, in Voilà, its answer file): what a restart restores.

A widget that finds no answer in its kernel (after a restart) looks for the last record in the
saved notebook file — JupyterLab tells the kernel its notebook path in ``JPY_SESSION_NAME`` — so
a restart never loses an answer. In Voilà app mode the page's answer file is where a new page
finds the last answers. Read with the gradebook's reader (``reader.py``), cached until the file
changes; the notebook's mode (``settings.py``) is read here too.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ckm_course.exercises.answers import restore_file
from ckm_course.exercises.reader import read_submission
from ckm_course.exercises.record import latest


def notebook_path() -> Path | None:
    """The notebook this kernel belongs to (JupyterLab sets ``JPY_SESSION_NAME``), if it is on disk."""
    name = os.environ.get("JPY_SESSION_NAME", "").strip()
    if not name:
        return None
    path = Path(name)
    if not path.is_absolute():
        path = Path.cwd() / path.name
    return path if path.suffix == ".ipynb" and path.is_file() else None


_saved_cache: dict[str, tuple[tuple[int, int, int], Any]] = {}


def _saved() -> Any:
    """This kernel's saved notebook (or, in Voilà, its answer file) as the gradebook's reader sees it.

    Cached until the file changes (a new file, size or modification time: another tab's save
    replaces the file, so its inode changes even within one clock tick). In the app only a regular
    file is read, never a FIFO or a link (``answers.restore_file``, issue 21 item 5).
    """
    path = notebook_path()
    if path is None:
        path = restore_file()
    if path is None or not path.is_file():
        return None
    try:
        info = path.stat()
        stamp = (info.st_ino, info.st_size, info.st_mtime_ns)
        cached = _saved_cache.get(str(path))
        if cached is None or cached[0] != stamp:
            _saved_cache[str(path)] = (stamp, read_submission(path))
    except Exception:  # noqa: BLE001 - an unreadable file only means there is nothing to restore
        return None
    return _saved_cache[str(path)][1]


def saved_record(exercise_id: str) -> dict[str, Any] | None:
    """The last record of ``exercise_id`` in this kernel's saved notebook, or None."""
    submission = _saved()
    return latest(record for _, record in submission.records).get(exercise_id) if submission is not None else None


def saved_metadata() -> dict[str, Any]:
    """The ``ckm_course`` settings of this kernel's saved notebook (``{"mode": "assessment"}`` or ``{}``)."""
    submission = _saved()
    return {"mode": "assessment"} if submission is not None and submission.assessment else {}
