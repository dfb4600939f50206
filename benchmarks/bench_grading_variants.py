"""Grading 2,000 submissions whose bank exercises are each student's own set, vs the same class on one set (issue 24).

The class: 2,000 synthetic honest submissions (``ckm_course.grading.samples``, seed 7, no
oddities) of the sample assignment's 7 exercises plus :data:`BANKS`, four practice exercises
with item banks. Two versions of the same class, same students, same abilities:

* *with variants*: every student answers the set drawn for their id (``variant.variant_for``), so
  each record is re-scored against its own restricted spec and its seed is checked;
* *without*: every student answers the default set (the exercise's own items, as before
  identifying), so the re-score cache serves most answers, as in a class before banks.

Figure: the whole command (``python -m ckm_course.cli grade FILES --out OUT``, report included,
the same runner as ``bench_grading_class``), best of 3 each, run in turn, and the ratio with / without.
Goal from the issue: <= 1.2x. Picked up by ``run_all.py`` (every ``bench_*.py`` with a ``main()``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench_grading import _class as make_class
from bench_grading_class import _run

COUNT = 2_000
ROUNDS = 3
GOAL_RATIO = 1.2
BANKS = ("c1.1-practice-which-reason", "c3.1-practice-touchpoints", "c3.4-practice-explicit-tacit",
         "c6.1-practice-which-step")


def _class(folder: Path, own_sets: bool, count: int = COUNT) -> list[Path]:
    from ckm_course.grading import samples

    return make_class(folder, count, samples.EXERCISES, banked=BANKS, own_sets=own_sets)


def main() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        plain = _class(root / "one-set", own_sets=False)
        varied = _class(root / "own-sets", own_sets=True)
        without = with_variants = float("inf")
        for n in range(ROUNDS):  # interleaved, so a load spike on a shared machine hits both sides
            without = min(without, _run(plain, root / f"plain{n}"))
            with_variants = min(with_variants, _run(varied, root / f"varied{n}"))
    ratio = with_variants / without
    print(f"grading {COUNT} submissions, {len(BANKS)} bank exercises among 11, whole command with report.html")
    print(f"  without variants (one set): {without:.2f} s; with each student's own set: {with_variants:.2f} s")
    print(f"  ratio {ratio:.2f}x (goal <= {GOAL_RATIO:g}x)")
    return {"without_seconds": without, "with_seconds": with_variants, "ratio": ratio, "goal_ratio": GOAL_RATIO}


if __name__ == "__main__":
    main()
