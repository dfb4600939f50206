"""Voilà app mode's answer files (issue 14): where the answers of a page with no code are kept.

The server side of the app (``voila_command``, ``run``) is :mod:`ckm_course.frontends.app`.

**Where answers go.** Voilà runs a fresh kernel per page and cannot save the notebook, so in
app mode every check, hint and reveal is also written to an *answer file* next to the
notebook (:func:`answer_file`): ``03_classifying_knowledge.answers.json``, or
``03_classifying_knowledge.<student id>.answers.json`` when the app was started for a student
(``CKM_STUDENT_ID`` / ``CKM_STUDENT_NAME``, ``ckm-course app --student-id``). It holds the same
schema-2 records as the notebook outputs (``exercises/record.py``), the latest per exercise,
and is written atomically on every change. ``read_answers``, ``ckm-course collect`` and
``ckm-course grade`` read it like a notebook (``exercises/reader.py``); reopening the
page restores the answers from it, as a kernel restart does from a saved notebook. Each exercise
widget says where its answer was saved and its score, or, if the file could not be written, says
so in both languages while the page's kernel keeps the answer (``journal.save_state``).
"""

from __future__ import annotations

import errno
import json
import os
import re
import urllib.parse
from pathlib import Path
from typing import Any

from ckm_course.exercises.reader import ReadError, load_json
from ckm_course.exercises.record import SCHEMA, json_safe
from ckm_course.files import write_text_atomic

FORMAT = "ckm-course-answers"
SUFFIX = ".answers.json"
STUDENT_ID_ENV = "CKM_STUDENT_ID"
STUDENT_NAME_ENV = "CKM_STUDENT_NAME"
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
    the file should be is left alone); ``journal._persist`` turns that into a message on the page.
    """
    target = current_answer_file()
    if target is None or not isinstance(record.get("exercise"), str):
        return None
    records: dict[str, Any] = {}
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a folder has the answer file's name", str(target))
    if target.exists():
        try:
            existing = load_json(target)  # the one reader of saved records (reader.py)
            if not is_answer_file(existing):
                raise ValueError("not an answer file")
            records = {r["exercise"]: r for r in existing.get("records", [])
                       if isinstance(r, dict) and isinstance(r.get("exercise"), str)}
        except (OSError, ValueError, KeyError, ReadError):
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
