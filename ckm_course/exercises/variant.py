"""Every student their own set of items (issue 24, "Variants"): drawn from an exercise's item bank.

An exercise with a bank (``content/banks/<id>.toml``, ``spec.show`` set) shows ``show`` of its
items at a time. Which ones is decided by a seed, ``sha256(salt, student id, exercise id, set)``:

* the same student always gets the same items for the same set; another student, others;
* before the student has identified (no ``ckm_course.student(...)``, no app or hub user), set 1 is
  the **default set**, ``show`` of the exercise's own items (one of each answer in turn, file order),
  so nbval and saved notebooks are stable; later sets ("再练一组 New set") of an anonymous student are seeded by the set number alone;
* the draw is stratified by key: the set covers as many different answers as it can, so a set is
  never four items of one category when the bank holds others.

A record stores its variant (:meth:`Variant.as_record`: set, seed, item ids). The gradebook
rebuilds exactly that set with :func:`restrict` and re-scores it, and :func:`problems` says when
the items are not the ones the seed yields, or the seed is not the student's (``tampered``).

Two more bank shapes (issue 24 items 1-2): a multiple_choice, value or open exercise's set is one whole
question of its question bank (``spec.questions``; the default set is the exercise's own question, a
seeded set any of the bank's, the record's ``items`` its one question id), and an ordering exercise's set is
``show`` items of distinct steps, listed (and keyed) in ascending step order.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import random
import unicodedata
from collections.abc import Mapping
from typing import Any

from ckm_course.content.banks_questions import on_question
from ckm_course.content.model import ExerciseSpec, Text

SET_LINE = Text("你的这一组题（第 {n} 组）：按编号作答，例如 {{1: ..., 2: ...}}；ex.new_set() 换一组。",
               "Your set (set {n}): answer by number, e.g. {{1: ..., 2: ...}}; ex.new_set() draws another.")
ORDER_LINE = Text("你的这一组（第 {n} 组）：把这些排好顺序，例如 [..., ...]；ex.new_set() 换一组。",
                  "Your set (set {n}): put these in order, e.g. [..., ...]; ex.new_set() draws another.")
QUESTION_LINE = Text("你的这一题（第 {n} 组）；ex.new_set() 换一题。",
                     "Your question (set {n}); ex.new_set() draws another.")
SEED_CHARS = 16
MAX_SET = 10_000


def has_bank(spec: ExerciseSpec) -> bool:
    """True for an exercise whose items (or question) are drawn from a bank."""
    return bool(spec.show) and (len(spec.questions) > 1 or len(spec.items) > (spec.show or 0))


def pool(spec: ExerciseSpec) -> tuple[str, ...]:
    """The ids a set is drawn from: the questions of a question bank, else the items."""
    return tuple(q.id for q in spec.questions) if spec.questions else tuple(item.id for item in spec.items)


def own_set(spec: ExerciseSpec) -> tuple[str, ...]:
    """What the exercise showed before it had a bank: its own question, else its own items."""
    if spec.questions:
        return (spec.questions[0].id,)
    return tuple(item.id for item in spec.items[:spec.own_items or spec.show or len(spec.items)])


def set_line(spec: ExerciseSpec, number: int) -> Text:
    """The line that says which set is shown and how it is answered, for this kind of bank."""
    line = QUESTION_LINE if spec.questions else ORDER_LINE if spec.kind == "ordering" else SET_LINE
    return Text(line.zh.format(n=number), line.en.format(n=number))


def _draw_ordering(spec: ExerciseSpec, rng: random.Random, show: int) -> tuple[str, ...]:
    """``show`` items of distinct steps, one random item per randomly chosen step, in step order."""
    steps: dict[int, list[str]] = {}
    for item in spec.items:
        steps.setdefault(item.step or 0, []).append(item.id)
    chosen = sorted(rng.sample(sorted(steps), min(show, len(steps))))
    return tuple(rng.choice(steps[step]) for step in chosen)


def _fold(student_id: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(student_id or "")).split()).casefold()


def salt() -> str:
    """The assignment salt: ``CKM_VARIANT_SALT`` (an instructor sets one per class or term), else ``""``."""
    return os.environ.get("CKM_VARIANT_SALT", "").strip()[:200]


def seed_of(student_id: str | None, exercise_id: str, set_number: int = 1, assignment_salt: str | None = None) -> str | None:
    """The seed of a student's set, as 16 hex digits; None for the default set (set 1, no identity)."""
    who = _fold(student_id)
    if not who and set_number == 1:
        return None
    text = "\x1f".join((assignment_salt if assignment_salt is not None else salt(), who,
                        exercise_id.casefold(), str(int(set_number))))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:SEED_CHARS]


