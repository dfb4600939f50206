"""Voilà app mode's answer files (issue 14): where the answers of a page with no code are kept.

The server side of the app (``voila_command``, ``run``) is :mod:`ckm_course.frontends.app`.

**Where answers go.** Voilà runs a fresh kernel per page and cannot save the notebook, so in
app mode every check, hint and reveal is also written to an *answer file* next to the
notebook (:func:`answer_file`): ``03_classifying_knowledge.answers.json``, or
``03_classifying_knowledge.<student id>.answers.json`` when the app was started for a student
(``CKM_STUDENT_ID`` / ``CKM_STUDENT_NAME``, ``ckm-course app --student-id``; an id that is not kept
as it is gets a short hash, ``2024_001~3f9a…``, so distinct ids never share a file). It holds the
same schema-2 records as the notebook outputs (``exercises/record.py``), the latest per exercise.
Every change is merged into it under a lock and written atomically (issue 21 item 5,
:func:`save_record`; the disk side is ``answer_store.py``), so two tabs lose no save. ``read_answers``, ``ckm-course collect`` and
``ckm-course grade`` read it like a notebook (``exercises/reader.py``); reopening the
page restores the answers from it, as a kernel restart does from a saved notebook. A set of a bank
exercise drawn with 再练一组 New set and not checked yet is kept beside the records, under ``"shown"``
(:func:`save_shown`, issue 24 item 4), so a reload shows it while the records keep the last checked set. Each exercise
widget says where its answer was saved and its score, or, if the file could not be written, says
so in both languages while the page's kernel keeps the answer (``journal.save_state``).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ckm_course.exercises import answer_store
from ckm_course.exercises.record import SCHEMA, json_safe

FORMAT = answer_store.FORMAT
LOCK_SECONDS = 10.0  # how long a save waits for another tab's save before it says it could not save
SUFFIX = ".answers.json"
STUDENT_ID_ENV = "CKM_STUDENT_ID"
STUDENT_NAME_ENV = "CKM_STUDENT_NAME"
write_text_atomic = answer_store.write_text_durable  # how answer files are written (tests replace it)
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


def _tag(student_id: str) -> str:
    """The student part of an answer file's name; distinct ids give distinct tags (issue 21 item 5).

    Safe characters are kept; whenever that changes the id (``2024/001``, ``2024.001``, a long id),
    or the id has capital letters (macOS and Windows do not tell ``A1`` from ``a1``), ``~`` and a short
    hash of the exact id are appended: ``~`` never appears in a kept id, so names cannot collide.
    """
    safe = _SAFE.sub("_", student_id).strip("_")[:60]
    if safe == student_id and student_id == student_id.lower():
        return safe
    digest = hashlib.sha256(student_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{safe}~{digest}"


def answer_file(notebook: Path | str, student_id: str | None = None) -> Path:
    """The answer file of ``notebook``: ``<stem>.answers.json``, or ``<stem>.<id>.answers.json`` for a student
    (``<stem>.<id>~<hash>.answers.json`` when the id is not kept as it is: see :func:`_tag`)."""
    notebook = Path(notebook)
    tag = _tag(student_id) if student_id else ""
    return notebook.with_name(f"{notebook.stem}.{tag}{SUFFIX}" if tag else f"{notebook.stem}{SUFFIX}")


def legacy_answer_file(notebook: Path | str, student_id: str | None = None) -> Path | None:
    """The name versions before issue 21 gave the answer file (shared by ``2024/001`` and ``2024_001``),
    when it differs from :func:`answer_file`'s; such a file is read only if it holds this student's id."""
    notebook = Path(notebook)
    tag = _SAFE.sub("_", student_id).strip("_")[:60] if student_id else ""
    old = notebook.with_name(f"{notebook.stem}.{tag}{SUFFIX}" if tag else f"{notebook.stem}{SUFFIX}")
    return None if old == answer_file(notebook, student_id) else old


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


@dataclass(frozen=True)
class Saved:
    """What one save did: the file written, and a damaged file it found there and set aside (with why)."""

    path: Path
    set_aside: Path | None = None
    reason: str | None = None


def save(record: dict[str, Any]) -> Path | None:
    """Put ``record`` (schema 2) into this page's answer file (see :func:`save_record`); the file, or None."""
    outcome = save_record(record)
    return outcome.path if outcome is not None else None


