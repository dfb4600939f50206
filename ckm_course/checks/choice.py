"""Checker for multiple-choice exercises (single answer or "select all that apply").

Answer: one option, or for multi-select a list (or a text "a, c, d"). An option may be
named by id, Chinese or English text, or by its letter (a, b, c ... in the order shown).

Partial credit: single answer — 1 or 0. Multi-select — the Jaccard index of chosen and
correct options, so choosing everything does not earn full marks. Every option gets a
verdict: chosen or not, and whether that was right.
"""

from __future__ import annotations

import string
from typing import Any

from ckm_course.checks.messages import msg
from ckm_course.checks.normalize import Resolver, as_sequence, is_placeholder, short
from ckm_course.checks.result import Result, Verdict
from ckm_course.model import Choice, ExerciseSpec, Text


def _with_letters(spec: ExerciseSpec) -> Resolver:
    lettered = tuple(
        Choice(c.id, c.label, c.explanation, (*c.aliases, string.ascii_lowercase[i]))
        for i, c in enumerate(spec.choices) if i < 26
    )
    return Resolver(lettered + spec.choices[26:])


def check_multiple_choice(spec: ExerciseSpec, answer: Any) -> Result:
    """Check a multiple-choice exercise. Never raises on any answer."""
    if is_placeholder(answer):
        return Result(spec.id, spec.kind, "not_attempted", 0.0, 1.0)
    messages: list[Text] = []
    options = _with_letters(spec)
    whole = options.lookup(answer) if isinstance(answer, str) else None
    parts = [answer] if whole else as_sequence(answer, len(spec.choices) * 3)[0]
    chosen: list[str] = []
    for part in parts:
        if is_placeholder(part):
            continue
        ident = options.resolve(part, messages)
        if ident is not None and ident not in chosen:
            chosen.append(ident)
    correct = set(spec.correct)
    picked = set(chosen)
    if not spec.multiple and len(picked) > 1:
        messages.append(msg("choose_one"))
    if spec.multiple:
        score = len(picked & correct) / len(picked | correct) if picked else 0.0
    else:
        score = 1.0 if picked == correct else 0.0
    verdicts = []
    for choice in spec.choices:
        should, did = choice.id in correct, choice.id in picked
        key = {(True, True): "option_chosen_right", (False, False): "option_skipped_right",
               (False, True): "option_chosen_wrong", (True, False): "option_skipped_wrong"}[(should, did)]
        if not spec.multiple and not did and not should:
            continue  # for one-answer questions, list only the options that matter
        mark = "correct" if should == did else "wrong"
        verdicts.append(Verdict(choice.id, choice.label, mark, 1.0 if should == did else 0.0, 1.0, msg(key),
                                ("chosen",) if did else (), ("chosen",) if should else ()))
    if spec.explanation is not None and score == 1.0:
        messages.append(spec.explanation)  # shown once right, so it never gives the answer away
    if not chosen and not messages:
        status = "not_attempted"
    elif score == 1.0:
        status = "correct"
    else:
        status = "partial" if score > 0 else "incorrect"
    if not chosen and status == "incorrect" and not isinstance(answer, (str, list, tuple, set, frozenset)):
        messages.insert(0, msg("wrong_shape", shape=Text("一个选项或选项列表", "an option or a list of options"),
                               got=short(answer)))
    return Result(spec.id, spec.kind, status, score, 1.0, tuple(verdicts), tuple(messages), sorted(chosen))
