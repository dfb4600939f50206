"""Answer records (schema 2): written into the notebook on every check, read back without a kernel.

A record is evidence, not a grade (README, "Answer records"): the gradebook re-scores its
``answer`` against the key. Each check of an exercise in a kernel appends to that
exercise's :class:`Journal` (attempt number, UTC time, hints seen, when the answer was
revealed, the last :data:`HISTORY_LIMIT` attempts); the record is the journal plus the
latest answer and score, the package version and a hash of the key it was checked against.

A widget that finds no answer in its kernel (after a restart) looks for the last record
in the saved notebook file — JupyterLab tells the kernel its notebook path in
``JPY_SESSION_NAME`` — so a restart never loses an answer. In Voilà app mode, which cannot
save the notebook, every change is also written to the page's answer file (``app.py``), and
that file is where a new page finds the last answers.
"""

from __future__ import annotations

import datetime as _dt
import errno
import hashlib
import json
import math
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ckm_course.exercises.checks.result import Result
from ckm_course.content.model import ExerciseSpec

MIME = "application/vnd.ckm-course.answer+json"
SCHEMA = 2
HISTORY_LIMIT = 20
MAX_TEXT = 20_000
MAX_ITEMS = 500
MAX_DEPTH = 8
_latest_answers: dict[str, Any] = {}


# --- time and JSON ---------------------------------------------------------------------

def now() -> str:
    """The current UTC time as ISO 8601 (``2026-11-24T08:00:00Z``).

    Honours ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention): the notebook runner
    and the test suite set it, so records in committed notebooks are the same every run.
    """
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed.isdigit():
        moment = _dt.datetime.fromtimestamp(int(fixed), _dt.timezone.utc)
    else:
        moment = _dt.datetime.now(_dt.timezone.utc)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def json_safe(value: Any, depth: int = 0) -> Any:
    """A strict-JSON copy of a student's answer: no NaN/Infinity, bounded size and depth. Never raises."""
    if value is None or isinstance(value, (bool, int)) and abs(value) < 2**63:
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, str):
        return value[:MAX_TEXT]
    if depth >= MAX_DEPTH:
        return "…"
    if isinstance(value, dict):
        return {str(k)[:200]: json_safe(v, depth + 1) for k, v in list(value.items())[:MAX_ITEMS]}
    if isinstance(value, (list, tuple)):
        return [json_safe(v, depth + 1) for v in list(value)[:MAX_ITEMS]]
    if isinstance(value, (set, frozenset)):
        return sorted((json_safe(v, depth + 1) for v in list(value)[:MAX_ITEMS]), key=str)
    from ckm_course.exercises.checks.normalize import short

    return short(value, 200)


def key_hash(spec: ExerciseSpec) -> str:
    """A short hash of what the answer is checked against; a record keeps the one it was checked with."""
    table = spec.expected_table
    key = {
        "kind": spec.kind,
        "items": [[item.id, list(item.answer)] for item in spec.items],
        "choices": [choice.id for choice in spec.choices],
        "correct": list(spec.correct),
        "expected": spec.expected,
        "table": [list(table.columns), [list(r) for r in table.rows]] if table else None,
        "tolerance": spec.tolerance, "relative": spec.relative, "percent": spec.percent,
    }
    if spec.kind == "plan":
        key["plan"] = _plan_key(spec)
    digest = hashlib.sha256(json.dumps(key, sort_keys=True, ensure_ascii=True).encode()).hexdigest()
    return f"sha256:{digest[:16]}"


def _plan_key(spec: ExerciseSpec) -> dict[str, Any]:
    """What a plan form is checked against (issue 12): per field its checks, per row its accepted
    choices, ranges and case facts (ids and keywords). Labels and wording are left out."""
    from ckm_course.content.plans import plan_for

    plan = plan_for(spec)
    return {
        "fields": [[f.id, f.type, [c.id for c in f.choices], f.minimum, f.maximum, f.ordered, f.required, f.covers]
                   for f in plan.fields],
        "rows": [[r.id, [[k, list(v)] for k, v in r.accept], [[k, list(v)] for k, v in r.ranges],
                  [[fact.id, list(fact.keywords)] for fact in r.facts]] for r in plan.rows],
    }


def _version() -> str:
    from ckm_course import __version__

    return __version__


# --- the per-kernel journal --------------------------------------------------------------

@dataclass
class Journal:
    """What happened to one exercise in this kernel (seeded from the saved notebook after a restart)."""

    attempts: int = 0
    history: list[dict[str, Any]] = field(default_factory=list)
    hints_seen: list[int] = field(default_factory=list)
    revealed_at: str | None = None
    last: dict[str, Any] | None = None


_journals: dict[str, Journal] = {}


def journal(exercise_id: str) -> Journal:
    """The journal of ``exercise_id`` in this kernel (created empty on first use)."""
    return _journals.setdefault(exercise_id, Journal())


