"""Item banks of the practice exercises and the final quiz (issue 24, "Variants").

One file per exercise, ``content/banks/<exercise id>.toml``::

    exercise = "c1.1-practice-which-reason"
    show = 4                      # items in one set; the bank holds at least 3x as many

    [[items]]                     # more items of the same concept and difficulty
    id = "bubble-tea-reviews"
    label = { zh = "...", en = "..." }
    answer = ["value-drain"]      # the key: choice ids of the exercise
    reason = { zh = "...", en = "..." }   # why the key fits
    point = "C1.1"                # the CONTENT.md point the item checks
    [items.feedback]              # why each tempting wrong choice does not fit (never naming the key)
    rival-feature = { zh = "...", en = "..." }

The exercise's own items (its chapter file) open the bank; ``show`` of them (one of each answer in
turn) are the default set a student sees before identifying, and the one nbval runs.
Validated on load: a bank item without its key, reason, point or feedback on its wrong choices, an
unknown exercise or choice, a repeated item id or a bank smaller than 3x ``show`` is a ContentError.

Two more shapes (issue 24, the session's agreed bank format): an ordering exercise's bank holds items
with a ``step`` (``banks_ordering.py``), and a multiple_choice, value or open exercise's bank holds
``[[questions]]``, one whole question per set (``banks_questions.py``).
"""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path

from ckm_course.content.bank_file import Bank, BankItem, read_bank
from ckm_course.content.banks_ordering import BANK_FACTOR, apply_ordering
from ckm_course.content.banks_questions import QUESTION_KINDS, apply_questions
from ckm_course.content.builder import ContentError
from ckm_course.content.model import ExerciseSpec, Item

__all__ = ["BANK_FACTOR", "KINDS", "Bank", "BankItem", "apply_bank", "read_bank", "with_banks", "wrong_feedback_needed"]

KINDS = ("single_label", "multi_label", "matching")  # kinds whose variant is a set of items
ALL_KINDS = (*KINDS, "ordering", *QUESTION_KINDS)  # every kind a bank may serve


def wrong_feedback_needed(choices: int, key: int) -> int:
    """How many wrong choices of an item must say why they do not fit: all of them up to four, else
    at least three (items of the 11 roadmap steps are not given ten notes each)."""
    wrong = max(choices - key, 0)
    return wrong if wrong <= 4 else 3


def apply_bank(spec: ExerciseSpec, bank: Bank, points: set[str]) -> ExerciseSpec:
    """The exercise with the bank's items after its own and ``show`` set; every check of the module doc."""
    def fail(entry: str, field: str, problem: str) -> ContentError:
        return ContentError(bank.file, entry, field, problem)

    if spec.kind == "ordering":
        return apply_ordering(spec, bank, points)
    if spec.kind in QUESTION_KINDS:
        return apply_questions(spec, bank, points)
    if spec.kind not in KINDS or spec.derive_from or any(item.options for item in spec.items):
        raise fail("(top)", "exercise", f"{spec.id} is a {spec.kind} exercise; banks are for {', '.join(ALL_KINDS)} "
                   "exercises with items written in the file")
    if bank.questions:
        raise fail("(top)", "questions", f"{spec.id} is a {spec.kind} exercise: its bank holds [[items]]")
    if bank.show < 1:
        raise fail("(top)", "show", "must be at least 1")
    if bank.show > len(spec.items):
        raise fail("(top)", "show", f"the default set is drawn from the exercise's own items; it has {len(spec.items)}, fewer than {bank.show}")
    choice_ids = {c.id for c in spec.choices}
    seen = {item.id for item in spec.items}
    added = []
    for written in bank.items:
        entry = f"item {written.id!r}"
        if written.id in seen:
            raise fail(entry, "id", f"repeats an item id of {spec.id}")
        seen.add(written.id)
        if not written.answer:
            raise fail(entry, "answer", "is empty: every bank item has its key")
        if written.step is not None:
            raise fail(entry, "step", "is for ordering items")
        if spec.kind != "multi_label" and len(written.answer) != 1:
            raise fail(entry, "answer", f"a {spec.kind} item has one key choice")
        feedback, missed = dict(written.feedback), dict(written.missed)
        for choice_id in (*written.answer, *feedback, *missed):
            if choice_id not in choice_ids:
                near = difflib.get_close_matches(choice_id, sorted(choice_ids), n=1)
                raise fail(entry, "answer/feedback", f"{choice_id!r} is not a choice of {spec.id}"
                           + (f" (did you mean {near[0]!r}?)" if near else f"; choices: {sorted(choice_ids)}"))
        if written.point not in points:
            raise fail(entry, "point", f"{written.point!r} is not a CONTENT.md point")
        in_key = [c for c in feedback if c in written.answer]
        if in_key:
            raise fail(entry, f"feedback.{in_key[0]}", "is the key of this item: feedback is for wrong choices")
        needed = wrong_feedback_needed(len(choice_ids), len(written.answer))
        if len(feedback) < needed:
            raise fail(entry, "feedback", f"says why {len(feedback)} wrong choice(s) do not fit; "
                       f"{needed} needed (every wrong choice, or at least three when there are more than four)")
        added.append(Item(id=written.id, label=written.label, answer=written.answer, reason=written.reason,
                          aliases=written.aliases, feedback=written.feedback,
                          missed=written.missed, point=written.point))
    items = (*spec.items, *added)
    if len(items) < BANK_FACTOR * bank.show:
        raise fail("(top)", "items", f"the bank holds {len(items)} items ({len(spec.items)} of the exercise, "
                   f"{len(added)} here); {BANK_FACTOR} x show = {BANK_FACTOR * bank.show} needed")
    return dataclasses.replace(spec, items=items, show=bank.show, own_items=len(spec.items))


def with_banks(exercises: tuple[ExerciseSpec, ...], folder: Path, points: set[str]) -> tuple[ExerciseSpec, ...]:
    """Every exercise, with its bank (``folder/banks/<id>.toml``) merged where it has one."""
    by_id = {spec.id: spec for spec in exercises}
    for path in sorted((folder / "banks").glob("*.toml")):
        bank = read_bank(path)
        if bank.exercise not in by_id:
            near = difflib.get_close_matches(bank.exercise, list(by_id), n=1)
            raise ContentError(bank.file, "(top)", "exercise",
                               "no such exercise" + (f" (did you mean {near[0]!r}?)" if near else ""))
        by_id[bank.exercise] = apply_bank(by_id[bank.exercise], bank, points)
    return tuple(by_id[spec.id] for spec in exercises)
