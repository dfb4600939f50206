"""Read submitted notebooks as plain JSON: safe, fast, and one bad file never stops the rest.

No nbformat, no jsonschema (their import alone cost ``collect`` a second): the gradebook needs
only the cells' outputs and the notebook metadata, and checks those itself.

* only regular files (``os.stat`` before opening, ``fstat`` after): a FIFO, a device or a
  symlink to ``/dev/zero`` is reported, never read; files are opened ``O_NONBLOCK``;
* a size cap (:data:`MAX_BYTES`) with a clear message, read through a bounded ``read``;
* JSON nested too deep (``RecursionError``), ``NaN``/``Infinity``/``1e400`` (kept as text, so
  they never reach a number column), non-UTF-8 text: each one line naming the file;
* harmless deviations from nbformat (a markdown cell with ``outputs``, nbformat 3 numbering, a
  cell that is not an object) are read with a warning, not dropped.
"""

from __future__ import annotations

import html
import json
import math
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ckm_course.exercises import identity
from ckm_course.exercises.feedback import _REVEALED
from ckm_course.exercises.record import MIME as RECORD_MIME

MAX_BYTES = 20_000_000
ANSWER_FILE_FORMAT = "ckm-course-answers"  # Voilà app mode's answer files, *.answers.json (ckm_course/app.py)
ANSWER_FILE_GLOB = "*.answers.json"
SKIP_DIRS = {".ipynb_checkpoints", "__pycache__", ".git"}


_REVEALED_SAID = (_REVEALED.zh, _REVEALED.en)


class ReadError(Exception):
    """A file that could not be read as a notebook; the message is one line, without the path."""


@dataclass(frozen=True)
class Problem:
    """A file the gradebook reports: ``severity`` "error" (not read) or "warning" (read anyway)."""

    file: str
    severity: str
    reason: str

    def line(self) -> str:
        return f"{self.severity}: {self.file}: {self.reason}"


@dataclass
class Submission:
    """What the gradebook needs from one notebook: its answer records and who handed it in."""

    file: str
    records: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (cell number from 1, record)
    identity: dict[str, str | None] | None = None
    identity_source: str = "file"
    warnings: list[str] = field(default_factory=list)
    assessment: bool = False
    shown: set[tuple[int, str]] = field(default_factory=set)  # (cell, exercise) whose saved view says "answer shown" (item 6)


def _finite(text: str) -> float | str:
    value = float(text)
    return value if math.isfinite(value) else text


def _constant(name: str) -> str:
    return name  # NaN, Infinity, -Infinity stay text: strict JSON out, never a number