def seed(saved: dict[str, Any]) -> Journal:
    """Continue from a saved record (after a kernel restart): attempts, hints and reveal carry on."""
    entry = journal(str(saved.get("exercise")))
    if entry.attempts or entry.last is not None:
        return entry
    attempt = saved.get("attempt")
    entry.attempts = attempt if isinstance(attempt, int) and 0 <= attempt < 10**6 else 0
    history = saved.get("history")
    entry.history = [h for h in history if isinstance(h, dict)][-HISTORY_LIMIT:] if isinstance(history, list) else []
    hints = saved.get("hints_seen")
    entry.hints_seen = [h for h in hints if isinstance(h, int)][:20] if isinstance(hints, list) else []
    revealed = saved.get("revealed_at")
    entry.revealed_at = revealed if isinstance(revealed, str) else None
    entry.last = dict(saved)
    return entry


def note_hint(exercise_id: str, tier: int) -> None:
    """Remember that hint ``tier`` (1, 2, 3...) was seen."""
    entry = journal(exercise_id)
    if tier not in entry.hints_seen:
        entry.hints_seen.append(tier)
        _persist(exercise_id)


def note_reveal(exercise_id: str) -> None:
    """Remember that the answer was shown (Show answer or ``solution()``); the first time counts."""
    entry = journal(exercise_id)
    if entry.revealed_at is None:
        entry.revealed_at = now()
        _persist(exercise_id)


def record_check(spec: ExerciseSpec, result: Result, mode: str = "practice") -> dict[str, Any]:
    """Append one check of ``spec`` to its journal and return the record to store (schema 2).

    In assessment mode the record holds the answer but no score or marks: the student can
    read the notebook's JSON, and the gradebook scores it anyway.
    """
    entry = journal(spec.id)
    entry.attempts += 1
    assessed = mode == "assessment" and result.status != "not_attempted"
    status = "saved" if assessed and result.status != "error" else result.status
    score = None if assessed else result.score
    answer = json_safe(result.answer)
    checked_at = now()
    entry.history = [*entry.history, {"attempt": entry.attempts, "checked_at": checked_at, "status": status,
                                      "score": score, "answer": answer}][-HISTORY_LIMIT:]
    entry.last = {
        "schema": SCHEMA,
        "exercise": spec.id,
        "kind": spec.kind,
        "point": spec.point,
        "package_version": _version(),
        "key_hash": key_hash(spec),
        "mode": mode,
        "attempt": entry.attempts,
        "checked_at": checked_at,
        "answer": answer,
        "status": status,
        "score": score,
        "max_score": result.max_score,
        "verdicts": [] if assessed else json_safe(result.to_dict()["verdicts"]),
        "history": list(entry.history),
    }
    _persist(spec.id)
    return current(spec.id) or {}


def current(exercise_id: str) -> dict[str, Any] | None:
    """The latest record of ``exercise_id`` with the journal's hints and reveal; None if nothing happened yet.

    Hints seen or a reveal before any check give a record with status ``not_attempted``, so
    the gradebook sees them too.
    """
    entry = journal(exercise_id)
    if entry.last is None and not entry.hints_seen and entry.revealed_at is None:
        return None
    base = entry.last if entry.last is not None else {
        "schema": SCHEMA, "exercise": exercise_id, "package_version": _version(), "mode": None, "attempt": 0,
        "checked_at": None, "answer": None, "status": "not_attempted", "score": None, "max_score": None,
        "verdicts": [], "history": [],
    }
    return {**base, "hints_seen": sorted(entry.hints_seen), "revealed": entry.revealed_at is not None,
            "revealed_at": entry.revealed_at}


@dataclass(frozen=True)
class SaveState:
    """How the last write of one exercise's record to the app's answer file went (issue 14).

    ``path`` is the answer file (None if the page has none); ``error`` says why it could not be
    written, None when it was. The widget shows it (``widgets/base.py``), since Voilà sends a
    kernel's stderr nowhere a student looks.
    """

    path: Path | None
    error: str | None = None
    code: str | None = None  # the errno name of a failed write ("EACCES", "ENOSPC"...), when there is one

    @property
    def saved(self) -> bool:
        return self.error is None


_save_states: dict[str, SaveState] = {}


def save_state(exercise_id: str) -> SaveState | None:
    """The outcome of the last answer-file write of ``exercise_id`` in this kernel (None: none tried)."""
    return _save_states.get(exercise_id)


