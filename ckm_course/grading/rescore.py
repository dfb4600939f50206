"""Re-score one answer record against today's key; the stored score is only compared, never trusted.

Nothing in a record is executed or imported: its ``answer`` is plain JSON handed to the same
checker a student's own check uses (:func:`ckm_course.exercises.checks.check`).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import json
import math
from dataclasses import dataclass, field, fields
from typing import Any

from ckm_course.content.model import ExerciseSpec
from ckm_course.exercises.checks import Result, check, max_score_of
from ckm_course.exercises.checks.shape import MAX_PARTS
from ckm_course.exercises.record import json_safe, key_hash, key_versions
from ckm_course.grading import evidence, sets
from ckm_course.exercises.record import parse_time  # also the gradebook's name for it (rescore.parse_time)

MAX_ANSWER_CHARS = 200_000
MAX_DEPTH = 12
SCORED_STATUSES = ("correct", "partial", "incorrect")

# Every flag the gradebook can raise, with what it means (README "Instructors: grading").
FLAGS: dict[str, str] = {
    "tampered": ("the record contradicts itself or the course (reason in the notes): a stored score or status the "
                 "re-score does not give under the same key; a key hash that is no version of the key; revealed "
                 "removed while revealed_at, the history or the saved view still show a reveal; an attempt count, "
                 "checked_at or answer that is not the history's last check; a practice-mode record in an "
                 "assessment notebook; a later record claiming an earlier one's journal with another history"),
    "key_changed": "stored score differs, and the record was checked against an older version of the key",
    "default_set": ("checked on the default set (set 1, unseeded: what shows before ckm_course.student(...)) though "
                    "the submission names the student: scored on it; the student never answered their own set"),
    "old_schema": "a schema-1 record (no key hash, no attempts): re-scored, not comparable",
    "unknown_exercise": "the record names an exercise the course does not have: not scored",
    "kind_mismatch": "the record's kind is not the exercise's kind: not scored",
    "malformed": "a record field has the wrong type or the answer is nested too deep: not scored",
    "answer_too_large": f"the answer is over {MAX_ANSWER_CHARS:,} characters: not scored",
    "fields_missing": "fields the course always writes (e.g. revealed) are missing: the record was edited",
    "duplicate": "more than one record for this exercise not from one journal: the latest by time counts",
    "revealed": "the answer was shown (Show answer / solution()) before the last check",
    "late": "checked after the due time (the latest check time in the record's history counts)",
    "possible_copy": "the same answer history (every check's answer and time) as another student's; both are flagged",
    "foreign": "an exercise of another assignment (pasted from another notebook): not counted",
    "identity_mismatch": "on a hub, the notebook claims another student than its home folder's owner: credited to the owner only",
    "several_files": "more than one file claims this student; answers merged, the latest per exercise counts",
    "unknown_student": "the identity is not on the roster",
    "name_mismatch": "the name given differs from the roster's name for this id",
    "no_identity": "no ckm_course.student(...) in the notebook: the file name is the identity",
    "missing": "on the roster, but no submission",
}
# json.dumps(answer, ensure_ascii=False, allow_nan=False, default=str, sort_keys=True), one encoder for all
ANSWER_TEXT = json.JSONEncoder(ensure_ascii=False, allow_nan=False, default=str, sort_keys=True).encode
V2_FIELDS = ("key_hash", "attempt", "checked_at", "history", "hints_seen", "revealed", "mode")


@dataclass(slots=True)
class Outcome:
    """One exercise of one student after re-scoring (slots: a class of 2,000 has 16,000 of them, and an
    instance dict was ~1 KB of each; issue 21 measure)."""

    exercise: str
    kind: str = ""
    score: float = 0.0
    max_score: float = 0.0
    status: str = "not_attempted"
    scored: bool = False
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    marks: dict[str, tuple[str, float, tuple[str, ...]]] = field(default_factory=dict)  # item -> (mark, score, given)
    answer: Any = None
    stored_score: Any = None
    attempts: int | None = None
    hints_seen: int = 0
    revealed: bool | None = None
    checked_at: str | None = None
    late: bool = False
    file: str = ""
    cell: int | None = None
    items: tuple[str, ...] | None = None  # a bank exercise: the item ids of the set re-scored (issue 24)
    set_number: int | None = None  # a bank exercise: which set (1, 2, ...) the record names
    sets: tuple[Any, ...] = ()  # a bank exercise: every set in the history, re-scored (set_scores.py)

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        # A forked grader hands its outcomes back pickled (parallel.py): rebuilt by one __init__ call, ~40 %
        # faster than the slots dataclass's own field-by-field state (issue 21 measure).
        return Outcome, tuple(getattr(self, name) for name in _OUTCOME_FIELDS)


_OUTCOME_FIELDS = tuple(f.name for f in fields(Outcome))


def depth_of(value: Any, limit: int = MAX_DEPTH) -> int:
    """How deeply ``value`` nests (lists and dicts), counting no further than ``limit + 1``."""
    level, layer = 0, [value]
    while True:
        containers = [node for node in layer if isinstance(node, (list, dict))]
        if not containers or level > limit:
            return level
        level += 1
        layer = [child for node in containers for child in (node.values() if isinstance(node, dict) else node)]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _stored_time(record: dict[str, Any]) -> str | None:
    when = record.get("checked_at")
    return when if isinstance(when, str) and parse_time(when) else None


def rescore(record: dict[str, Any], specs: dict[str, ExerciseSpec], due: _dt.datetime | None = None,
            cache: dict[tuple[str, str], Any] | None = None, who: tuple[str | None, ...] = (None,),
            salt: str | None = None) -> Outcome:
    """Check ``record["answer"]`` again with today's key and compare with what the record says.

    ``cache`` (one dict per grading run) remembers the check of each distinct answer: the
    checkers are pure, and a class gives many identical answers to the smaller exercises.
    A bank exercise is re-scored against the set its record names (:mod:`sets`, issue 24 item 1):
    ``who`` are the identities its seed may be drawn for, ``salt`` the assignment's variant salt.
    """
    raw_id = str(record.get("exercise"))[:120]
    spec = specs.get(raw_id.strip().casefold())
    out = Outcome(exercise=spec.id if spec else raw_id)
    out.checked_at = _stored_time(record)
    out.stored_score = record.get("score")
    attempt = record.get("attempt")
    out.attempts = attempt if isinstance(attempt, int) and not isinstance(attempt, bool) and attempt >= 0 else None
    hints = record.get("hints_seen")
    out.hints_seen = len([h for h in hints if isinstance(h, int)][:50]) if isinstance(hints, list) else 0
    revealed = record.get("revealed")
    out.revealed = revealed if isinstance(revealed, bool) else None
    if spec is None:
        out.flags.append("unknown_exercise")
        near = difflib.get_close_matches(raw_id.casefold(), list(specs), n=1, cutoff=0.6)
        out.notes.append(f"no exercise {raw_id!r}" + (f" (renamed? nearest: {specs[near[0]].id})" if near else ""))
        return out
    out.kind, out.max_score = spec.kind, max_score_of(spec)
    schema = record.get("schema")
    if schema == 1:
        out.flags.append("old_schema")
    elif schema != 2:
        out.flags.append("malformed")
        out.notes.append(f"unknown record schema {str(schema)[:20]}")
        return out
    missing = [name for name in V2_FIELDS if schema == 2 and name not in record]
    if missing:
        out.flags.append("fields_missing")
        out.notes.append("missing: " + ", ".join(missing))
    if record.get("kind") not in (None, spec.kind):
        out.flags.append("kind_mismatch")
        out.notes.append(f"recorded kind {str(record.get('kind'))[:30]!r}, the exercise is {spec.kind}")
        return out
    aim = sets.target(spec, record, who, salt, cache, _versions(spec, cache))
    out.items, out.set_number = aim.items, aim.set_number
    out.max_score = sets.points(spec) or out.max_score
    if not aim.scorable:
        tamper(out, aim.reasons)
        return out
    answer = record.get("answer")
    if depth_of(answer) > MAX_DEPTH:
        out.flags.append("malformed")
        out.notes.append("answer nested too deep")
        return out
    text = ANSWER_TEXT(answer)
    if len(text) > MAX_ANSWER_CHARS:
        out.flags.append("answer_too_large")
        out.notes.append(f"answer of {len(text):,} characters")
        return out
    known = cache.get((aim.token, text)) if cache is not None else None
    if known is None:
        result = check_read(aim.spec, answer, text)
        known = (result, json_safe(result.answer),
                 {v.item_id: (v.mark, float(v.score), tuple(str(g)[:200] for g in v.given)) for v in result.verdicts})
        if cache is not None:
            cache[(aim.token, text)] = known
    result, out.answer, marks = known
    out.status, out.score, out.max_score = result.status, float(result.score), float(result.max_score)
    out.scored = result.status not in ("not_attempted", "error")
    if result.status in ("not_attempted", "recorded"):
        out.score = 0.0
    out.marks = marks  # shared with the cache: read only, one dict per distinct answer (memory)
    _compare(record, out, aim.today, aim.versions)
    if aim.scale != 1.0:  # a set counts ``show`` points whatever its size (compared unscaled above)
        out.score, out.max_score = out.score * aim.scale, out.max_score * aim.scale
    out.notes.extend(aim.notes)
    out.flags.extend(aim.flags)  # benign set flags (default_set, issue 24)
    reasons = [*aim.reasons, *evidence.record_reasons(record, aim.versions)]
    if reasons:
        tamper(out, reasons)
    if out.revealed:
        out.flags.append("revealed")
    moment = evidence.latest_time(record)
    if due is not None and moment is not None and moment > due:
        out.late = True
        out.flags.append("late")
    return out


def check_read(spec: ExerciseSpec, answer: Any, text: str) -> Result:
    """The lean check (status, score and marks) of an answer read from JSON, ``text`` its :data:`ANSWER_TEXT`:
    under MAX_PARTS characters it is plain data already and is checked as it is (issue 21 measure)."""
    return check(spec, answer, feedback=False, as_data=len(text) < MAX_PARTS)


def tamper(out: Outcome, reasons: list[str]) -> None:
    """Flag ``out`` tampered (once) and give each reason in its notes (issue 21 item 6)."""
    if "tampered" not in out.flags:
        out.flags.append("tampered")
    out.notes.extend(f"tampered: {reason}" for reason in reasons if f"tampered: {reason}" not in out.notes)


def _versions(spec: ExerciseSpec, cache: dict[tuple[str, str], Any] | None) -> tuple[str, frozenset[str]]:
    """Today's key hash of ``spec`` and every hash its key has had (worked out once per grading run)."""
    known = cache.get(("\0key", spec.id)) if cache is not None else None
    if known is None:
        known = (key_hash(spec), key_versions(spec))
        if cache is not None:
            cache[("\0key", spec.id)] = known
    return known


