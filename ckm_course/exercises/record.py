"""Answer records (schema 2): the format written into the notebook on every check, read back without a kernel.

A record is evidence, not a grade (README, "Answer records"): the gradebook re-scores its
``answer`` against the key. A record holds the attempt number, UTC time, hints seen, when the
answer was revealed, the last :data:`HISTORY_LIMIT` attempts (and the reveal, as an event entry
``{"event": "reveal", "revealed_at": ..., "after_attempt": n}``, never trimmed away), the latest
answer and score, the package version and a hash of the key it was checked against. Every hash a
key has had is listed in ``content/keys/history.toml`` (:func:`key_versions`), so the gradebook
tells an older key from a forged hash (issue 21 item 6). A bank exercise's record carries the hash of
its set, made of each item's (or question's) key hash; each item's earlier hashes are listed under
``"<exercise>/<item>"`` in the same file, so an item whose key changed gives ``key_changed``, not
``tampered`` (issue 24).

The exercises layer around it: ``journal.py`` keeps the attempts of this kernel and builds the
record once per check; ``answers.py`` writes it to Voilà's answer file; ``reader.py`` is the one
reader of saved notebooks and answer files; ``saved.py`` finds the last saved record after a
restart; ``collect.py`` reads notebooks back for instructors.
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
import json
import math
import os
from collections.abc import Iterable
from typing import Any

from ckm_course.content.catalog import catalog
from ckm_course.content.model import ExerciseSpec
from ckm_course.exercises.bank_keys import digest, history_key, unit_hash, units
from ckm_course.exercises.checks.normalize import short
from ckm_course.version import VERSION

MIME = "application/vnd.ckm-course.answer+json"
SCHEMA = 2
HISTORY_LIMIT = 20
MAX_EVENTS = 4  # event entries (reveals) kept in a history: the first, and the latest others (one per set)
MAX_TEXT = 20_000
MAX_ITEMS = 500
MAX_DEPTH = 8
MAX_COMBINATIONS = 4096  # key versions of a set: every combination of its items' key histories up to this many


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
    return short(value, 200)


def key_hash(spec: ExerciseSpec) -> str:
    """A short hash of what the answer is checked against; a record keeps the one it was checked with.

    For a bank exercise and each of its sets (``spec.show`` set, issue 24) it is made of the key hash of each
    item (or question) shown, :func:`unit_hash`, so an item whose key changed is told from a forged set by
    its own key history (:func:`set_versions`)."""
    if spec.show is not None:
        return digest({"kind": spec.kind, "set": [unit_hash(spec, unit) for unit in units(spec)]})
    return _plain_hash(spec)


def _plain_hash(spec: ExerciseSpec) -> str:
    """The key hash of a whole exercise (and, before per-item key versions, of a set)."""
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
    return digest(key)


def set_versions(bank: ExerciseSpec, orders: tuple[tuple[str, ...], ...], restricted: ExerciseSpec) -> frozenset[str]:
    """Every key hash a set of ``bank`` may honestly carry (issue 24 "not met" 3): each item's today's hash
    or an earlier one of the key history (``bank_keys``), in every combination (at most
    :data:`MAX_COMBINATIONS`; past that, one item changed at a time), for each order in ``orders`` (the set as
    shown today, and as the record lists it: an ordering set is listed by the steps it had), and the set's
    hash as records made before per-item versions carry it (``restricted`` is the set as shown)."""
    history = catalog().key_history
    found = {_plain_hash(restricted)}
    for unit_ids in dict.fromkeys(orders):
        today = [unit_hash(bank, unit) for unit in unit_ids]
        per_unit = [[hash_, *sorted(history.get(history_key(bank.id, unit), frozenset()) - {hash_})]
                    for unit, hash_ in zip(unit_ids, today)]
        if math.prod(len(options) for options in per_unit) <= MAX_COMBINATIONS:
            combinations = list(itertools.product(*per_unit))
        else:
            combinations = [tuple(today[:n] + [old] + today[n + 1:]) for n, options in enumerate(per_unit)
                            for old in options]
        found.update(digest({"kind": bank.kind, "set": list(combo)}) for combo in combinations)
    return frozenset(found)


def missing_history(specs: Iterable[ExerciseSpec]) -> list[str]:
    """What ``content/keys/history.toml`` lacks for today's keys: an exercise's hash (a plain exercise),
    each item's or question's hash (a bank exercise, keyed ``"<exercise>/<item>"``). A key not listed yet is a
    whole line to append under ``[hashes]``; a listed one, a hash to add to its line (never remove one)."""
    history = catalog().key_history
    wanted = []
    for spec in specs:
        if spec.show is None:
            wanted.append((spec.id, key_hash(spec)))
        else:
            wanted += [(f"{spec.id}/{unit}", unit_hash(spec, unit)) for unit in units(spec)]
    lines = []
    for key, hash_ in wanted:
        found = history.get(key.casefold())
        if not found:
            lines.append(f'"{key}" = ["{hash_}"]')
        elif hash_ not in found:
            lines.append(f'"{key}": add "{hash_}"')
    return lines


def key_versions(spec: ExerciseSpec) -> frozenset[str]:
    """Every hash ``spec``'s key has had: today's and the earlier ones of ``content/keys/history.toml``.

    A record checked against an older key carries one of these; any other hash was not written
    by the course (issue 21 item 6). A set of a bank exercise: :func:`set_versions`.
    """
    return frozenset({key_hash(spec), *catalog().key_history.get(spec.id.casefold(), ())})


def is_event(entry: Any) -> bool:
    """True for a history entry that is an event (a reveal), not a check."""
    return isinstance(entry, dict) and "event" in entry


def checks_of(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The check entries of ``record``'s history (its events, such as a reveal, left out)."""
    history = record.get("history")
    return [h for h in history if isinstance(h, dict) and not is_event(h)] if isinstance(history, list) else []