def _persist(exercise_id: str) -> None:
    """In Voilà app mode, write the exercise's record to the page's answer file (nothing elsewhere).

    Never raises: a failed write is kept in :func:`save_state` for the widget to show, and the
    record stays in this kernel's journal, so the next check can still save it.
    """
    from ckm_course.frontends import app

    if not app.in_app():
        return
    found = current(exercise_id)
    if found is None:
        return
    try:
        target = app.save(found)
        if target is None:
            raise FileNotFoundError("the page's notebook was not found, so it has no answer file")
    except Exception as exc:  # noqa: BLE001 - whatever went wrong, the kernel keeps the answer and says so
        reason = (exc.strerror or str(exc)) if isinstance(exc, OSError) else f"{type(exc).__name__}: {exc}"
        try:
            path = app.current_answer_file()
        except Exception:  # noqa: BLE001
            path = None
        code = errno.errorcode.get(exc.errno) if isinstance(exc, OSError) and isinstance(exc.errno, int) else None
        _save_states[exercise_id] = SaveState(path, " ".join(str(reason).split())[:300] or type(exc).__name__, code)
        print(f"ckm_course: could not write the answer file ({exc}); your answer is kept on this page",
              file=sys.stderr)
    else:
        _save_states[exercise_id] = SaveState(target)


def remember(exercise_id: str, answer: Any) -> None:
    """Keep a widget's latest answer in this kernel, so re-running its cell restores it."""
    _latest_answers[exercise_id] = answer


def remembered(exercise_id: str) -> Any:
    """The latest answer given to ``exercise_id`` in this kernel, or ``...``."""
    return _latest_answers.get(exercise_id, ...)


# --- the saved notebook ------------------------------------------------------------------

def notebook_path() -> Path | None:
    """The notebook this kernel belongs to (JupyterLab sets ``JPY_SESSION_NAME``), if it is on disk."""
    name = os.environ.get("JPY_SESSION_NAME", "").strip()
    if not name:
        return None
    path = Path(name)
    if not path.is_absolute():
        path = Path.cwd() / path.name
    return path if path.suffix == ".ipynb" and path.is_file() else None


def latest(records: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """``{exercise id: record}``, the latest by check time (then attempt, then position) winning."""
    best: dict[str, tuple[tuple[str, int, int], dict[str, Any]]] = {}
    for position, record in enumerate(records):
        when = record.get("checked_at") if isinstance(record.get("checked_at"), str) else ""
        attempt = record.get("attempt") if isinstance(record.get("attempt"), int) else 0
        rank = (when, attempt, position)
        ident = record["exercise"]
        if ident not in best or rank >= best[ident][0]:
            best[ident] = (rank, record)
    return {ident: record for ident, (_, record) in best.items()}


_saved_cache: dict[str, tuple[float, Any]] = {}


def _saved() -> Any:
    """This kernel's saved notebook (or, in Voilà, its answer file) as the gradebook's reader sees it.

    Cached until the file changes.
    """
    path = notebook_path()
    if path is None:
        from ckm_course.frontends import app

        path = app.current_answer_file()
    if path is None or not path.is_file():
        return None
    from ckm_course.exercises.reader import read_submission

    try:
        mtime = path.stat().st_mtime
        cached = _saved_cache.get(str(path))
        if cached is None or cached[0] != mtime:
            _saved_cache[str(path)] = (mtime, read_submission(path))
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


# --- reading notebooks back (instructors) -------------------------------------------------

def read_answers(path: Path | str) -> dict[str, dict[str, Any]]:
    """Every recorded answer in a saved notebook: ``{exercise id: record}``, the latest winning.

    Plain JSON through the gradebook's reader, no kernel. A file that is not a notebook raises
    :class:`~ckm_course.notebooks.runner.NotebookError` naming it; a damaged record is skipped.
    """
    from ckm_course.exercises.reader import ReadError, read_submission
    from ckm_course.files import NotebookError

    try:
        submission = read_submission(path)
    except ReadError as exc:
        raise NotebookError(f"{path}: not a valid notebook ({exc})") from exc
    return {k: dict(v) for k, v in latest(record for _, record in submission.records).items()}


def export_answers(notebooks: Path | str | Iterable[Path | str], destination: Path | str) -> dict[str, Any]:
    """Read the answers of one or more notebooks (files or folders) into ``destination`` as strict JSON.

    The same reader as the gradebook (``ckm-course collect`` is this function): one bad file is
    reported under ``errors`` and the rest still read; nothing is scored. The file is written to a
    temporary name and renamed, so an interrupted export never leaves half a file. Returns
    ``{"notebooks": {path: {exercise: record}}, "errors": {path: message}, "warnings": {path: [...]}}``.
    """
    from ckm_course.exercises.reader import read_all
    from ckm_course.files import write_text_atomic

    paths = [notebooks] if isinstance(notebooks, (str, Path)) else list(notebooks)
    submissions, problems = read_all(paths)
    collected: dict[str, Any] = {"schema": SCHEMA, "notebooks": {}, "errors": {}, "warnings": {}}
    for submission in submissions:
        answers = latest(record for _, record in submission.records)
        collected["notebooks"][submission.file] = json_safe(answers, -MAX_DEPTH)
    for problem in problems:
        if problem.severity == "error":
            collected["errors"][problem.file] = f"{problem.file}: {problem.reason}"
        else:
            collected["warnings"].setdefault(problem.file, []).append(problem.reason)
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collected, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n"
    write_text_atomic(destination, text)
    return collected
