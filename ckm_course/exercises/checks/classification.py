"""Checkers for multi-label, single-label and matching exercises (C1.3, C2.3, C3, C4, C6).

Answer: a mapping item -> label(s). Items and labels may be named by id, Chinese or
English name; a multi-label value may be a list or a text such as "about, from".
A mapping from categories to lists of items is understood too (the deck's own layout).

Partial credit, per item, one point each:
* multi-label: the Jaccard index |given ∩ key| / |given ∪ key| (1 for an exact match,
  e.g. 0.5 for one of two right categories and nothing wrong);
* single-label and matching: 1 if the chosen label is an accepted one, else 0.

A questionnaire is single-label with questions that each offer their own options
(``Item.options``): a question reads only its own options (by id, label or the letter
shown), so the same label in two questions is never ambiguous.

Feedback never names the key (README, "Feedback policy"): a wrong choice gets the
content's misconception feedback for that item and choice, else the choice's own
feedback, else what the chosen category means; a missing category is said to be
missing, not named. Only items the student answered get a verdict line; the rest are
counted in one "not answered yet" message.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from ckm_course.content.catalog import course
from ckm_course.exercises.checks.messages import join, msg
from ckm_course.exercises.checks.normalize import Resolver, as_sequence, is_placeholder, offered, presented, short
from ckm_course.exercises.checks.result import Result, Verdict
from ckm_course.exercises.checks.shape import shaped
from ckm_course.i18n import fold
from ckm_course.content.model import Choice, ExerciseSpec, Item, Text

MAX_ENTRIES = 200
NO_TEXT = Text("", "")  # a verdict's reason on the lean path (``feedback=False``)


@functools.lru_cache(maxsize=64)
def _other_schemes(spec: ExerciseSpec) -> dict[str, Text]:
    """Spellings of categories that belong to *other* classification exercises -> their title."""
    try:
        exercises = course().exercises
    except Exception:  # content that cannot load is reported elsewhere; no cross-scheme hints then
        return {}
    own = {fold(s) for c in spec.choices for s in Resolver.spellings(c)}
    found: dict[str, Text] = {}
    for other in exercises:
        if other.id == spec.id or other.kind not in ("multi_label", "single_label", "matching"):
            continue
        for choice in other.choices:
            for spelling in (choice.label.zh, choice.label.en):
                if fold(spelling) not in own:
                    found.setdefault(fold(spelling), other.title)
    return found


class _Labels(Resolver):
    """A resolver of choices that also tells when a label belongs to another scheme (C3.1 vs C3.2)."""

    def __init__(self, spec: ExerciseSpec) -> None:
        super().__init__(spec.choices)
        self.spec = spec

    def unknown(self, value: Any, item_like: bool = False) -> Text:
        if isinstance(value, str) and not item_like:
            scheme = _other_schemes(self.spec).get(fold(value.strip()))
            if scheme is not None:
                return msg("other_scheme", given=short(value), scheme=scheme, valid=self.valid_text())
        return super().unknown(value, item_like)


def _items_of(answer: Mapping, spec: ExerciseSpec, choices: Resolver, messages: list[Text]) -> dict[str, Any]:
    """Resolve the keys of ``answer`` to item ids (or invert a category -> items mapping)."""
    items = Resolver(spec.items)
    entries = [(k, v) for k, v in list(answer.items())[:MAX_ENTRIES] if not is_placeholder(v)]
    if len(answer) > MAX_ENTRIES:
        messages.append(msg("too_long", limit=MAX_ENTRIES))
    inverted = bool(entries) and all(
        choices.lookup(k) is not None and items.lookup(k) is None for k, _ in entries
    )
    resolved: dict[str, Any] = {}
    if inverted:
        for key, value in entries:
            category = choices.lookup(key)
            members, cut = as_sequence(value, MAX_ENTRIES)
            if cut:
                messages.append(msg("too_long", limit=MAX_ENTRIES))
            for member in members:
                if is_placeholder(member):
                    continue
                item = items.resolve(member, messages, item_like=True)
                if item is not None:
                    resolved.setdefault(item, []).append(category)
        return resolved
    shown = presented(spec)
    for key, value in entries:
        number = _number(key)
        if number is not None and 1 <= number <= len(shown):  # {1: ..., 2: ...}: items by the number shown
            item = shown[number - 1].id
        else:
            item = items.resolve(key, messages, item_like=True)
        if item is None:
            continue
        if item in resolved:
            messages.append(msg("duplicate_item", item=items.label(item)))
        resolved[item] = value
    return resolved


def _number(key: Any) -> int | None:
    """An item named by its number in the shown list (``1`` or ``"1"``), as in a drawn set (issue 24)."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, str) and key.strip().isascii() and key.strip().isdigit() and len(key.strip()) <= 4:
        return int(key.strip())
    return None