def draw(spec: ExerciseSpec, seed: str | None) -> tuple[str, ...]:
    """The item ids of the set ``seed`` yields (the default set for None), in the bank's order."""
    show = spec.show or len(spec.items)
    if not has_bank(spec):
        return pool(spec)[:show]
    if seed is not None and (spec.questions or spec.kind == "ordering"):
        rng = random.Random(int(seed, 16))
        return (rng.choice(pool(spec)),) if spec.questions else _draw_ordering(spec, rng, show)
    if spec.questions or spec.kind == "ordering":  # the default set: the own question, the first own items
        return own_set(spec)[:show]
    pool_items = spec.items[:spec.own_items or len(spec.items)] if seed is None else spec.items
    groups: dict[tuple[str, ...], list[str]] = {}
    for item in pool_items:
        groups.setdefault(tuple(sorted(item.answer)), []).append(item.id)
    if seed is None:  # the default set: the exercise's own items, one of each answer in file order
        piles = [list(reversed(pile)) for pile in groups.values()]
    else:
        rng = random.Random(int(seed, 16))
        piles = [groups[answer] for answer in sorted(groups)]
        for pile in piles:
            rng.shuffle(pile)
        rng.shuffle(piles)
    chosen: list[str] = []
    while len(chosen) < show:  # one from each answer in turn, so a set covers as many answers as it can
        for pile in piles:
            if pile and len(chosen) < show:
                chosen.append(pile.pop())
    order = {item.id: n for n, item in enumerate(spec.items)}
    return tuple(sorted(chosen, key=order.__getitem__))


def restrict(spec: ExerciseSpec, item_ids: tuple[str, ...]) -> ExerciseSpec:
    """``spec`` with only these items (a set of its bank): what is shown, checked and re-scored.

    A question set is the spec with that question swapped in (``banks_questions.on_question``); an
    ordering set keeps its items in step order, which is its key."""
    if spec.questions:
        if len(item_ids) != 1:
            raise ValueError(f"a set of {spec.id} is one question, not {len(item_ids)}")
        return on_question(spec, {q.id: q for q in spec.questions}[item_ids[0]])
    by_id = {item.id: item for item in spec.items}
    items = tuple(by_id[i] for i in item_ids)
    if spec.kind == "ordering" and all(item.step is not None for item in items):
        items = tuple(sorted(items, key=lambda item: item.step or 0))
    return dataclasses.replace(spec, items=items)


@dataclasses.dataclass(frozen=True)
class Variant:
    """One set of a bank exercise: its number (1, 2, ...), seed and item ids."""

    set: int
    seed: str | None
    items: tuple[str, ...]

    def as_record(self) -> dict[str, Any]:
        """What a record stores under ``"variant"``."""
        return {"set": self.set, "seed": self.seed, "items": list(self.items)}


def variant_for(spec: ExerciseSpec, student_id: str | None, set_number: int = 1,
                assignment_salt: str | None = None) -> Variant:
    """The set ``set_number`` of ``student_id`` for this exercise."""
    set_number = min(max(int(set_number), 1), MAX_SET)
    seed = seed_of(student_id, spec.id, set_number, assignment_salt)
    return Variant(set_number, seed, draw(spec, seed))


def from_record(spec: ExerciseSpec, stored: Any) -> Variant | None:
    """The variant a record claims, if it is well formed and names items of the bank; else None."""
    if not isinstance(stored, Mapping):
        return None
    number, seed, items = stored.get("set"), stored.get("seed"), stored.get("items")
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= MAX_SET:
        return None
    if seed is not None and not (isinstance(seed, str) and len(seed) == SEED_CHARS
                                 and all(c in "0123456789abcdef" for c in seed)):
        return None
    known = set(pool(spec))
    if not isinstance(items, list) or not items or len(items) > (1 if spec.questions else len(known)) \
            or not all(isinstance(i, str) and i in known for i in items) or len(set(items)) != len(items):
        return None
    return Variant(number, seed, tuple(items))


def problems(spec: ExerciseSpec, stored: Any, student_id: str | None, assignment_salt: str | None = None) -> list[str]:
    """Why a record's variant cannot be trusted (empty when it can): the gradebook's ``tampered`` reasons."""
    if not has_bank(spec):
        return ["a variant on an exercise without an item bank"] if stored is not None else []
    if stored is None:
        return ["no variant: a bank exercise's record names the set it was checked on"]
    claimed = from_record(spec, stored)
    if claimed is None:
        return ["a malformed variant (set, seed or item ids)"]
    reasons = []
    if claimed.items != draw(spec, claimed.seed):
        reasons.append("the items are not the ones the variant's seed yields")
    expected = seed_of(student_id, spec.id, claimed.set, assignment_salt)
    if claimed.seed != expected and not (claimed.seed is None and claimed.set == 1):
        reasons.append("the variant's seed is not this student's")
    return reasons
