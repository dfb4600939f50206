"""Checker throughput per exercise kind, as a ratio to a plain key comparison in the same run.

For each kind: checks per second of ``exercise.check(solution)`` and of a wrong answer,
and the time per check over the time of ``answer == key`` on the same answer (the floor:
what grading would cost with no forgiving input and no feedback).
"""

from __future__ import annotations

import time

import ckm_course
from ckm_course.checks import check

BUDGET = 0.3  # seconds per measurement


def _rate(function) -> float:
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < BUDGET:
        function()
        count += 1
    return count / elapsed


def main() -> dict[str, float]:
    ckm_course.set_language("en")
    per_kind: dict[str, str] = {}  # the first exercise of each kind, in course order
    for spec in ckm_course.course().exercises:
        per_kind.setdefault(spec.kind, spec.id)
    results: dict[str, float] = {}
    print(f"{'kind':16} {'checks/s':>10} {'wrong/s':>10} {'per check / floor':>18}")
    for kind, exercise_id in per_kind.items():
        ex = ckm_course.exercise(exercise_id)
        solution = ex.key()  # key(), not solution(): a benchmark is not a student revealing the answer
        wrong = "nonsense" if kind in ("value", "multiple_choice") else ex.template()
        key = ex.key()
        right = _rate(lambda: check(ex.spec, solution))  # the checker alone; Exercise.check adds the record
        wrong_rate = _rate(lambda: check(ex.spec, wrong))
        floor = _rate(lambda: solution == key)
        results[kind] = right
        print(f"{kind:16} {right:10.0f} {wrong_rate:10.0f} {floor / right:18.0f}x")
    return results


if __name__ == "__main__":
    main()
