"""Issue 24 (Variants), content review: a bank exercise's title, prompt and hints fit EVERY set drawn from it.

A student may draw any question of a question bank, or any ``show`` items of distinct steps of an
ordering bank, so the texts that stay the same for every set (title, hints) may not name the case of one
question, nor lean on steps a set may not hold; and a practice exercise's questions may need only the
chapters that come before its notebook.
"""

from __future__ import annotations

import pytest

import ckm_course

# Words naming the case of ONE question of the bank (the own one): a title that uses one must find it in
# every question's prompt.
CASE_WORDS = {
    "quiz-c5-sharing": ["保险", "代理人", "insurer", "agents"],
    "c9.1-practice-delivery-lifecycle": ["外卖", "delivery"],
    "c9.1-practice-implementation-plan": ["药店", "pharmacy"],
    "quiz-c1-clv": ["年卡", "annual-card"],
    "c2.4-practice-justify": ["外传", "to ourselves"],
    "quiz-c7-learning-unit": ["物流", "logistics"],
    "quiz-c8-first-priority": ["酒店", "hotel"],
}


@pytest.mark.parametrize("exercise_id", sorted(CASE_WORDS))
def test_the_title_fits_every_question_of_the_bank(exercise_id):
    spec = ckm_course.exercise(exercise_id).bank
    assert len(spec.questions) >= 3
    title = spec.title.zh + " " + spec.title.en
    for word in CASE_WORDS[exercise_id]:
        if word in title:
            lacking = [q.id for q in spec.questions if word not in q.prompt.zh + " " + q.prompt.en]
            assert not lacking, f"the title names {word!r}, which questions {lacking} are not about"


# The deck's lists (000 slides 19-20 and 23; C4.4, C6.1), as the hints may word them.
ROADMAP = [("战略", "方向"), ("团队", "组人"), ("审计", "摸底", "家底"), ("技术",), ("系统",),
           ("获取",), ("保存",), ("转移",), ("共享",), ("合作开发",), ("应用",)]
ROADMAP_EN = [("strategy", "direction"), ("team",), ("stock", "audit"), ("technology",), ("system",),
              ("acquir",), ("stor",), ("transfer",), ("shar",), ("co-develop",), ("apply", "applying")]
KM_PATH = [("战略",), ("审计", "家底"), ("系统",), ("领导",), ("获取",), ("创造",), ("组织",), ("共享",),
           ("协调",), ("应用",), ("控制",), ("测评",)]
ORDERING = {"quiz-c4-paths": KM_PATH, "c6.1-practice-pharmacy-order": ROADMAP, "quiz-c6-roadmap-order": ROADMAP}


def in_order(text: str, steps: list[tuple[str, ...]]) -> bool:
    """Whether ``text`` names every step (one of its wordings) after the one before it."""
    at = 0
    for wordings in steps:
        found = [i for i in (text.find(w, at) for w in wordings) if i >= 0]
        if not found:
            return False
        at = min(found) + 1
    return True


def all_hints(exercise_id: str):
    ex = ckm_course.exercise(exercise_id)
    return [ex.bank.hint, *(h for h in ex.hints if h != ex.bank.hint)]  # the tiers open with the first hint


def test_in_order_helper():
    assert in_order("先战略，再组人、摸底", ROADMAP[:3]) and not in_order("先摸底，再定战略、组人", ROADMAP[:3])


@pytest.mark.parametrize("exercise_id", sorted(ORDERING))
def test_the_hints_give_the_deck_s_whole_order_of_steps(exercise_id):
    """A drawn set may hold any steps, so the hints together name every step of the deck's list in order
    (the first hint's phases and a later tier's steps may share the work)."""
    steps = ORDERING[exercise_id]
    used = {item.step for item in ckm_course.exercise(exercise_id).bank.items}
    assert used == set(range(1, len(steps) + 1))
    hints = all_hints(exercise_id)
    assert any(in_order(h.zh, steps) for h in hints) or in_order("".join(h.zh for h in hints), steps)
    if steps is ROADMAP:
        assert any(in_order(h.en.lower(), ROADMAP_EN[5:]) for h in hints), "the life-cycle steps in order (en)"
        assert any(in_order(h.zh, ROADMAP[5:]) for h in hints), "the life-cycle steps in order (zh)"


@pytest.mark.parametrize("exercise_id", sorted(ORDERING))
def test_no_hint_points_at_steps_a_set_may_lack(exercise_id):
    """"Find the strategy, the audit and the system first" helps only a set that holds them."""
    for hint in all_hints(exercise_id):
        for wording in ("先找", "这三步", "这几步", "Find the", "these three", "these steps"):
            assert wording not in hint.zh + hint.en, (wording, hint.zh)


# The two C9.1 practice exercises sit in chapter 6's exercise notebook: a student there has not met chapter 9.
CHAPTER_6_PRACTICE = ["c9.1-practice-delivery-lifecycle", "c9.1-practice-implementation-plan"]
LATER_CHAPTERS = ["第 9 章", "第9章", "chapter 9", "Chapter 9", "CDNOW", "RFM", "青禾", "Qinghe", "B 节", "E 节", "section"]
REAL_FIRMS = ["美团", "饿了么", "京东", "阿里", "淘宝", "Meituan", "Ele.me", "JD.com", "Alibaba", "Taobao"]


def question_texts(exercise_id: str):
    for q in ckm_course.exercise(exercise_id).bank.questions:
        found = [q.prompt, q.hint, q.model_answer, *q.hints, *q.checklist]
        yield q.id, [t for t in found if t is not None]


@pytest.mark.parametrize("exercise_id", CHAPTER_6_PRACTICE)
def test_every_question_needs_nothing_from_chapter_9(exercise_id):
    for question, texts in question_texts(exercise_id):
        leaning = [w for t in texts for w in LATER_CHAPTERS if w in t.zh or w in t.en]
        assert not leaning, (question, leaning)


@pytest.mark.parametrize("exercise_id", CHAPTER_6_PRACTICE)
def test_no_question_names_a_real_firm(exercise_id):
    for question, texts in question_texts(exercise_id):
        named = [w for t in texts for w in REAL_FIRMS if w in t.zh or w in t.en]
        assert not named, (question, named)
