"""Which items a record of a bank exercise is re-scored against (issue 24 item 1, "Variants").

A practice exercise with an item bank shows each student ``show`` of its items, drawn from a
seed of the student's identity (``exercises/variant.py``). A check stores that set in the record
(``record["variant"] = {"set", "seed", "items"}``) and its key hash is the set's. The gradebook:

* rebuilds exactly that set (:func:`variant.restrict`) and re-scores the answer against it (no
  student code runs); a set is items of an item bank, items of distinct steps of an ordering bank, or one
  question of a question bank (its prompt, choices and key swapped in);
* the key hash must be the set's, made of each item's key hash: today's, or an earlier one that
  ``content/keys/history.toml`` lists for that item (``"<exercise>/<item>"``), so a record checked before an
  item's key changed gives the benign ``key_changed`` (when its score moved), not ``tampered``
  (``record.set_versions``); any other hash is ``tampered``;
* flags ``tampered`` with :func:`variant.problems`'s reasons when the items are not the ones
  the seed yields, or the seed is not this student's (the identity the gradebook resolved, or the
  name the notebook gave; ``--salt`` / ``CKM_VARIANT_SALT`` as the kernel had it);
* flags ``default_set`` (benign, with a note; scored as usual) when the record was checked on the
  seedless default set (set 1, no seed: what a notebook shows before ``ckm_course.student(...)``) while
  the submission names its student: the student answered before identifying and never on their own set,
  so the instructor may ask them to re-check;
* a record without a variant whose key hash is an older key of the exercise (key history) was
  made before banks: re-scored against the exercise's own items (benign ``key_changed`` when the
  score moved); any other record without a variant is ``tampered``.

Every set of items counts ``show`` points in the total (a set of another size is scaled to it, with a
note), so the class total stays the assignment's; a question set counts as the exercise does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ckm_course.content.model import ExerciseSpec
from ckm_course.exercises import variant as variants
from ckm_course.exercises.bank_keys import older_banks
from ckm_course.exercises.record import key_hash, key_versions, set_versions


@dataclass
class Target:
    """What one record is re-scored against."""

    spec: ExerciseSpec  # the catalog spec, or the set the record names
    token: str  # the spec's part of the re-score cache key
    today: str  # the key hash the record should carry
    versions: frozenset[str]  # every key hash the record may honestly carry
    items: tuple[str, ...] | None = None  # the item ids shown (a bank exercise)
    set_number: int | None = None
    reasons: list[str] = field(default_factory=list)  # tampered reasons
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # benign flags (``default_set``)
    scale: float = 1.0  # multiply the re-score by this (a set of another size counts ``show``)
    scorable: bool = True


def points(spec: ExerciseSpec) -> float | None:
    """What a bank exercise counts in the total (``show`` items), or None for any other exercise."""
    if spec.questions:  # a question set counts as the exercise does (1, or 0 for an open question)
        return None
    return float(spec.show) if variants.has_bank(spec) and spec.show else None


def _cached(cache: dict | None, key: tuple, make: Any) -> Any:
    if cache is None:
        return make()
    found = cache.get(key)
    if found is None:
        found = cache[key] = make()
    return found


def on_set(spec: ExerciseSpec, items: tuple[str, ...], cache: dict | None) -> tuple[ExerciseSpec, str, frozenset[str]]:
    """The set ``items`` of ``spec``, its key hash and every hash it may honestly carry (each item's key
    history, ``record.set_versions``), built once per grading run."""
    def make() -> tuple[ExerciseSpec, str, frozenset[str]]:
        restricted = variants.restrict(spec, items)
        shown = tuple(q.id for q in restricted.questions) if spec.questions else tuple(i.id for i in restricted.items)
        return restricted, key_hash(restricted), set_versions(spec, (shown, items), restricted)
    return _cached(cache, ("\0set", spec.id, items), make)


def identified(who: tuple[str | None, ...]) -> bool:
    """True when the submission names its student (every identity the gradebook resolved is given)."""
    return bool(who) and all(isinstance(w, str) and w.strip() for w in who)


def seed_reasons(spec: ExerciseSpec, stored: Any, who: tuple[str | None, ...], salt: str | None,
                 cache: dict | None = None) -> list[str]:
    """:func:`variant.problems` for the first identity that explains the seed (fewest reasons); when the
    items are not today's draw, also for the bank as it was before an item's key changed (its draw is
    stratified by key: ``bank_keys.older_banks``)."""
    best: list[str] | None = None
    banks = [spec]
    while banks:
        for candidate in who or (None,):
            found = variants.problems(banks[0], stored, candidate, salt)
            if best is None or len(found) < len(best):
                best = found
            if not found:
                return []
        if banks[0] is spec:
            banks.extend(_cached(cache, ("\0older", spec.id), lambda: older_banks(spec)))
        banks.pop(0)
    return best or []


def target(spec: ExerciseSpec, record: dict[str, Any], who: tuple[str | None, ...] = (None,),
           salt: str | None = None, cache: dict | None = None,
           whole: tuple[str, frozenset[str]] | None = None) -> Target:
    """What ``record`` of ``spec`` is re-scored against, and why it cannot be trusted (issue 24 item 1).

    ``whole``: today's key hash of ``spec`` and every hash its key has had (``record.key_versions``).
    """
    today, versions = whole or (key_hash(spec), key_versions(spec))
    stored = record.get("variant")
    if not variants.has_bank(spec):
        plain = Target(spec, spec.id, today, versions)
        if stored is not None:
            plain.reasons.append("a variant on an exercise without an item bank")
        return plain
    show = spec.show or len(spec.items)
    if stored is None:
        own_ids = variants.own_set(spec)
        own, own_hash, _ = on_set(spec, own_ids, cache)
        found = Target(own, spec.id + "\x1f" + "\x1f".join(own_ids), own_hash, versions, own_ids,
                       scale=1.0 if spec.questions else show / len(own_ids))
        stored_key = record.get("key_hash")
        if record.get("schema") == 1 or (isinstance(stored_key, str) and stored_key != today and stored_key in versions):
            found.notes.append("made before item banks: scored on the exercise's own question" if spec.questions else
                               f"made before item banks: scored on the exercise's {len(own_ids)} own items"
                               + (f", scaled to {show}" if len(own_ids) != show else ""))
        else:
            found.reasons.extend(variants.problems(spec, None, None, salt))
        return found
    claimed = variants.from_record(spec, stored)
    if claimed is None:
        broken = Target(spec, spec.id, today, versions, scorable=False)
        broken.reasons.append(variants.problems(spec, stored, None, salt)[0])
        return broken
    restricted, set_hash, set_hashes = on_set(spec, claimed.items, cache)
    found = Target(restricted, spec.id + "\x1f" + "\x1f".join(claimed.items), set_hash, set_hashes,
                   claimed.items, claimed.set, scale=show / len(claimed.items))
    found.reasons.extend(seed_reasons(spec, stored, who, salt, cache))
    if claimed.seed is None and claimed.set == 1 and identified(who):
        found.flags.append("default_set")
        found.notes.append("default_set: checked on the default set (the one shown before identifying), "
                           "though the notebook names the student; scored on it")
    if len(claimed.items) != show:
        found.notes.append(f"a set of {len(claimed.items)} items, scaled to {show}")
    return found


def question_universe(spec: ExerciseSpec) -> tuple[tuple[str, float], ...]:
    """The rows of a question bank in the item analysis: one per question (an open question is not scored:
    none), as ``grading/items.py``'s ``universe`` gives them for items (issue 24)."""
    return () if spec.kind == "open" else tuple((q.id, 1.0) for q in spec.questions)


def question_marks(student: Any, spec: ExerciseSpec) -> dict[str, tuple[str, float, list[str]]]:
    """``{question id: (mark, value 0..1, wrong answers)}`` of one student on a question bank: the question
    their record's set showed is marked by its re-score; the others are not answered (the item analysis
    counts each question over the students shown it)."""
    outcome = student.outcomes.get(spec.id)
    found: dict[str, tuple[str, float, list[str]]] = {q.id: ("not_answered", 0.0, []) for q in spec.questions}
    if outcome is None or not outcome.scored or not outcome.items or outcome.items[0] not in found:
        return found
    top = outcome.max_score or 1.0
    value = max(0.0, min(1.0, outcome.score / top))
    mark = "correct" if outcome.status == "correct" else "partial" if outcome.status == "partial" else "wrong"
    answer = outcome.answer if isinstance(outcome.answer, list) else [outcome.answer]
    found[outcome.items[0]] = (mark, value, [] if mark == "correct" else ["+".join(map(str, answer))[:200]])
    return found