def reveals_of(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The reveal events of ``record``'s history."""
    history = record.get("history")
    return [h for h in history if is_event(h) and h.get("event") == "reveal"] if isinstance(history, list) else []


def parse_time(text: Any) -> _dt.datetime | None:
    """An aware datetime from a record's ISO 8601 text (``Z`` or an offset; none means UTC), else None."""
    if not isinstance(text, str) or not 10 <= len(text) <= 40:
        return None
    return _parse_time(text)


@functools.lru_cache(maxsize=1 << 16)
def _parse_time(text: str) -> _dt.datetime | None:
    """:func:`parse_time` of a string: a class's records repeat the same times (issue 21 measure)."""
    try:
        moment = _dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=_dt.timezone.utc)


def trim_history(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The last :data:`HISTORY_LIMIT` checks of ``history`` and :data:`MAX_EVENTS` events (the first and the latest), in order.

    A reveal is never trimmed away by later checks: it is the trace the gradebook compares
    ``revealed`` with (issue 21 item 6).
    """
    checks = [n for n, entry in enumerate(history) if not is_event(entry)]
    events = [n for n, entry in enumerate(history) if is_event(entry)]
    events = events[:1] + events[1:][-(MAX_EVENTS - 1):]  # the first reveal, and the latest sets' reveals
    kept = set(checks[-HISTORY_LIMIT:]) | set(events)
    return [entry for n, entry in enumerate(history) if n in kept]


def _plan_key(spec: ExerciseSpec) -> dict[str, Any]:
    """What a plan form is checked against (issue 12): per field its checks, per row its accepted
    choices, ranges and case facts (ids and keywords). Labels and wording are left out."""
    plan = catalog().plans.find(spec.id)
    return {
        "fields": [[f.id, f.type, [c.id for c in f.choices], f.minimum, f.maximum, f.ordered, f.required, f.covers]
                   for f in plan.fields],
        "rows": [[r.id, [[k, list(v)] for k, v in r.accept], [[k, list(v)] for k, v in r.ranges],
                  [[fact.id, list(fact.keywords)] for fact in r.facts]] for r in plan.rows],
    }


def _version() -> str:
    return VERSION


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
