"""Ordering banks (issue 24, "Variants"): a set of an ordering exercise is ``show`` items of distinct steps.

``content/banks/<exercise id>.toml`` holds ``show`` and ``[[items]]`` with id, label, reason, point and
``step`` (the item's place in the deck's list, 1 = first). The exercise's own items (its chapter file)
carry their ``step`` too and open the bank; the first ``show`` of them are the default set. A drawn set
never holds two items of one step, and its key is the ascending step order (``exercises/variant.py``).

Validated on load (one :class:`ContentError` naming the file, item and field): every own item has a
step and the steps rise in file order (their order is the key); a bank item has a unique id, a reason,
a CONTENT.md point and a step, and no answer or feedback (its step is its key); every step used has at
least :data:`~ckm_course.content.banks.BANK_FACTOR` items; the bank holds 3 x ``show`` items and at
least ``show`` distinct steps.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections import Counter

from ckm_course.content.bank_file import Bank
from ckm_course.content.builder import ContentError
from ckm_course.content.model import ExerciseSpec, Item

BANK_FACTOR = 3


def apply_ordering(spec: ExerciseSpec, bank: Bank, points: set[str]) -> ExerciseSpec:
    """The ordering exercise with its bank's items after its own and ``show`` set; every check of the module doc."""
    def fail(entry: str, field: str, problem: str) -> ContentError:
        return ContentError(bank.file, entry, field, problem)

    if spec.derive_from:
        raise fail("(top)", "exercise", f"{spec.id}'s items are derived from {spec.derive_from}; banks need written items")
    if bank.questions:
        raise fail("(top)", "questions", f"{spec.id} is an ordering exercise: its bank holds [[items]] with a step")
    if not 2 <= bank.show <= len(spec.items):
        raise fail("(top)", "show", f"a set orders 2 to {len(spec.items)} items (the default set is the exercise's own)")
    last = 0
    for item in spec.items:
        if item.step is None:
            raise fail("(top)", "exercise", f"the own item {item.id!r} of {spec.file} has no step "
                       "(add step = N to each own item of the exercise)")
        if item.step <= last:
            raise fail("(top)", "exercise", f"the own item {item.id!r} of {spec.file} has step {item.step} after "
                       f"step {last}: own items are listed in the key's order, steps rising")
        last = item.step
    seen = {item.id for item in spec.items}
    added = []
    for written in bank.items:
        entry = f"item {written.id!r}"
        if written.id in seen:
            raise fail(entry, "id", f"repeats an item id of {spec.id}")
        seen.add(written.id)
        for name in ("answer", "feedback", "missed", "aliases"):
            if getattr(written, name):
                raise fail(entry, name, "ordering items take no " + name + ": their step is the key")
        if written.step is None:
            raise fail(entry, "step", "missing: the item's place in the list (1 = first)")
        if written.step < 1:
            raise fail(entry, "step", "steps count from 1")
        if written.point not in points:
            near = difflib.get_close_matches(written.point, sorted(points), n=1)
            raise fail(entry, "point", f"{written.point!r} is not a CONTENT.md point"
                       + (f" (did you mean {near[0]!r}?)" if near else ""))
        added.append(Item(id=written.id, label=written.label, reason=written.reason, point=written.point,
                          step=written.step))
    items = (*spec.items, *added)
    per_step = Counter(item.step for item in items)
    thin = sorted(step for step, count in per_step.items() if count < BANK_FACTOR)
    if added and thin:
        raise fail("(top)", "items", f"step {thin[0]} has {per_step[thin[0]]} item(s); every step used needs "
                   f"{BANK_FACTOR} (own + new) so sets really vary")
    if len(per_step) < bank.show:
        raise fail("(top)", "show", f"a set holds items of {bank.show} distinct steps; the bank has {len(per_step)}")
    if len(items) < BANK_FACTOR * bank.show:
        raise fail("(top)", "items", f"the bank holds {len(items)} items ({len(spec.items)} of the exercise, "
                   f"{len(added)} here); {BANK_FACTOR} x show = {BANK_FACTOR * bank.show} needed")
    return dataclasses.replace(spec, items=items, show=bank.show, own_items=len(spec.items))
