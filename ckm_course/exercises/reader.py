"""Read submitted notebooks as plain JSON: safe, fast, and one bad file never stops the rest.

No nbformat, no jsonschema (their import alone cost ``collect`` a second): the gradebook needs
only the cells' outputs and the notebook metadata, and checks those itself.

* only regular files (``os.stat`` before opening, ``fstat`` after): a FIFO, a device or a
  symlink to ``/dev/zero`` is reported, never read; files are opened ``O_NONBLOCK``;
* a size cap (:data:`MAX_BYTES`) with a clear message, read through a bounded ``read``;
* JSON nested too deep (``RecursionError``), ``NaN``/``Infinity``/``1e400`` (kept as text, so
  they never reach a number column), non-UTF-8 text: each one line naming the file;
* harmless deviations from nbformat (a markdown cell with ``outputs``, nbformat 3 numbering, a
  cell that is not an object) are read with a warning, not dropped; warnings of one kind are
  summarised in one line per file (300,000 odd cells make one line, issue 21 item 2);
* an integer of more digits than :data:`MAX_INT_DIGITS` is kept as text (Python refuses to
  convert over 4,300 digits; the notebook is still read, issue 21 item 8);
* a per-file time budget (:data:`FILE_SECONDS`): a file that takes longer is reported and
  skipped, so one hostile file never stalls the class (issue 21 item 2);
* folders are walked without following symbolic links: a link that leaves the folder and a
  subfolder that cannot be read are reported, never followed or skipped silently (item 4).
"""

from __future__ import annotations

import html
import json
import marshal
import math
import os
import stat
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from ckm_course import parallel
from ckm_course.exercises import identity
from ckm_course.exercises.discovery import ANSWER_FILE_GLOB, SKIP_DIRS, Problem, discover  # noqa: F401 - re-exported
from ckm_course.exercises.feedback import _REVEALED
from ckm_course.exercises.record import MIME as RECORD_MIME

MAX_BYTES = 20_000_000
ANSWER_FILE_FORMAT = "ckm-course-answers"  # Voilà app mode's answer files, *.answers.json (ckm_course/app.py)
READ_CHUNK = 25  # files a process takes at a time when reading on two cores
MAX_INT_DIGITS = 1_000  # a longer integer is read as text (Python's int limit is 4,300 digits)
FILE_SECONDS = 10.0  # per-file time budget for reading one submission (issue 21 item 2)
SHOWN = 5  # cell numbers named in one summarised warning


_REVEALED_SAID = (_REVEALED.zh, _REVEALED.en)


class ReadError(Exception):
    """A file that could not be read as a notebook; the message is one line, without the path."""


@dataclass
class Submission:
    """What the gradebook needs from one notebook: its answer records and who handed it in."""

    file: str
    records: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (cell number from 1, record)
    identity: dict[str, str | None] | None = None
    identity_source: str = "file"
    warnings: list[str] = field(default_factory=list)
    assessment: bool = False
    flags: set[str] = field(default_factory=set)  # set by the grader, e.g. identity_mismatch (issue 21 item 4)
    claimed: dict[str, str | None] | None = None  # the identity the notebook claims, when the home folder decides
    shown: set[tuple[int, str]] = field(default_factory=set)  # (cell, exercise) whose saved view says "answer shown" (item 6)


class _Warnings:
    """Warnings of one file grouped by kind: one line per kind, naming the first cells (issue 21 item 2)."""

    def __init__(self) -> None:
        self.where: dict[str, list[int]] = defaultdict(list)

    def add(self, template: str, number: int) -> None:
        self.where[template].append(number)

    def lines(self, noun: str = "cell") -> list[str]:
        found = []
        for template, numbers in self.where.items():
            if len(numbers) == 1:
                where = f"{noun} {numbers[0]}"
            else:
                shown = ", ".join(str(n) for n in numbers[:SHOWN])
                where = f"{noun}s {shown}" + (f", … ({len(numbers):,} in all)" if len(numbers) > SHOWN else "")
            found.append(template.format(where=where))
        return found


class _Clock:
    """The per-file budget: :meth:`tick` raises :class:`ReadError` once ``seconds`` have passed."""

    def __init__(self, seconds: float) -> None:
        self.seconds, self.start = seconds, time.monotonic()

    def tick(self) -> None:
        if time.monotonic() - self.start > self.seconds:
            raise ReadError(f"took over {self.seconds:g} s to read (the per-file budget); skipped")


def _finite(text: str) -> float | str:
    value = float(text)
    return value if math.isfinite(value) else text


def _constant(name: str) -> str:
    return name  # NaN, Infinity, -Infinity stay text: strict JSON out, never a number


def _integer(text: str) -> int | str:
    return int(text) if len(text) <= MAX_INT_DIGITS else text  # issue 21 item 8: text, not a rejected notebook


