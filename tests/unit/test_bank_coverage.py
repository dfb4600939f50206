"""Issue 24's measure: every practice exercise in exercises/01-09 and every exercise of the final quiz draws its
items (or its question) from a bank at least 3x the number shown. The capstone is the one exception: a
whole-project assignment on the one shared case company, marked by hand and by its plan forms, that the class
discusses together (see the banks-data note)."""

from __future__ import annotations

import re
from pathlib import Path

from ckm_course.content.catalog import catalog
from ckm_course.exercises import variant

EXERCISES = Path(__file__).resolve().parents[2] / "exercises"
SHARED_CASE = {"capstone-audit", "capstone-audit-conclusion", "capstone-ratings", "capstone-plan"}


def used(pattern: str) -> set[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(EXERCISES.glob(pattern)))
    return set(re.findall(r'exercise\(\\"([^\\"]+)\\"\)', text))


def test_every_practice_and_final_quiz_exercise_draws_from_a_bank_three_times_what_it_shows():
    practice, quiz = used("0[1-9]_*.ipynb"), used("10_*.ipynb")
    assert len(practice) > 40 and quiz and SHARED_CASE <= practice
    course = catalog().course
    unbanked, small = [], []
    for exercise_id in sorted((practice | quiz) - SHARED_CASE):
        spec = course.exercise(exercise_id)
        if not variant.has_bank(spec):
            unbanked.append(exercise_id)
        elif len(variant.pool(spec)) < 3 * (1 if spec.questions else spec.show or 1):
            small.append(exercise_id)
    assert not unbanked, f"no bank: {unbanked}"
    assert not small, f"a bank under 3x what it shows: {small}"


def test_the_shared_case_stays_one_case_for_the_whole_class():
    course = catalog().course
    assert not [i for i in SHARED_CASE if variant.has_bank(course.exercise(i))]
