"""Which exercises make up the assignment when ``--exercises`` is omitted (issue 21 item 3).

Every exercise belongs to one student notebook of the course: a chapter's exercises to that
chapter's notebook (chapter 9's open questions share chapter 6's), ``quiz-*`` to the final
quiz, ``capstone-*`` to the case study, the case exercise to chapter 3. The rule:

1. each submission *votes once* for the notebook that holds most of its records (a tie goes to
   the notebook earlier in the course);
2. the assignment is the notebook with the most votes (a tie: earlier in the course);
3. its exercises that any student answered make up the total, and so does any other exercise
   that *more than half* of the voting students answered (an assignment mixing chapters, like
   the sample class); every other record is ``foreign``: shown in outcomes.csv, never counted.

Votes are per student, not per file or record: one student pasting 500 capstone records still
casts one vote and answers each pasted exercise once, so no single student (nor any minority of
the class) can change anyone's maximum or percent. With a roster only students on it vote.
Naming the exercises with ``--exercises`` overrides the rule.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any, Iterable

from ckm_course.content.catalog import catalog as content

QUIZ = "final quiz"
CAPSTONE = "capstone"


def notebook_of(exercise_id: str) -> str:
    """The student notebook an exercise id belongs to (a chapter's notebook file, the final quiz or the capstone)."""
    lowered = exercise_id.casefold()
    if lowered.startswith("quiz-"):
        return QUIZ
    if lowered.startswith("capstone"):
        return CAPSTONE
    found = re.match(r"c(\d+)[.]", lowered)
    if not found:
        return lowered
    chapters = {chapter.id.casefold(): chapter.notebook for chapter in content().course.chapters}
    return chapters.get(f"c{int(found.group(1))}", f"c{found.group(1)}")


def _order() -> dict[str, int]:
    """Course order of the notebooks (the place of their first exercise)."""
    specs = [*content().course.exercises, content().case_exercise]
    order: dict[str, int] = {}
    for place, spec in enumerate(specs):
        order.setdefault(notebook_of(spec.id), place)
    return order


def vote(submissions: Iterable[Iterable[str]]) -> str | None:
    """The assignment's notebook: one vote per submission (the ids of its known records), plurality wins."""
    order = _order()
    rank = lambda name: order.get(name, len(order))  # noqa: E731
    ballots: Counter[str] = Counter()
    notebook = functools.cache(notebook_of)  # this vote's: a class answers a few ids thousands of times (issue 21)
    for ids in submissions:
        held = Counter(map(notebook, ids))
        if held:
            top = max(held.values())
            ballots[min((n for n, c in held.items() if c == top), key=rank)] += 1
    if not ballots:
        return None
    top = max(ballots.values())
    return min((n for n, c in ballots.items() if c == top), key=rank)


def assignment(answered: dict[str, list[str]], specs: dict[str, Any]) -> set[str]:
    """The exercise ids counted (see the module's rule); ``answered``: student key -> the known ids answered."""
    chosen = vote(answered.values())
    share = Counter(e for ids in answered.values() for e in set(ids))
    return {e for e, n in share.items() if e.casefold() in specs
            and (notebook_of(e) == chosen or 2 * n > len(answered))}