def parse(text: str) -> Any:
    """``json.loads`` with non-finite numbers kept as text; raises :class:`ReadError` with one line."""
    try:
        return json.loads(text, parse_float=_finite, parse_constant=_constant)
    except RecursionError:
        raise ReadError("JSON nested too deep to read") from None
    except ValueError as exc:
        raise ReadError(f"not JSON ({str(exc).splitlines()[0][:120]})") from None


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def read_bytes(path: Path | str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or :class:`ReadError`; never blocks."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ReadError(f"cannot open ({exc.strerror or type(exc).__name__})") from None
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(f"{_kind(info.st_mode)}, not a regular file; skipped")
    if info.st_size > limit:
        raise ReadError(f"{info.st_size:,} bytes, over the {limit // 1_000_000} MB limit; skipped")
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise ReadError(f"cannot open ({exc.strerror or type(exc).__name__})") from None
    try:
        info = os.fstat(handle)  # the file opened may not be the one stat-ed (a swap in between)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(f"{_kind(info.st_mode)}, not a regular file; skipped")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(handle, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise ReadError(f"over the {limit // 1_000_000} MB limit; skipped")
        return b"".join(chunks)
    except OSError as exc:
        raise ReadError(f"cannot read ({exc.strerror or type(exc).__name__})") from None
    finally:
        os.close(handle)


def load_json(path: Path | str, limit: int = MAX_BYTES) -> Any:
    """The JSON value in ``path`` (see :func:`read_bytes` and :func:`parse`)."""
    raw = read_bytes(path, limit)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not UTF-8 text (byte {exc.start})") from None
    return parse(text)


def _payload(data: dict[str, Any], mime: str) -> Any:
    value = data.get(mime)
    if isinstance(value, str):  # some tools store JSON outputs as text
        try:
            value = parse(value)
        except ReadError:
            return "damaged"
    return value


def _says_shown(view: Any) -> bool:
    """True when a record's saved HTML view (``feedback.record_html``) ends its summary with "answer was shown".

    The summary is escaped text, so a student's own answer cannot end it (issue 21 item 6).
    """
    text = "".join(view) if isinstance(view, list) else view
    return isinstance(text, str) and any(f"{html.escape(said)}</summary>" in text for said in _REVEALED_SAID)


def _answer_file(path: Path | str, data: dict[str, Any]) -> Submission:
    """A Voilà answer file (``ckm_course/app.py``): its records and the student it was written for."""
    found = Submission(str(path))
    records = data.get("records")
    for number, record in enumerate(records if isinstance(records, list) else [], start=1):
        if isinstance(record, dict) and isinstance(record.get("exercise"), str):
            found.records.append((number, record))
        else:
            found.warnings.append(f"record {number}: a damaged answer record; skipped")
    found.identity, found.identity_source = identity.identity_in({}, [data.get("student")])
    return found


def read_submission(path: Path | str) -> Submission:
    """Read one notebook (or Voilà answer file); raises :class:`ReadError` when it is not one."""
    notebook = load_json(path)
    if isinstance(notebook, dict) and notebook.get("format") == ANSWER_FILE_FORMAT:
        return _answer_file(path, notebook)
    if not isinstance(notebook, dict):
        shown = "null" if notebook is None else type(notebook).__name__
        raise ReadError(f"not a notebook: the file holds {shown}, not a JSON object")
    cells = notebook.get("cells")
    if not isinstance(cells, list):
        raise ReadError("not a notebook: no list of cells")
    found = Submission(str(path))
    if notebook.get("nbformat") != 4:
        found.warnings.append(f"nbformat {str(notebook.get('nbformat'))[:20]} (expected 4); read anyway")
    students: list[Any] = []
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict):
            found.warnings.append(f"cell {number} is not an object; skipped")
            continue
        outputs = cell.get("outputs")
        if outputs is None:
            continue
        kind = cell.get("cell_type")
        if kind != "code":
            found.warnings.append(f"cell {number}: a {str(kind)[:20]} cell with outputs (not valid nbformat); "
                                  "its outputs are ignored")
            continue
        if not isinstance(outputs, list):
            found.warnings.append(f"cell {number}: outputs is not a list; skipped")
            continue
        for output in outputs:
            data = output.get("data") if isinstance(output, dict) else None
            if not isinstance(data, dict):
                continue
            if RECORD_MIME in data:
                record = _payload(data, RECORD_MIME)
                if isinstance(record, dict) and isinstance(record.get("exercise"), str):
                    found.records.append((number, record))
                    if _says_shown(data.get("text/html")):
                        found.shown.add((number, record["exercise"]))
                else:
                    found.warnings.append(f"cell {number}: a damaged answer record; skipped")
            if identity.MIME in data:
                students.append(_payload(data, identity.MIME))
    found.identity, found.identity_source = identity.identity_in(notebook, students)
    metadata = notebook.get("metadata")
    course = metadata.get("ckm_course") if isinstance(metadata, dict) else None
    found.assessment = isinstance(course, dict) and course.get("mode") == "assessment"
    return found


def discover(inputs: list[Path | str]) -> tuple[list[Path], list[Problem]]:
    """The notebooks to read: files as given, folders searched for ``*.ipynb`` (checkpoints skipped)."""
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for given in inputs:
        path = Path(given)
        try:
            is_dir = path.is_dir()
            exists = is_dir or os.path.lexists(path)
        except OSError as exc:
            problems.append(Problem(str(path), "error", f"cannot open ({exc.strerror or type(exc).__name__})"))
            continue
        if not exists:
            problems.append(Problem(str(path), "error", "no such file or folder"))
            continue
        found = [path]
        if is_dir:
            found = sorted(p for pattern in ("*.ipynb", ANSWER_FILE_GLOB) for p in path.rglob(pattern)
                           if not SKIP_DIRS.intersection(p.parts))
        for item in found:
            key = os.path.realpath(item)
            if key not in seen:
                seen.add(key)
                files.append(item)
    return files, problems


def read_all(inputs: list[Path | str]) -> tuple[list[Submission], list[Problem]]:
    """Every readable submission among ``inputs`` and a problem line for each file that was not (or only partly)."""
    files, problems = discover(inputs)
    submissions: list[Submission] = []
    for path in files:
        try:
            submission = read_submission(path)
        except ReadError as exc:
            problems.append(Problem(str(path), "error", str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the rest
            problems.append(Problem(str(path), "error", f"could not be read ({type(exc).__name__}: "
                                                         f"{str(exc).splitlines()[0][:120] if str(exc) else ''})"))
            continue
        submissions.append(submission)
        problems.extend(Problem(str(path), "warning", w) for w in submission.warnings)
    return submissions, problems
