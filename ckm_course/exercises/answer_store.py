"""The app's answer files on disk, hostile or damaged (issue 21 item 5): read strictly, set aside, written durably.

:mod:`ckm_course.exercises.answers` names the files and merges a save into one under a lock; this
module does what touches the disk:

* :func:`refuse_special`: only a regular file (or nothing) may have an answer file's name. A
  symbolic link, FIFO, device, socket or folder is refused *without being opened* (``lstat``), so a
  FIFO cannot hang the kernel nor a link to ``/dev/zero`` fill its memory; it is left where it is.
* :func:`read_file` (:func:`read_records`): the records of an answer file (and the sets drawn and not
  checked yet, kept beside them: :func:`shown_in`), read through the gradebook's bounded,
  non-blocking reader (``reader.read_bytes``) and parsed strictly: a file that is not UTF-8, not
  JSON, holds ``NaN``/``Infinity``, an integer Python will not convert, JSON nested too deep, a lone
  surrogate, ``records`` that is not a list or a record that is not one is *damaged*
  (:class:`Damaged`); the records and drawn sets that are sound are still returned with it.
* :func:`set_aside`: a damaged file is renamed ``*.damaged`` (``*.damaged.2``...), never overwritten.
* :func:`write_text_durable`: temporary file, ``fsync``, ``os.replace``, ``fsync`` of the folder.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import Any

from ckm_course.exercises.reader import ReadError, read_bytes
from ckm_course.files import write_text_atomic

FORMAT = "ckm-course-answers"
MAX_DEPTH = 64  # deeper than any record the package writes (record.json_safe stops at 8 levels)


class Damaged(ValueError):
    """An answer file that cannot be kept as it is; ``records`` holds the sound records found in it and
    ``shown`` its sound drawn sets (a New set not checked yet survives a damaged neighbour too)."""

    def __init__(self, reason: str, records: dict[str, dict[str, Any]] | None = None,
                 shown: dict[str, dict[str, Any]] | None = None) -> None:
        super().__init__(reason)
        self.records = records or {}
        self.shown = shown or {}


def refuse_special(path: Path) -> bool:
    """True if a regular file is at ``path``, False if nothing is; anything else raises :class:`OSError`
    (``EISDIR`` for a folder, ``EEXIST`` otherwise) and is neither opened nor moved."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    if stat.S_ISREG(info.st_mode):
        return True
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "a folder has the answer file's name", str(path))
    kind = ("a symbolic link" if stat.S_ISLNK(info.st_mode) else "a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode)
            else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else "not a regular file")
    raise FileExistsError(errno.EEXIST, f"{kind} has the answer file's name; it was not read", str(path))


def _strict_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _sound(value: Any, depth: int = 0) -> bool:
    """True for a value that can be written back as strict UTF-8 JSON (no lone surrogate, bounded depth)."""
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_sound(k, depth + 1) and _sound(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return all(_sound(v, depth + 1) for v in value)
    return value is None or isinstance(value, (bool, int, float))


def read_records(path: Path) -> dict[str, dict[str, Any]]:
    """``{exercise id: record}`` of the regular answer file at ``path``; raises :class:`Damaged`."""
    return read_file(path)[0]


def shown_in(data: Any) -> dict[str, dict[str, Any]]:
    """``{exercise id: variant}`` under an answer file's ``"shown"`` (issue 24 item 4: the set drawn with
    New set, kept beside the records, never in them); entries that are not an id and an object are left out."""
    shown = data.get("shown") if isinstance(data, dict) else None
    if not isinstance(shown, dict):
        return {}
    return {k: v for k, v in shown.items() if isinstance(k, str) and isinstance(v, dict) and _sound(v)}


def read_file(path: Path) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """``({exercise id: record}, {exercise id: shown set})`` of the regular answer file at ``path``;
    raises :class:`Damaged` (whose ``records`` and ``shown`` are the sound ones).

    Call :func:`refuse_special` first; ``read_bytes`` checks again on the open file (``fstat``) and
    never reads more than its size limit.
    """
    try:
        text = read_bytes(path).decode("utf-8-sig")
        data = json.loads(text, parse_constant=_strict_constant)
    except ReadError as exc:
        raise Damaged(str(exc)) from None
    except UnicodeDecodeError as exc:
        raise Damaged(f"not UTF-8 text (byte {exc.start})") from None
    except RecursionError:
        raise Damaged("JSON nested too deep to read") from None
    except ValueError as exc:  # not JSON, NaN/Infinity, an integer of over 4,300 digits
        raise Damaged(f"not strict JSON ({str(exc).splitlines()[0][:120]})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise Damaged("not an answer file")
    listed = data.get("records")
    if not isinstance(listed, list):
        raise Damaged(f"records is {type(listed).__name__}, not a list")
    records: dict[str, dict[str, Any]] = {}
    bad = 0
    for found in listed:
        if isinstance(found, dict) and isinstance(found.get("exercise"), str) and _sound(found):
            records[found["exercise"]] = found
        else:
            bad += 1
    if bad or not _sound({k: v for k, v in data.items() if k != "records"}):
        raise Damaged(f"{bad} damaged record{'s' if bad != 1 else ''}" if bad else "a damaged field", records,
                      shown_in(data))
    return records, shown_in(data)


def student_id_in(path: Path) -> str | None:
    """The student id an answer file was written for, or None (not a regular, sound answer file)."""
    try:
        if not refuse_special(path):
            return None
        data = json.loads(read_bytes(path).decode("utf-8-sig"), parse_constant=_strict_constant)
    except (OSError, ReadError, ValueError, RecursionError):
        return None
    student = data.get("student") if isinstance(data, dict) and data.get("format") == FORMAT else None
    ident = student.get("id") if isinstance(student, dict) else None
    return ident if isinstance(ident, str) else None


def free_name(path: Path) -> Path:
    """``path``, or ``path.2``, ``path.3``... the first name nothing has (not even a dangling link)."""
    number, found = 1, path
    while os.path.lexists(found):
        number += 1
        found = path.with_name(f"{path.name}.{number}")
    return found


def set_aside(path: Path, suffix: str = ".damaged") -> Path:
    """Rename ``path`` to ``<name><suffix>`` (or the first free ``.2``, ``.3``...), never overwriting; the new path."""
    aside = free_name(path.with_name(path.name + suffix))
    os.replace(path, aside)
    return aside


def clean_text(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings and keys replaced by U+FFFD (so it can be UTF-8)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return value
    if isinstance(value, dict):
        return {clean_text(k): clean_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_text(v) for v in value]
    return value


def write_text_durable(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves the old file or the new one, never half of one
    (:func:`ckm_course.files.write_text_atomic` with ``fsync`` of the file and its folder)."""
    write_text_atomic(path, text, durable=True)
