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

from ckm_course.exercises.checks.messages import msg
from ckm_course.exercises.checks.normalize import Resolver, as_sequence, is_placeholder
from ckm_course.exercises.checks.result import Result, Verdict
from ckm_course.exercises.checks.shape import shaped
from ckm_course.content.model import Choice, ExerciseSpec, Text


def _with_letters(spec: ExerciseSpec) -> Resolver:
    lettered = tuple(
        Choice(c.id, c.label, c.explanation, (*c.aliases, string.ascii_lowercase[i]))
        for i, c in enumerate(spec.choices) if i < 26
    )
    return Resolver(lettered + spec.choices[26:])


def _why(choice: Choice) -> Text:
    return choice.feedback if choice.feedback is not None else msg("option_wrong_generic")


@shaped
def check_multiple_choice(spec: ExerciseSpec, answer: Any) -> Result:
    """Check a multiple-choice exercise. Never raises on any answer.

    Verdicts cover only the options the student chose (right: it belongs; wrong: the
    content's reason why it does not); options still missing are counted in one line,
    never named (README, "Feedback policy"). A wrong shape (a set, a number, an object) is
    "not attempted", as for every kind (:mod:`~ckm_course.exercises.checks.shape`).
    """
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
    if not chosen:
        return Result(spec.id, spec.kind, "not_attempted", 0.0, 1.0, (), tuple(messages))
    correct = set(spec.correct)
    picked = set(chosen)
    if not spec.multiple and len(picked) > 1:  # marking each would let a student probe the key
        return Result(spec.id, spec.kind, "not_attempted", 0.0, 1.0, (), (*messages, msg("choose_one_option")),
                      sorted(chosen))
    if spec.multiple:
        score = len(picked & correct) / len(picked | correct)
    else:
        score = 1.0 if picked == correct else 0.0
    verdicts = []
    for choice in spec.choices:  # the options' own order: the order students see them in
        if choice.id not in picked:
            continue
        if choice.id in correct:
            verdicts.append(Verdict(choice.id, choice.label, "correct", 1.0, 1.0, msg("option_right"), ("chosen",)))
        else:
            verdicts.append(Verdict(choice.id, choice.label, "wrong", 0.0, 1.0,
                                    msg("option_wrong", why=_why(choice)), ("chosen",)))
    if spec.multiple and correct - picked:
        messages.append(msg("options_missing"))
    if spec.explanation is not None and score == 1.0:
        messages.append(spec.explanation)  # shown once right, so it never gives the answer away
    if score == 1.0:
        status = "correct"
    else:
        status = "partial" if score > 0 else "incorrect"
    return Result(spec.id, spec.kind, status, score, 1.0, tuple(verdicts), tuple(messages), sorted(chosen))