def parse(text: str) -> Any:
    """``json.loads`` with non-finite numbers kept as text; raises :class:`ReadError` with one line."""
    try:
        return json.loads(text, parse_float=_finite, parse_constant=_constant, parse_int=_integer)
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
    if not isinstance(records, list):  # issue 21 item 8: reported, not read as "no answers"
        shown = "missing" if records is None else f"{type(records).__name__}, not a list"
        found.warnings.append(f"records is {shown}; no answers read from this answer file")
        records = []
    damaged = _Warnings()
    for number, record in enumerate(records, start=1):
        if isinstance(record, dict) and isinstance(record.get("exercise"), str):
            found.records.append((number, record))
        else:
            damaged.add("{where}: a damaged answer record; skipped", number)
    found.warnings.extend(damaged.lines("record"))
    found.identity, found.identity_source = identity.identity_in({}, [data.get("student")])
    return found


def read_submission(path: Path | str, seconds: float | None = None) -> Submission:
    """Read one notebook (or Voilà answer file); raises :class:`ReadError` when it is not one.

    ``seconds``: the per-file budget (default :data:`FILE_SECONDS`), checked while reading cells.
    """
    clock = _Clock(FILE_SECONDS if seconds is None else seconds)
    notebook = load_json(path)
    clock.tick()
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
    odd = _Warnings()
    for number, cell in enumerate(cells, start=1):
        if not number & 1023:
            clock.tick()
        if not isinstance(cell, dict):
            odd.add("{where} is not an object; skipped", number)
            continue
        outputs = cell.get("outputs")
        if outputs is None:
            continue
        kind = cell.get("cell_type")
        if kind != "code":
            shown = kind if kind in ("markdown", "raw") else "non-code"  # a bounded set of lines (item 2)
            odd.add(f"{{where}}: a {shown} cell with outputs (not valid nbformat); its outputs are ignored", number)
            continue
        if not isinstance(outputs, list):
            odd.add("{where}: outputs is not a list; skipped", number)
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
                    odd.add("{where}: a damaged answer record; skipped", number)
            if identity.MIME in data:
                students.append(_payload(data, identity.MIME))
    found.warnings.extend(odd.lines())
    found.identity, found.identity_source = identity.identity_in(notebook, students)
    metadata = notebook.get("metadata")
    course = metadata.get("ckm_course") if isinstance(metadata, dict) else None
    found.assessment = isinstance(course, dict) and course.get("mode") == "assessment"
    return found


def read_all(inputs: list[Path | str], seconds: float | None = None,
             keep: Callable[[Submission], None] | None = None,
             parts: int = 1, before: Callable[[], Any] | None = None) -> tuple[list[Submission], list[Problem]]:
    """Every readable submission among ``inputs`` and a problem line for each file that was not (or only partly).

    ``keep``: called on each submission as soon as it is read (the gradebook drops what it never reads
    there, so a class's records take less memory while the rest is read; issue 21 measure).
    ``parts``: over 1, a large class is read together with a forked copy of this process when
    :func:`ckm_course.parallel.can_fork` (the gradebook's 2 cores, issue 21 measure); the result is the
    same, in the same order. ``before``: run in this process before it reads (the copy starts meanwhile).
    """
    files, problems = discover(inputs)
    if parts > 1 and len(files) >= parallel.CLASS_FROM:
        count = -(-len(files) // READ_CHUNK)
        chunks = parallel.share(count, lambda n: _read_files(files[n * READ_CHUNK:(n + 1) * READ_CHUNK], seconds, keep),
                                before=before, pack=_pack, unpack=_unpack)
        found = [read for chunk in chunks for read in chunk]
    else:
        if before is not None:
            before()
        found = _read_files(files, seconds, keep)
    submissions: list[Submission] = []
    for path, read in zip(files, found):
        if isinstance(read, Problem):
            problems.append(read)
            continue
        submissions.append(read)
        problems.extend(Problem(str(path), "warning", w) for w in read.warnings)
    return submissions, problems


def _read_files(paths: list[Path], seconds: float | None,
                keep: Callable[[Submission], None] | None) -> list[Submission | Problem]:
    """A :class:`Submission` or an error :class:`Problem` for each path, in order."""
    found: list[Submission | Problem] = []
    for path in paths:
        try:
            submission = read_submission(path, seconds)
        except ReadError as exc:
            found.append(Problem(str(path), "error", str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one bad file never stops the rest
            found.append(Problem(str(path), "error", f"could not be read ({type(exc).__name__}: "
                                                      f"{str(exc).splitlines()[0][:120] if str(exc) else ''})"))
            continue
        if keep is not None:
            keep(submission)
        found.append(submission)
    return found


_SUBMISSION_FIELDS = tuple(f.name for f in fields(Submission))


def _pack(found: list[Submission | Problem]) -> bytes:
    """A chunk a forked copy read, as ``marshal`` bytes: handed back ~3x faster than pickle (JSON values only:
    dicts, lists, text, numbers)."""
    return marshal.dumps([(1, *(getattr(r, f) for f in _SUBMISSION_FIELDS)) if isinstance(r, Submission)
                          else (0, r.file, r.severity, r.reason) for r in found])


def _unpack(packed: bytes) -> list[Submission | Problem]:
    return [Submission(*row[1:]) if row[0] else Problem(*row[1:]) for row in marshal.loads(packed)]
