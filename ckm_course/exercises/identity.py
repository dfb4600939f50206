"""Who handed a notebook in: ``ckm_course.student(name, id)`` in the first cell of every exercise notebook.

A kernel cannot write notebook metadata, so the identity travels in the cell's output, under
its own MIME type (:data:`MIME`); the gradebook reads it back without a kernel
(:func:`identity_in`). Notebook metadata ``{"ckm_course": {"student": {"name", "id"}}}``, if an
instructor's tool put it there, wins over outputs. On a hub (files found by a glob over home
folders) a notebook with neither belongs to its home folder's owner (:func:`from_home`);
elsewhere the file name is the last resort.
"""

from __future__ import annotations

import html
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MIME = "application/vnd.ckm-course.student+json"
SCHEMA = 1
MAX_NAME = 200
MAX_ID = 100
PROMPT = ("请在这里填写你的姓名和学号，例如：ckm_course.student(\"王小明\", \"2024001\")\n"
          "Please identify yourself here, e.g. ckm_course.student(\"Wang Xiaoming\", \"2024001\")")


def _clean(value: Any, limit: int) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())[:limit]
    return text or None


@dataclass(frozen=True)
class Student:
    """The identity shown under the cell; its output carries ``{"schema", "name", "id"}`` for the gradebook."""

    name: str | None = None
    id: str | None = None

    @property
    def complete(self) -> bool:
        return bool(self.name or self.id)

    def line(self) -> str:
        if not self.complete:
            return PROMPT
        suffix = f" ({self.id})" if self.id and self.name else (self.id or "")
        return f"学生 Student: {self.name or ''}{suffix}"

    def record(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "name": self.name, "id": self.id}

    def __repr__(self) -> str:
        return self.line()

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.line())

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        text = self.line()
        # theme text colour (readable in light and dark, WCAG AA); the state colour is the left bar only
        bar = "var(--jp-warn-color1, #b35806)" if not self.complete else "var(--jp-success-color1, #1b7837)"
        style = f"color:var(--jp-content-font-color1, #000);border-left:4px solid {bar};padding-left:0.5em"
        shown = html.escape(text).replace("\n", "<br>")
        bundle: dict[str, Any] = {"text/plain": text, "text/html": f'<div class="ckm-student" style="{style}">{shown}</div>'}
        if self.complete:
            bundle[MIME] = self.record()
        return bundle


_current: list[Student] = []  # who identified in this kernel (the variant of a bank exercise follows it, issue 24)


def student(name: str | None = None, student_id: str | None = None) -> Student:
    """Identify the student of this notebook: ``student("王小明", "2024001")``; no arguments shows how."""
    found = Student(_clean(name, MAX_NAME), _clean(student_id, MAX_ID))
    if found.complete:
        _current[:] = [found]
    return found


def current() -> Student | None:
    """The student who identified in this kernel with :func:`student`, or None."""
    return _current[0] if _current else None


def _valid(value: Any) -> dict[str, str | None] | None:
    if not isinstance(value, dict):
        return None
    name, ident = value.get("name"), value.get("id")
    if not isinstance(name, (str, type(None))) or not isinstance(ident, (str, type(None), int)):
        return None
    found = {"name": _clean(name, MAX_NAME), "id": _clean(ident, MAX_ID)}
    return found if found["name"] or found["id"] else None


def identity_in(notebook: dict[str, Any], outputs: list[Any] = ()) -> tuple[dict[str, str | None] | None, str]:
    """``({"name", "id"}, source)`` of a notebook: metadata first, else the last student output; source ``"file"`` if none.

    ``outputs`` are the student MIME payloads in cell order (the reader collects them in its one pass).
    """
    metadata = notebook.get("metadata")
    course = metadata.get("ckm_course") if isinstance(metadata, dict) else None
    from_metadata = _valid(course.get("student")) if isinstance(course, dict) else None
    if from_metadata:
        return from_metadata, "metadata"
    for payload in reversed(list(outputs)):
        found = _valid(payload)
        if found:
            return found, "output"
    return None, "file"


TLJH_PREFIX = "jupyter-"  # The Littlest JupyterHub names the Unix account of hub user <name> "jupyter-<name>"


def _account(uid: int) -> tuple[str, str] | None:
    """``(user name, home directory)`` of ``uid``, or None when the system has no such account."""
    try:
        import pwd
    except ImportError:  # pragma: no cover - not a Unix system
        return None
    try:
        entry = pwd.getpwuid(uid)
    except KeyError:
        return None
    return entry.pw_name, entry.pw_dir


def home_owner(path: str | Path, home_folder: str | None) -> str | None:
    """Who a file in a home folder belongs to, for a notebook with no ``student(...)`` (issue 15).

    The file's owner when that is a real student account (not root, and the file lies in the
    owner's home directory or the home folder carries the owner's name), else the home folder's
    name (the part of a ``/home/*/...`` glob the ``*`` matched). TLJH's ``jupyter-`` prefix is
    dropped, so the result is the hub user name. Reads the file's metadata only.
    """
    name = None
    try:
        info = os.stat(path)
    except OSError:
        info = None
    account = _account(info.st_uid) if info is not None and info.st_uid != 0 else None
    if account is not None:
        user, home = account
        real = os.path.realpath(path)
        inside = bool(home) and home not in ("/", "/nonexistent") and \
            os.path.commonpath([real, os.path.realpath(home)]) == os.path.realpath(home)
        if inside or user == home_folder:
            name = user
    name = name or home_folder
    if not name:
        return None
    if name.startswith(TLJH_PREFIX) and len(name) > len(TLJH_PREFIX):
        name = name[len(TLJH_PREFIX):]
    return _clean(name, MAX_ID)


def same_id(first: str | None, second: str | None) -> bool:
    """Two student ids are the same after NFKC (full-width digits), case folding and spacing (issue 21 item 4)."""
    fold = lambda text: " ".join(unicodedata.normalize("NFKC", str(text or "")).split()).casefold()  # noqa: E731
    return fold(first) == fold(second)


def from_home(path: str | Path, home_folder: str | None) -> dict[str, str | None] | None:
    """The identity ``{"name": None, "id": <hub user>}`` of :func:`home_owner`, or None when there is none."""
    user = home_owner(path, home_folder)
    return {"name": None, "id": user} if user else None
