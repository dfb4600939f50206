"""Checkers for multi-label, single-label and matching exercises (C1.3, C2.3, C3, C4, C6).

Answer: a mapping item -> label(s). Items and labels may be named by id, Chinese or
English name; a multi-label value may be a list or a text such as "about, from".
A mapping from categories to lists of items is understood too (the deck's own layout).

Partial credit, per item, one point each:
* multi-label: the Jaccard index |given ∩ key| / |given ∪ key| (1 for an exact match,
  e.g. 0.5 for one of two right categories and nothing wrong);
* single-label and matching: 1 if the chosen label is an accepted one, else 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ckm_course.checks.messages import join, msg
from ckm_course.checks.normalize import Resolver, as_sequence, is_placeholder, short
from ckm_course.checks.result import Result, Verdict
from ckm_course.model import ExerciseSpec, Text

MAX_ENTRIES = 200


def _items_of(answer: Mapping, spec: ExerciseSpec, messages: list[Text]) -> dict[str, Any]:
    """Resolve the keys of ``answer`` to item ids (or invert a category -> items mapping)."""
    items, choices = Resolver(spec.items), Resolver(spec.choices)
    keys = [k for k, v in list(answer.items())[:MAX_ENTRIES] if not is_placeholder(v)]
    inverted = bool(keys) and all(
        choices.lookup(k) is not None and items.lookup(k) is None for k in keys
    )
    resolved: dict[str, Any] = {}
    if inverted:
        for key in keys:
            category = choices.lookup(key)
            members, cut = as_sequence(answer[key], MAX_ENTRIES)
            if cut:
                messages.append(msg("too_long", limit=MAX_ENTRIES))
            for member in members:
                item = items.resolve(member, messages, item_like=True)
                if item is not None:
                    resolved.setdefault(item, []).append(category)
        return resolved
    for key, value in list(answer.items())[:MAX_ENTRIES]:
        if is_placeholder(value):
            continue
        item = items.resolve(key, messages, item_like=True)
        if item is None:
            continue
        if item in resolved:
            messages.append(msg("duplicate_item", item=items.label(item)))
        resolved[item] = value
    return resolved


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


def _verdict_multi(spec_item, given: set[str], choices: Resolver) -> Verdict:
    key = set(spec_item.answer)
    score = len(given & key) / len(given | key) if given | key else 0.0
    reason = spec_item.reason
    labels = lambda ids: join([choices.label(i) for i in sorted(ids)], "、", "”, “")  # noqa: E731
    if score == 1.0:
        mark, text = "correct", msg("right", reason=reason)
    elif score > 0:
        detail = []
        if key - given:
            detail.append(msg("missed", labels=labels(key - given)))
        if given - key:
            detail.append(msg("extra", labels=labels(given - key)))
        mark, text = "partial", msg("partial_multi", score=f"{score:.2f}", detail=join(detail, "", ""), reason=reason)
    else:
        mark, text = "wrong", msg("wrong_multi", expected=labels(key), reason=reason)
    return Verdict(spec_item.id, spec_item.label, mark, score, 1.0, text,
                   tuple(sorted(given)), tuple(spec_item.answer))


def _verdict_single(spec_item, given: set[str], choices: Resolver) -> Verdict:
    reason = spec_item.reason
    chosen = tuple(sorted(given))
    if len(given) == 1 and chosen[0] in spec_item.answer:
        return Verdict(spec_item.id, spec_item.label, "correct", 1.0, 1.0,
                       msg("right", reason=reason), chosen, spec_item.answer)
    expected = join([choices.label(i) for i in spec_item.answer], "”或“", "” or “")
    text = msg("wrong_single", expected=expected, reason=reason)
    if len(given) > 1:
        text = join([msg("choose_one"), text], "", " ")
    return Verdict(spec_item.id, spec_item.label, "wrong", 0.0, 1.0, text, chosen, spec_item.answer)


def check_classification(spec: ExerciseSpec, answer: Any) -> Result:
    """Check a multi_label, single_label or matching exercise. Never raises on any answer."""
    messages: list[Text] = []
    max_score = float(len(spec.items))
    if is_placeholder(answer):
        return Result(spec.id, spec.kind, "not_attempted", 0.0, max_score, _all_missing(spec))
    if not isinstance(answer, Mapping):
        shape = Text(zh="一个字典（项目 → 类别）", en="a dict (item -> category)")
        messages.append(msg("wrong_shape", shape=shape, got=short(answer)))
        return Result(spec.id, spec.kind, "not_attempted", 0.0, max_score, _all_missing(spec), tuple(messages))
    choices = Resolver(spec.choices)
    given_by_item = _items_of(answer, spec, messages)
    verdicts = []
    recorded: dict[str, list[str]] = {}
    for item in spec.items:
        if item.id not in given_by_item:
            verdicts.append(_missing(item))
            continue
        given = _labels(given_by_item[item.id], choices, messages)
        recorded[item.id] = sorted(given)
        judge = _verdict_multi if spec.kind == "multi_label" else _verdict_single
        verdicts.append(judge(item, given, choices))
    score = sum(v.score for v in verdicts)
    if not given_by_item:
        status = "not_attempted"
    elif score == max_score:
        status = "correct"
    else:
        status = "partial" if score > 0 else "incorrect"
    return Result(spec.id, spec.kind, status, score, max_score, tuple(verdicts), tuple(messages), recorded)


def _missing(item) -> Verdict:
    return Verdict(item.id, item.label, "missing", 0.0, 1.0, msg("item_missing"), (), tuple(item.answer))


def _all_missing(spec: ExerciseSpec) -> tuple[Verdict, ...]:
    return tuple(_missing(item) for item in spec.items)
