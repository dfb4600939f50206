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