def _compare(record: dict[str, Any], out: Outcome, today: str, versions: frozenset[str]) -> None:
    """Flag a stored score, status or max score that the re-score does not reproduce."""
    stored_status = record.get("status")
    mismatch: list[str] = []
    if record.get("score") is not None or stored_status not in ("saved", "recorded", "not_attempted", None):
        stored = _number(record.get("score"))
        if stored is None or abs(stored - out.score) > 1e-6:
            mismatch.append(f"stored score {str(record.get('score'))[:30]}, re-scored {out.score:g}")
    if stored_status in SCORED_STATUSES + ("not_attempted", "recorded") and out.status in SCORED_STATUSES:
        if stored_status != out.status:
            mismatch.append(f"stored status {stored_status}, re-scored {out.status}")
    elif stored_status not in ("saved", "recorded", "not_attempted", "error", *SCORED_STATUSES):
        mismatch.append(f"stored status {str(stored_status)[:30]!r} is not a status")
    stored_max = _number(record.get("max_score"))
    if record.get("max_score") is not None and (stored_max is None or abs(stored_max - out.max_score) > 1e-6):
        mismatch.append(f"stored max score {str(record.get('max_score'))[:30]}, today {out.max_score:g}")
    if not mismatch:
        return
    out.notes.extend(mismatch)
    stored_key = record.get("key_hash")
    older_key = isinstance(stored_key, str) and stored_key != today and stored_key in versions
    if record.get("schema") == 1 or older_key:
        out.flags.append("key_changed")
    else:
        out.flags.append("tampered")