def _labels(value: Any, choices: Resolver, messages: list[Text]) -> set[str]:
    whole = choices.lookup(value) if isinstance(value, str) else None
    if whole is not None:
        return {whole}
    if isinstance(value, Mapping):
        messages.append(msg("not_text", given=short(value)))
        return set()
    parts, cut = as_sequence(value, MAX_ENTRIES)
    if cut:
        messages.append(msg("too_long", limit=MAX_ENTRIES))
    found = set()
    for part in parts:
        if is_placeholder(part):
            continue
        ident = choices.resolve(part, messages)
        if ident is not None:
            found.add(ident)
    return found


def why_not(item: Item, choice: Choice) -> Text:
    """Why ``choice`` does not fit ``item``, without naming what does (the feedback policy)."""
    specific = item.feedback_for(choice.id) or choice.feedback
    if specific is not None:
        return specific
    if choice.explanation is not None:
        return msg("why_meaning", chosen=choice.label, meaning=choice.explanation)
    return msg("why_generic", chosen=choice.label)


def _verdict_multi(item: Item, given: set[str], choices: dict[str, Choice], feedback: bool = True) -> Verdict:
    key = set(item.answer)
    score = len(given & key) / len(given | key) if given | key else 0.0
    chosen = tuple(sorted(given))
    if not feedback:  # the gradebook's lean path: the same mark and score, no text
        mark = "correct" if score == 1.0 else "partial" if score > 0 else "wrong"
        return Verdict(item.id, item.label, mark, score if score < 1.0 else 1.0, 1.0, NO_TEXT, chosen)
    if score == 1.0:
        return Verdict(item.id, item.label, "correct", 1.0, 1.0, msg("right", reason=item.reason), chosen)
    detail = [msg("extra", chosen=choices[c].label, why=why_not(item, choices[c])) for c in sorted(given - key)]
    if key - given and score > 0:
        nudges = [item.missed_for(c) for c in sorted(key - given)]
        detail[:0] = [n for n in nudges if n is not None] or [msg("missed_some")]
    text = join(detail, "", " ")
    if score > 0:
        return Verdict(item.id, item.label, "partial", score, 1.0,
                       msg("partial_multi", score=f"{score:.2f}", detail=text), chosen)
    return Verdict(item.id, item.label, "wrong", 0.0, 1.0, text, chosen)


def _verdict_single(item: Item, given: set[str], choices: dict[str, Choice], feedback: bool = True) -> Verdict:
    chosen = tuple(sorted(given))
    if not feedback:  # the gradebook's lean path: the same mark and score, no text
        right = len(given) == 1 and chosen[0] in item.answer
        return Verdict(item.id, item.label, "correct" if right else "wrong", 1.0 if right else 0.0, 1.0, NO_TEXT, chosen)
    if len(given) == 1 and chosen[0] in item.answer:
        return Verdict(item.id, item.label, "correct", 1.0, 1.0, msg("right", reason=item.reason), chosen)
    if len(given) > 1:
        return Verdict(item.id, item.label, "wrong", 0.0, 1.0, msg("choose_one"), chosen)
    choice = choices[chosen[0]]
    return Verdict(item.id, item.label, "wrong", 0.0, 1.0,
                   msg("wrong_choice", chosen=choice.label, why=why_not(item, choice)), chosen)


@shaped
def check_classification(spec: ExerciseSpec, answer: Any, feedback: bool = True) -> Result:
    """Check a multi_label, single_label or matching exercise. Never raises on any answer.

    ``answer`` is a mapping (:func:`~ckm_course.exercises.checks.shape.shaped` turns every other shape
    away as "not attempted"). ``feedback=False`` (the gradebook, issue 21 measure) leaves every verdict's
    reason empty: status, score, marks and what was given are the same (a test holds both paths to that).
    """
    messages: list[Text] = []
    max_score = float(len(spec.items))
    resolver = _Labels(spec)
    choices = {c.id: c for c in spec.choices}
    given_by_item = _items_of(answer, spec, resolver, messages)
    judge = _verdict_multi if spec.kind == "multi_label" else _verdict_single
    verdicts: list[Verdict] = []
    recorded: dict[str, list[str]] = {}
    unanswered = 0
    for item in presented(spec):
        labels = Resolver(offered(spec, item)) if item.options else resolver  # a question: its own options
        given = _labels(given_by_item[item.id], labels, messages) if item.id in given_by_item else set()
        if not given:
            unanswered += 1
            continue
        recorded[item.id] = sorted(given)
        verdicts.append(judge(item, given, choices, feedback))
    score = sum(v.score for v in verdicts)
    if not recorded:
        return Result(spec.id, spec.kind, "not_attempted", 0.0, max_score, (), tuple(messages))
    if unanswered:
        messages.append(msg("item_missing_one") if unanswered == 1 else msg("items_missing", count=unanswered))
    if score == max_score:
        status = "correct"
    else:
        status = "partial" if score > 0 else "incorrect"
    return Result(spec.id, spec.kind, status, score, max_score, tuple(verdicts), tuple(messages), recorded)

