"""The journal of this kernel: every check, hint and reveal of an exercise, and the record built from it.

Each check of an exercise appends to that exercise's :class:`Journal` (attempt number, UTC time,
hints seen, when the answer was revealed, the last attempts); :func:`record_check` builds the
record (``record.py``'s format) once, from the journal, and returns it. In Voilà app mode, which
cannot save the notebook, every change is also written to the page's answer file
(``answers.py``) and the outcome kept for the widget to show (:func:`save_state`).
"""

from __future__ import annotations

import errno
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ckm_course.content.model import ExerciseSpec
from ckm_course.exercises import answers
from ckm_course.exercises.record import SCHEMA, _version, json_safe, key_hash, now, trim_history

if TYPE_CHECKING:
    from ckm_course.exercises.checks.result import Result

_latest_answers: dict[str, Any] = {}


@dataclass
class Journal:
    """What happened to one exercise in this kernel (seeded from the saved notebook after a restart)."""

    attempts: int = 0
    history: list[dict[str, Any]] = field(default_factory=list)
    hints_seen: list[int] = field(default_factory=list)
    revealed_at: str | None = None
    last: dict[str, Any] | None = None
    variant: dict[str, Any] | None = None  # the set of a bank exercise shown now (``variant.py``, issue 24)


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
    entry.history = trim_history([h for h in history if isinstance(h, dict)]) if isinstance(history, list) else []
    hints = saved.get("hints_seen")
    entry.hints_seen = [h for h in hints if isinstance(h, int)][:20] if isinstance(hints, list) else []
    revealed = saved.get("revealed_at")
    entry.revealed_at = revealed if isinstance(revealed, str) else None
    stored = saved.get("variant")
    entry.variant = dict(stored) if isinstance(stored, dict) and entry.variant is None else entry.variant
    entry.last = dict(saved)
    return entry


def note_hint(exercise_id: str, tier: int) -> None:
    """Remember that hint ``tier`` (1, 2, 3...) was seen."""
    entry = journal(exercise_id)
    if tier not in entry.hints_seen:
        entry.hints_seen.append(tier)
        _persist(exercise_id)


def note_reveal(exercise_id: str) -> None:
    """Remember that the answer was shown (Show answer or ``solution()``); the first time counts.

    The reveal is also an event in the history (``{"event": "reveal", "revealed_at": ...,
    "after_attempt": n}``, kept when later checks trim the history), so a ``revealed`` deleted
    from the saved record still shows (issue 21 item 6).
    """
    entry = journal(exercise_id)
    shown = entry.variant.get("set") if entry.variant is not None else None
    seen = {h.get("set") for h in entry.history if isinstance(h, dict) and h.get("event") == "reveal"}
    if entry.revealed_at is None or (shown is not None and shown not in seen):
        # a bank exercise notes a reveal once per set: revealing set 2 spoils set 2 too (mastery, issue 24)
        moment = now()
        entry.revealed_at = entry.revealed_at or moment
        event = {"event": "reveal", "revealed_at": moment, "after_attempt": entry.attempts}
        if shown is not None:
            event["set"] = shown
        entry.history = trim_history([*entry.history, event])
        _persist(exercise_id)


def note_set(exercise_id: str, variant: dict[str, Any]) -> None:
    """Remember which set of a bank exercise is shown (a New set, or the one a check was made on)."""
    journal(exercise_id).variant = dict(variant)


def record_check(spec: ExerciseSpec, result: Result, mode: str = "practice",
                 variant: dict[str, Any] | None = None) -> dict[str, Any]:
    """Append one check of ``spec`` to its journal and return the record to store (schema 2).

    In assessment mode the record holds the answer but no score or marks: the student can
    read the notebook's JSON, and the gradebook scores it anyway. ``variant`` (a bank exercise's
    set: number, seed, item ids) goes into the record and its set number into the history entry,
    so the gradebook re-scores exactly that set and mastery sees each set's first try (issue 24).
    """
    entry = journal(spec.id)
    if variant is not None:
        entry.variant = dict(variant)
    entry.attempts += 1
    assessed = mode == "assessment" and result.status != "not_attempted"
    status = "saved" if assessed and result.status != "error" else result.status
    score = None if assessed else result.score
    answer = json_safe(result.answer)
    checked_at = now()
    check_entry = {"attempt": entry.attempts, "checked_at": checked_at, "status": status, "score": score,
                   "answer": answer}
    if variant is not None:  # the items too, so the gradebook re-scores every set tried (issue 24, "both scores")
        check_entry["set"] = variant.get("set")
        check_entry["items"] = list(variant.get("items") or [])
    entry.history = trim_history([*entry.history, check_entry])
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
    if variant is not None:
        entry.last["variant"] = dict(variant)
    saved = current(spec.id) or {}
    _persist(spec.id, saved)
    return saved


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
    return {**base, "history": list(entry.history), "hints_seen": sorted(entry.hints_seen),
            "revealed": entry.revealed_at is not None, "revealed_at": entry.revealed_at}


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
    set_aside: Path | None = None  # a damaged answer file this page found and kept aside (issue 21 item 5)

    @property
    def saved(self) -> bool:
        return self.error is None


_save_states: dict[str, SaveState] = {}


def save_state(exercise_id: str) -> SaveState | None:
    """The outcome of the last answer-file write of ``exercise_id`` in this kernel (None: none tried)."""
    return _save_states.get(exercise_id)


def _persist(exercise_id: str, found: dict[str, Any] | None = None) -> None:
    """In Voilà app mode, write the exercise's record (``found``, else the current one) to the page's
    answer file (nothing elsewhere).

    Never raises: a failed write is kept in :func:`save_state` for the widget to show, and the
    record stays in this kernel's journal, so the next check can still save it.
    """
    if not answers.in_app():
        return
    found = found if found is not None else current(exercise_id)
    if found is None:
        return
    before = _save_states.get(exercise_id)
    set_aside = before.set_aside if before is not None else None  # told while the page is open
    try:
        outcome = answers.save_record(found)
        if outcome is None:
            raise FileNotFoundError("the page's notebook was not found, so it has no answer file")
    except Exception as exc:  # noqa: BLE001 - whatever went wrong, the kernel keeps the answer and says so
        reason = (exc.strerror or str(exc)) if isinstance(exc, OSError) else f"{type(exc).__name__}: {exc}"
        try:
            path = answers.current_answer_file()
        except Exception:  # noqa: BLE001
            path = None
        code = errno.errorcode.get(exc.errno) if isinstance(exc, OSError) and isinstance(exc.errno, int) else None
        _save_states[exercise_id] = SaveState(path, " ".join(str(reason).split())[:300] or type(exc).__name__, code,
                                              set_aside)
        print(f"ckm_course: could not write the answer file ({exc}); your answer is kept on this page",
              file=sys.stderr)
    else:
        _save_states[exercise_id] = SaveState(outcome.path, set_aside=outcome.set_aside or set_aside)


def remember(exercise_id: str, answer: Any) -> None:
    """Keep a widget's latest answer in this kernel, so re-running its cell restores it."""
    _latest_answers[exercise_id] = answer


def remembered(exercise_id: str) -> Any:
    """The latest answer given to ``exercise_id`` in this kernel, or ``...``."""
    return _latest_answers.get(exercise_id, ...)
