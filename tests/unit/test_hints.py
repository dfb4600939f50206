"""Issue 22, item 5: every hint tier adds something, and no tier decides the items.

Two measures over every exercise's tiers (tier 1 in ``content/c*_*.toml``, tiers 2-3 in
``content/feedback/``), in both languages:

* **Each tier adds something**: tier n+1 shares less than :data:`MAX_SHARED` of its content words
  (English word stems; Chinese character pairs) with tier n. A tier that restates the one before
  reaches 0.7-0.9; a method or a worked example on another item stays far below.
* **No tier decides the items**: a naive classifier reads the hints' cue words. Each hint clause
  that points to one category (it shares more words with that category's name, aliases and
  explanation than with any other) lends its words to that category; each item goes to the
  category of the clause it shares most words with (at least two). It may not score 1.5 items
  (or a fifth of the items, if more) above chance (a random category for each item it guessed).
  A tier that lists "'at a glance' means ..., 'no names' means ..." per category scores 3-4.4
  items above chance.
"""

from __future__ import annotations

import re

import pytest

import ckm_course
from ckm_course.content.model import ExerciseSpec, Text
from ckm_course.exercises.exercise import exercise_specs

MAX_SHARED = 0.6
MAX_ABOVE_CHANCE = 1.5  # items above chance; for long exercises 20 % of the items (``allowed``)
SPECS = exercise_specs()
CLASSIFYING = [s for s in SPECS if s.kind in ("single_label", "multi_label", "matching")
               and not any(i.options for i in s.items)]  # questionnaires: one question each, no shared cues
STOP = set("""the a an of to and or is are it its this that in on for with be as by what which who whom do does
not if then first ask each item one at from your you they their them how when into can could would so than more
any all about only also but has have had was were will may might must should here there these those such other
another both every some most out up just even been being look think whether where while because since same like
very own""".split())
ZH_STOP = {"客户", "知识", "这一", "一项", "什么", "还是", "是不", "不是", "企业", "如果", "这个", "这条", "一个", "可以",
           "没有", "就是", "的知", "识是"}


def words(text: Text) -> list[tuple[str, str]]:
    """Content words of both languages: English stems (5 letters), Chinese character pairs."""
    english = [("en", w[:5]) for w in re.findall(r"[a-z][a-z'-]+", text.en.lower()) if w not in STOP and len(w) > 2]
    han = re.sub(r"[^\u4e00-\u9fff]", " ", text.zh)
    chinese = [("zh", han[i:i + 2]) for i in range(len(han) - 1) if " " not in han[i:i + 2]]
    return english + [w for w in chinese if w[1] not in ZH_STOP]


def shared(earlier: Text, later: Text, language: str) -> float:
    """The share of ``later``'s content words (in one language) that ``earlier`` already has."""
    before = {w for w in words(earlier) if w[0] == language}
    after = [w for w in words(later) if w[0] == language]
    return sum(w in before for w in after) / len(after) if after else 0.0


def clauses(text: Text) -> list[Text]:
    english = [c for c in re.split(r"[.;!?:]\s", text.en) if c.strip()]
    chinese = [c for c in re.split(r"[。；！？：]", text.zh) if c.strip()]
    if len(english) == len(chinese):
        return [Text(z, e) for z, e in zip(chinese, english)]
    return [Text("", e) for e in english] + [Text(z, "") for z in chinese]


def naive_classifier(spec: ExerciseSpec, tiers: tuple[Text, ...]) -> dict[str, str]:
    """item id -> the category the hints' cue words point to (only items it dares to guess)."""
    entries = {e.id: e for e in ckm_course.course().point(spec.point).entries}  # the point's own definitions
    names = {c.id: set().union(*(set(words(t)) for t in (
        c.label, *(Text(a, a) for a in c.aliases), *([c.explanation] if c.explanation else []),
        *([entries[c.id].label, entries[c.id].explanation] if c.id in entries and entries[c.id].explanation else []))))
        for c in spec.choices}
    cues: list[tuple[set, str]] = []
    for clause in (c for tier in tiers for c in clauses(tier)):
        found = set(words(clause))
        score = {cid: len(found & name) for cid, name in names.items()}
        best = max(score.values())
        winners = [cid for cid, value in score.items() if value == best]
        if best > 0 and len(winners) == 1:
            cues.append((found, winners[0]))
    guesses: dict[str, str] = {}
    for item in spec.items:
        found = set(words(item.label))
        scored = [(len(found & cue), category) for cue, category in cues]
        best = max((s for s, _ in scored), default=0)
        categories = {category for s, category in scored if s == best}
        if best >= 2 and len(categories) == 1:
            guesses[item.id] = categories.pop()
    return guesses


def allowed(spec: ExerciseSpec) -> float:
    """How many items above chance the cue words may reach: 1.5, or a fifth of a long exercise's items."""
    return max(MAX_ABOVE_CHANCE, 0.2 * len(spec.items))


def credit(item, category: str) -> float:
    key = set(item.answer)
    return len(key & {category}) / len(key | {category})


def above_chance(spec: ExerciseSpec, tiers: tuple[Text, ...]) -> float:
    guesses = naive_classifier(spec, tiers)
    got = sum(credit(i, guesses[i.id]) for i in spec.items if i.id in guesses)
    chance = sum(sum(credit(i, c.id) for c in spec.choices) / len(spec.choices) for i in spec.items if i.id in guesses)
    return got - chance


@pytest.mark.parametrize("spec", [s for s in SPECS if len(s.hints) >= 1], ids=lambda s: s.id)
def test_each_tier_adds_something(spec):
    tiers = ckm_course.exercise(spec.id).hints
    for n in range(len(tiers) - 1):
        for language in ("en", "zh"):
            share = shared(tiers[n], tiers[n + 1], language)
            assert share < MAX_SHARED, f"tier {n + 2} repeats {share:.0%} of tier {n + 1}'s words ({language})"


@pytest.mark.parametrize("spec", CLASSIFYING, ids=lambda s: s.id)
def test_no_tier_decides_the_items(spec):
    tiers = ckm_course.exercise(spec.id).hints
    assert above_chance(spec, tiers) < allowed(spec), naive_classifier(spec, tiers)


def test_the_measures_catch_a_restated_tier_and_a_cue_list():
    """The measures can fail: a restatement and a per-category cue list are caught."""
    spec = ckm_course.course().exercise("c3.4-explicit-tacit")
    first = spec.hint
    restated = Text(first.zh.replace("问：", "先问自己："), "First ask yourself: " + first.en)
    assert shared(first, restated, "en") >= MAX_SHARED and shared(first, restated, "zh") >= MAX_SHARED
    key_as_cues = tuple(Text(f"“{i.label.zh}”是{next(c.label.zh for c in spec.choices if c.id == i.answer[0])}。",
                             f"“{i.label.en}” means {next(c.label.en for c in spec.choices if c.id == i.answer[0])}.")
                        for i in spec.items)
    assert above_chance(spec, (first, Text(" ".join(t.zh for t in key_as_cues), " ".join(t.en for t in key_as_cues)))) \
        >= allowed(spec)


def test_every_exercise_with_further_hints_promised_has_them():
    for spec in SPECS:
        tiers = ckm_course.exercise(spec.id).hints
        if "further hints" in tiers[0].en or "后面的提示" in tiers[0].zh:
            assert len(tiers) >= 2, spec.id
