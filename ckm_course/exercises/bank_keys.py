"""Key versions per bank item (issue 24 "not met" 3): each item's (or question's) own key hash, and the bank
as it was before an item's key changed.

A bank exercise's record carries the key hash of its set, made of the key hash of each item shown
(:func:`unit_hash`; ``record.key_hash``). ``content/keys/history.toml`` lists every hash each bank item has
had under ``"<exercise>/<item>"`` (:func:`history_key`), so when an item's key changes:

* the set hash of an old record is one of the set's versions (``record.set_versions``): ``key_changed``;
* the set an old record names may no longer be the one its seed draws today, because an item bank's draw
  is stratified by key (and an ordering bank's by step): :func:`older_banks` rebuilds the bank with each
  item's earlier key, recovered from its listed hash (a key is a choice, a set of choices or a step, so
  the few candidates are hashed and compared), and the gradebook accepts a set one of them draws.

A hash that no candidate key gives (the exercise's choices changed too) recovers nothing: such records
stay ``tampered`` until the instructor re-issues the set.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
from typing import Any

from ckm_course.content.banks_questions import on_question
from ckm_course.content.catalog import catalog
from ckm_course.content.model import ExerciseSpec, Item

MAX_BANKS = 64  # older bank versions tried for one exercise (every combination of items' earlier keys, capped)
MAX_SUBSETS_OF = 12  # a multi_label item's earlier key is looked for among subsets of at most this many choices


def digest(key: Any) -> str:
    """``sha256:`` and 16 hex digits of ``key`` as canonical JSON (the form of every key hash)."""
    return "sha256:" + hashlib.sha256(json.dumps(key, sort_keys=True, ensure_ascii=True).encode()).hexdigest()[:16]


def units(spec: ExerciseSpec) -> tuple[str, ...]:
    """The ids a bank's sets are made of: its questions, else its items."""
    return tuple(q.id for q in spec.questions) if spec.questions else tuple(item.id for item in spec.items)


def history_key(exercise_id: str, unit_id: str) -> str:
    """The line of ``content/keys/history.toml`` that lists a bank item's key hashes: ``"<exercise>/<item>"``."""
    return f"{exercise_id}/{unit_id}".casefold()


def _item_hash(kind: str, item: Item, choice_ids: list[str]) -> str:
    return digest({"kind": kind, "item": [item.id, sorted(item.answer)], "step": item.step, "choices": choice_ids})


def unit_hash(spec: ExerciseSpec, unit_id: str) -> str:
    """The key hash of one item or question of a bank exercise (or of one of its sets): everything its
    check depends on (the choice ids offered, its key, its step, the tolerance), never its wording."""
    if spec.questions:
        question = on_question(spec, next(q for q in spec.questions if q.id == unit_id))
        key = {"kind": spec.kind, "question": unit_id, "choices": [c.id for c in question.choices],
               "correct": list(question.correct), "expected": question.expected,
               "tolerance": question.tolerance, "relative": question.relative, "percent": question.percent}
        if question.expected_table is not None:  # a table question (only then, so other hashes stay as they were)
            key["table"] = [list(question.expected_table.columns), [list(r) for r in question.expected_table.rows]]
        return digest(key)
    item = next(i for i in spec.items if i.id == unit_id)
    return _item_hash(spec.kind, item, [c.id for c in spec.choices])


def _candidates(spec: ExerciseSpec, item: Item) -> list[Item]:
    """The item with every key it could have had: another choice, set of choices or step."""
    if spec.kind == "ordering":
        top = max((i.step or 0) for i in spec.items) + 5
        return [dataclasses.replace(item, step=step) for step in range(1, top + 1)]
    ids = [c.id for c in spec.choices]
    if spec.kind != "multi_label":
        return [dataclasses.replace(item, answer=(choice,)) for choice in ids]
    if len(ids) > MAX_SUBSETS_OF:
        return []
    return [dataclasses.replace(item, answer=subset) for size in range(1, len(ids) + 1)
            for subset in itertools.combinations(ids, size)]


def earlier_keys(spec: ExerciseSpec) -> dict[str, list[Item]]:
    """Item id -> the item with each earlier key the history lists for it (recovered from the hashes)."""
    if spec.questions:  # a question bank's draw does not depend on keys
        return {}
    history = catalog().key_history
    choice_ids = [c.id for c in spec.choices]
    found: dict[str, list[Item]] = {}
    for item in spec.items:
        listed = history.get(history_key(spec.id, item.id), frozenset()) - {_item_hash(spec.kind, item, choice_ids)}
        if listed:
            older = [c for c in _candidates(spec, item) if _item_hash(spec.kind, c, choice_ids) in listed]
            if older:
                found[item.id] = older
    return found


def older_banks(spec: ExerciseSpec) -> tuple[ExerciseSpec, ...]:
    """The bank as it was before items' keys changed: every combination of each changed item's earlier
    keys (at most :data:`MAX_BANKS`; past that, one item changed at a time). Empty when no key changed."""
    earlier = earlier_keys(spec)
    if not earlier:
        return ()
    changed = sorted(earlier)
    options = [[None, *earlier[item_id]] for item_id in changed]
    combos = list(itertools.islice(itertools.product(*options), 1, MAX_BANKS + 1))
    if len(combos) < MAX_BANKS or not changed:
        chosen = combos
    else:
        chosen = [tuple(old if n == k else None for n in range(len(changed)))
                  for k, item_options in enumerate(options) for old in item_options[1:]]
    banks = []
    for combo in chosen:
        swap = {item_id: item for item_id, item in zip(changed, combo) if item is not None}
        banks.append(dataclasses.replace(spec, items=tuple(swap.get(i.id, i) for i in spec.items)))
    return tuple(banks)
