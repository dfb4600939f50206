"""Checker for ordering exercises (C5.1 life cycle, C6.1 roadmap, C6.4 audit).

Answer: a list of items in order (by id, Chinese or English name), or one text with
the items separated by commas, "、", ";", ">" or new lines.

Partial credit: the longest common subsequence (LCS) of the answer and the key, one
point per item in it. Items in that subsequence are marked right ("in the right order
relative to the others"); one step moved to the wrong place costs one point, not all
the points after it. Repeated items count once; unknown ones are reported and skipped.
"""

from __future__ import annotations

import re
from typing import Any

from ckm_course.exercises.checks.messages import msg
from ckm_course.exercises.checks.normalize import Resolver, as_sequence, is_placeholder
from ckm_course.exercises.checks.result import Result, Verdict
from ckm_course.exercises.checks.shape import shaped
from ckm_course.content.model import ExerciseSpec, Text

_ORDER_SEPARATORS = re.compile(r"\s*(?:[,，、;；|\n>→]|->|=>)\s*")


def _lcs(given: list[str], key: list[str]) -> set[str]:
    """The items of one longest common subsequence of ``given`` and ``key``."""
    n, m = len(given), len(key)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if given[i] == key[j] else max(table[i + 1][j], table[i][j + 1])
    kept, i, j = set(), 0, 0
    while i < n and j < m:
        if given[i] == key[j]:
            kept.add(given[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return kept


def _sequence(answer: Any, limit: int) -> tuple[list[Any], bool]:
    if isinstance(answer, str):
        parts = [p for p in _ORDER_SEPARATORS.split(answer[:20_000]) if p.strip()]
        return parts[:limit], len(parts) > limit
    if isinstance(answer, dict):  # {position: item}
        try:
            ordered = [v for _, v in sorted(answer.items(), key=lambda kv: float(kv[0]))]
        except Exception:  # keys that are not positions: keep the order they were given in
            ordered = list(answer.values())
        return ordered[:limit], len(ordered) > limit
    return as_sequence(answer, limit)


def _direction(item_id: str, given: list[str], kept: set[str], key: list[str]) -> str:
    """``too_late`` when a kept step that comes after it in the key sits above it, else ``too_early``."""
    rank = {ident: index for index, ident in enumerate(key)}
    above = given[: given.index(item_id)]
    return "too_late" if any(x in kept and rank[x] > rank[item_id] for x in above) else "too_early"


@shaped
def check_ordering(spec: ExerciseSpec, answer: Any) -> Result:
    """Check an ordering exercise. Never raises on any answer.

    Feedback says which items are out of place and which way to move them, never the
    position they belong in; verdicts come in the student's order, never the key's.
    """
    key = [item.id for item in spec.items]
    max_score = float(len(key))
    messages: list[Text] = []
    limit = len(key) * 5
    parts, cut = _sequence(answer, limit)
    if cut:
        messages.append(msg("too_long", limit=limit))
    items = Resolver(spec.items)
    given: list[str] = []
    for part in parts:
        if is_placeholder(part):
            continue
        ident = items.resolve(part, messages)
        if ident is None:
            continue
        if ident in given:
            messages.append(msg("duplicate_step", item=items.label(ident)))
            continue
        given.append(ident)
    if not given:
        return Result(spec.id, spec.kind, "not_attempted", 0.0, max_score, (), tuple(messages))
    kept = _lcs(given, key)
    by_id = {item.id: item for item in spec.items}
    verdicts = []
    for position, item_id in enumerate(given):
        item = by_id[item_id]
        if item_id in kept:
            verdicts.append(Verdict(item_id, item.label, "correct", 1.0, 1.0, msg("in_order"), (str(position + 1),)))
        else:
            verdicts.append(Verdict(item_id, item.label, "wrong", 0.0, 1.0,
                                    msg(_direction(item_id, given, kept, key)), (str(position + 1),)))
    left_out = len(key) - len(given)
    if left_out:
        messages.append(msg("item_missing_one") if left_out == 1 else msg("items_missing", count=left_out))
    score = float(len(kept))
    if score == max_score:
        status = "correct"
    else:
        status = "partial" if score > 0 else "incorrect"
    return Result(spec.id, spec.kind, status, score, max_score, tuple(verdicts), tuple(messages), given)
