"""What a record's own fields say against each other: the reasons behind ``tampered`` (issue 21 item 6).

A kernel writes every field of a record from one journal (``exercises/journal.py``), so an honest
record always agrees with itself: its attempt and ``checked_at`` are those of the history's last
check, its answer is that check's answer, ``revealed`` is true whenever ``revealed_at`` is set or
the history holds a reveal, and its key hash is one the key has had (``record.key_versions``).
Each disagreement is one reason, given in the outcome's notes beside the ``tampered`` flag.

Across records and files (a later record claiming an earlier one's journal, a practice-mode
record in an assessment notebook, a saved HTML view that shows a reveal the record denies) see
:mod:`ckm_course.grading.crosscheck`; identical histories of two students, :mod:`ckm_course.grading.copies`.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from ckm_course.exercises.record import checks_of, parse_time, reveals_of

MAX_SHOWN = 40  # characters of a forged value echoed in a reason


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


def answer_text(answer: Any) -> str:
    """An answer as canonical JSON text (keys sorted), to compare two answers whatever their key order."""
    return _ANSWER_TEXT(answer)


# json.dumps(answer, ensure_ascii=False, sort_keys=True, default=str, allow_nan=True), one encoder for all
_ANSWER_TEXT = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str, allow_nan=True).encode


def latest_time(record: dict[str, Any]) -> _dt.datetime | None:
    """The latest check time the record holds: its ``checked_at`` or any check of its history.

    ``late`` is judged on this, so a ``checked_at`` moved back before the due time does not make
    late work on time (issue 21 item 6).
    """
    times = [record.get("checked_at"), *(h.get("checked_at") for h in checks_of(record))]
    moments = [m for m in map(parse_time, times) if m is not None]
    return max(moments) if moments else None


def key_reason(record: dict[str, Any], versions: frozenset[str]) -> str | None:
    """Why the record's key hash cannot be one the course wrote, or None (a schema-1 record has none)."""
    if record.get("schema") != 2 or "key_hash" not in record:
        return None
    stored = record.get("key_hash")
    if isinstance(stored, str) and stored in versions:
        return None
    return f"key hash {_shown(stored)} is no version of this exercise's key (content/keys/history.toml)"


def reveal_reasons(record: dict[str, Any]) -> list[str]:
    """Reasons when ``revealed`` is not true although ``revealed_at`` or the history shows a reveal."""
    if record.get("revealed") is True:
        return []
    said = "removed" if "revealed" not in record else f"{_shown(record.get('revealed'))}"
    reasons = []
    when = record.get("revealed_at")
    if when not in (None, ""):
        reasons.append(f"revealed is {said}, but revealed_at says the answer was shown ({_shown(when)})")
    shown = reveals_of(record)
    if shown:
        reasons.append(f"revealed is {said}, but the history shows a reveal "
                       f"({_shown(shown[0].get('revealed_at'))})")
    return reasons


def history_reasons(record: dict[str, Any]) -> list[str]:
    """Where the attempt count, ``checked_at`` or answer contradicts the history's last check (schema 2)."""
    if record.get("schema") != 2 or not isinstance(record.get("history"), list):
        return []
    checks = checks_of(record)
    attempt = record.get("attempt")
    if not checks:
        if isinstance(attempt, int) and not isinstance(attempt, bool) and attempt > 0:
            return [f"attempt {attempt}, but the history holds no check"]
        return []
    reasons = []
    numbers = [h.get("attempt") for h in checks]
    if any(not isinstance(n, int) or isinstance(n, bool) for n in numbers):
        reasons.append("a history entry has no attempt number")
    elif any(b <= a for a, b in zip(numbers, numbers[1:])):
        reasons.append("the history's attempt numbers do not increase")
    last = checks[-1]
    if attempt != last.get("attempt"):
        reasons.append(f"attempt {_shown(attempt)}, but the history's last check is attempt {_shown(last.get('attempt'))}")
    stored, logged = parse_time(record.get("checked_at")), parse_time(last.get("checked_at"))
    if stored is None or logged is None or stored != logged:
        reasons.append(f"checked_at {_shown(record.get('checked_at'))}, but the history's last check was at "
                       f"{_shown(last.get('checked_at'))}")
    if "answer" not in last or answer_text(record.get("answer")) != answer_text(last.get("answer")):
        reasons.append("the answer differs from the history's last check")
    return reasons


def record_reasons(record: dict[str, Any], versions: frozenset[str]) -> list[str]:
    """Every reason to call ``record`` tampered that the record alone gives (see the module docstring)."""
    key = key_reason(record, versions)
    return [*([key] if key else []), *reveal_reasons(record), *history_reasons(record)]