def save_record(record: dict[str, Any]) -> Saved | None:
    """Put ``record`` into this page's answer file, replacing only that exercise's older record (issue 21 item 5).

    Outside the app it does nothing and returns None. Under a lock on the file (``filelock``; two tabs or
    kernels wait for each other, at most :data:`LOCK_SECONDS`), the file is read again, this record
    merged in and the whole written durably (``answer_store.write_text_durable``), so no save of another
    tab is lost. A damaged file is set aside as ``*.damaged`` (``*.damaged.2``...), its sound records
    carried over, and :class:`Saved` names it for the widget. A folder, FIFO, device or symbolic link with
    the file's name is refused unread and left alone: :class:`OSError` (as for a file that cannot be
    written); ``journal._persist`` turns that into a message on the page. Before the first save under
    this name, an answer file an older version wrote for this very student (:func:`legacy_answer_file`)
    is merged in and renamed ``*.migrated``.
    """
    target = current_answer_file()
    if target is None or not isinstance(record.get("exercise"), str):
        return None
    return _merge_under_lock(target, entry=answer_store.clean_text(json_safe(record, -8)))


def save_shown(exercise_id: str, variant: dict[str, Any]) -> Saved | None:
    """Keep the set of a bank exercise this page shows (a 再练一组 New set not checked yet) in the answer file,
    under ``"shown"``, beside the records and never in them (issue 24 item 4), so a reload shows the same set
    while the gradebook still scores the last checked one. Locked, merged and written like :func:`save_record`
    (and raising as it does); None outside the app."""
    target = current_answer_file()
    if target is None:
        return None
    return _merge_under_lock(target, shown=(exercise_id, answer_store.clean_text(json_safe(dict(variant), -8))))


def _merge_under_lock(target: Path, **change: Any) -> Saved:
    """:func:`_merge_and_write` under the answer file's lock; :class:`TimeoutError` after :data:`LOCK_SECONDS`."""
    # Imported here: only the app saves to an answer file, and importing filelock cost ~11 ms of every
    # notebook's first cell (issue 23 measure), where nothing is ever locked.
    from filelock import FileLock, Timeout

    try:
        with FileLock(target.with_name(f".{target.name}.lock"), timeout=LOCK_SECONDS):
            return _merge_and_write(target, **change)
    except Timeout:
        raise TimeoutError(errno.ETIMEDOUT, "another page kept the answer file busy", str(target)) from None


def _merge_and_write(target: Path, entry: dict[str, Any] | None = None,
                     shown: tuple[str, dict[str, Any]] | None = None) -> Saved:
    """The part of :func:`save_record` (a record ``entry``) and :func:`save_shown` (a drawn set) done under the lock.

    A record checked on the drawn set, or a later one, makes that drawn set stale: it is dropped."""
    records: dict[str, Any] = {}
    drawn: dict[str, Any] = {}
    aside = reason = None
    legacy = None if answer_store.refuse_special(target) else _legacy_of_this_student()
    source = legacy or target
    if legacy is not None or os.path.lexists(target):
        try:
            records, drawn = answer_store.read_file(source)
        except answer_store.Damaged as exc:
            records, drawn, reason = exc.records, exc.shown, str(exc)
            if legacy is None:
                aside = answer_store.set_aside(target)
            else:
                legacy = None  # a damaged old file stays where it is, under its old name
    if entry is not None:
        records[entry["exercise"]] = entry
        checked = _set_number(entry.get("variant"))
        if checked is not None and checked >= (_set_number(drawn.get(entry["exercise"])) or 0):
            drawn.pop(entry["exercise"], None)
    if shown is not None:
        drawn[shown[0]] = shown[1]
    notebook = app_notebook()
    content = {"format": FORMAT, "schema": SCHEMA, "notebook": notebook.name if notebook else None,
               "student": answer_store.clean_text(app_student()), "records": [records[k] for k in sorted(records)]}
    if drawn:
        content["shown"] = {k: drawn[k] for k in sorted(drawn)}
    write_text_atomic(target, json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n")
    if legacy is not None:
        answer_store.set_aside(legacy, ".migrated")  # all of it is in the new file now; kept, no longer collected
    return Saved(target, aside, reason)


def _set_number(variant: Any) -> int | None:
    """The set number of a stored variant, if it has a sound one."""
    number = variant.get("set") if isinstance(variant, dict) else None
    return number if isinstance(number, int) and not isinstance(number, bool) else None


def _legacy_of_this_student() -> Path | None:
    """The old-named answer file of this page's student, if it exists and was written for this very id."""
    notebook = app_notebook() if in_app() else None
    student = app_student()
    ident = student["id"] if student else None
    old = legacy_answer_file(notebook, ident) if notebook is not None else None
    if old is None or answer_store.student_id_in(old) != ident:
        return None
    return old


def restore_file() -> Path | None:
    """The answer file a new page restores from: this page's (a regular file only), else one an older
    version wrote under the old name for this very student, else None."""
    target = current_answer_file()
    if target is None:
        return None
    try:
        if answer_store.refuse_special(target):
            return target
    except OSError:
        return None  # a FIFO, link or folder is never read
    return _legacy_of_this_student()

