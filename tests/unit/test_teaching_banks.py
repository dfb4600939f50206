"""Issue 24 (Variants): every text of a bank exercise makes sense in any set drawn from its bank.

A student sees a set of items drawn from the exercise's bank, so an item, reason or note may not lean
on another item ("the same firm", "together with the pharmacies"), a prompt or hint may not count or
quote the items, and a wrong-choice note may not give the key away.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import pytest

import ckm_course
from ckm_course.content.model import Text
from ckm_course.exercises.exercise import exercise_specs

BANKED = [s.id for s in exercise_specs() if ckm_course.exercise(s.id).bank is not None]

# Phrases that point at an item the set may not hold, or count the items of a fixed list.
LEANING = re.compile(
    r"^同一家|^为这家|^把同一批|同一家公司的销售部|与药房一起|药房和图书连锁|下面[两三四五六七八九十]+条|同一位客户掌握|有两位：|其他几条|上面几条|上述"
    r"|of the same firm|^The same fault|together with the pharmacies|the pharmacies' and|\bthese (?:two|three|four|five|six|seven|eight|nine|ten)"
    r" (?:pieces|items|cases|scenes|lines|customers)\b|knowledge about one customer\b|^Two customers get|the (?:other|above) items"
    r"|the eight scenes|far above the others'|compared with the other customers|和其他客户比")


def texts(exercise_id: str) -> list[tuple[str, Text]]:
    """Every student-facing text of the exercise's whole bank, with where it sits."""
    ex = ckm_course.exercise(exercise_id)
    bank = ex.bank
    # A question bank's prompt is one whole question and may count its own choices; an item bank's may not.
    found = [("prompt", bank.prompt)] if bank.items else []
    found += [(f"hint {n + 1}", h) for n, h in enumerate(ex.hints)]
    found += [(f"choice {c.id}", c.feedback) for c in bank.choices if c.feedback]
    for item in bank.items:
        found.append((f"{item.id} label", item.label))
        found += [(f"{item.id} reason", item.reason)] if item.reason else []
        found += [(f"{item.id} note {c}", why) for c, why in item.feedback]
    return found


def han(text: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff]", "", text)


def test_the_banked_exercises_are_found():
    assert len(BANKED) >= 50 and "c1.2-practice-who-is-customer" in BANKED


@pytest.mark.parametrize("exercise_id", BANKED)
def test_no_text_leans_on_another_item_or_counts_the_items(exercise_id):
    leaning = [(where, side) for where, text in texts(exercise_id) for side in (text.zh, text.en) if LEANING.search(side)]
    assert not leaning, leaning


@pytest.mark.parametrize("exercise_id", BANKED)
def test_no_hint_quotes_an_item(exercise_id):
    ex = ckm_course.exercise(exercise_id)
    labels = [(item.id, item.label.zh) for item in ex.bank.items]
    for n, tier in enumerate(ex.hints, start=1):
        quoted = [q for q in re.findall(r"“([^”]{5,})”", tier.zh) if len(han(q)) >= 5]  # not a bare term
        assert not [(q, i) for q in quoted for i, label in labels if q in label], f"tier {n} quotes an item"
        for item_id, label in labels:
            a, b = han(tier.zh), han(label)
            same = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
            assert same.size < 8, (n, item_id, a[same.a:same.a + same.size])


@pytest.mark.parametrize(("exercise_id", "item", "choice", "gives_away"), [
    ("c4.3-practice-plan-review", "reward-order", "really-km", "CKM 的顺序"),
    ("c4.2-practice-direction", "noise-recall", "crm-helps-ckm", "知识在帮关系"),
    ("c3.1-practice-spot-errors", "moving", "right", "少了一类"),
    ("c3.1-practice-spot-errors", "care-guide", "right", "按这个方向"),
    ("c3.1-practice-spot-errors", "delivery-score", "right", "算几类"),
    ("c3.1-practice-spot-errors", "delivery-score", "wrong-direction", "选了几类"),
    ("c2.4-practice-characteristics", "returns-analysis", "valuable", "几乎不增加成本"),
    ("c2.2-practice-components", "wind-candles", "experience", "专业判断"),
])
def test_reported_notes_no_longer_give_the_key_away(exercise_id, item, choice, gives_away):
    spec = ckm_course.exercise(exercise_id).bank
    note = dict(next(i for i in spec.items if i.id == item).feedback)[choice]
    assert gives_away not in note.zh


def test_quiz_c4_ckm_km_explains_every_wrong_choice():
    ex = ckm_course.exercise("quiz-c4-ckm-km")
    assert len(ex.hints) >= 3 and all(c.feedback for c in ex.bank.choices)
    for item in ex.bank.items:
        assert {c for c, _ in item.feedback} == {c.id for c in ex.bank.choices} - set(item.answer), item.id


def test_hints_use_the_deck_s_terms_and_the_course_note():
    principles = ckm_course.exercise("c6.2-practice-principles").hints
    assert not any("行为准则" in h.zh for h in principles) and any("行为规范" in h.zh for h in principles)
    reasons = ckm_course.exercise("c1.1-practice-which-reason").hints
    assert not any("复制" in h.zh or "copy" in h.en for h in reasons)  # C1.1's course note: not the deck's reason


def test_the_touchpoint_items_pin_no_invented_fact_on_a_real_firm():
    labels = " ".join(i.label.zh + i.label.en for i in ckm_course.exercise("c3.1-practice-touchpoints").bank.items)
    for name in ("小米", "海尔", "京东", "美团", "美的", "盒马", "滴滴", "联想", "Xiaomi", "Haier", "JD.com", "Lenovo"):
        assert name not in labels, name


@pytest.mark.parametrize("exercise_id", BANKED)
def test_no_wrong_choice_note_names_the_key(exercise_id):
    spec = ckm_course.exercise(exercise_id).bank
    choices = {c.id: c for c in spec.choices}
    for item in spec.items:
        for key in item.answer:
            names = [choices[key].label.zh] + [a for a in choices[key].aliases if len(han(a)) >= 3]
            for wrong, note in item.feedback:
                assert not [n for n in names if n in note.zh], (item.id, wrong, key)
