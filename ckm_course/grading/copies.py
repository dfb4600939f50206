"""Copy detection: students whose records hold the same answers at the same times (issue 21 item 6).

Every check a kernel records carries its exercise, attempt number, time (to the second) and
answer. Two students who really worked apart do not check the same answer to the same exercise
at the same second twice; a notebook copied from a classmate carries the classmate's checks
unchanged. So two students who share at least :data:`MIN_SHARED` such checks are both flagged
``possible_copy``, on the student and on each exercise concerned, naming the other student.

One shared check alone is left alone: in a lab, two students may well press Check on the same
right answer in the same second. A copy is *possible*, not proven: the instructor decides.

The work is linear in the number of checks: each check is reduced to a 12-byte digest, students
sharing a digest are paired, and a digest held by more than :data:`BIG_GROUP` students (a whole
class handing in one notebook) is counted once per group instead of once per pair.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from ckm_course.grading.book import Student
from ckm_course.grading.evidence import answer_text, checks_of, parse_time

MIN_SHARED = 2  # identical checks two students must share to be flagged
BIG_GROUP = 25  # students holding one check beyond which they are counted as a group, not pair by pair
PER_RECORD = 64  # checks read from one record's history (a kernel keeps 20)
NAMED = 3  # other students named in one note


def _digest(exercise: str, attempt: Any, moment: str, answer: Any) -> bytes:
    text = "\0".join((exercise, repr(attempt)[:40], moment, answer_text(answer)))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).digest()


def checks(exercise: str, record: dict[str, Any]) -> Iterable[bytes]:
    """Digests of the timed checks ``record`` holds (its history, and the record itself)."""
    for entry in [*checks_of(record)[-PER_RECORD:], record]:
        moment = parse_time(entry.get("checked_at"))
        if moment is not None and ("answer" in entry):
            yield _digest(exercise, entry.get("attempt"), moment.isoformat(), entry.get("answer"))


def _partners(holders: dict[bytes, set[str]]) -> tuple[dict[str, set[str]], dict[str, int]]:
    """``({student: students sharing MIN_SHARED checks with them}, {student: how many such students})``.

    A check held by more than :data:`BIG_GROUP` students counts once for the whole group, whose
    members are then named by the first few only (the count says how many there are).
    """
    pairs: Counter[tuple[str, str]] = Counter()
    groups: Counter[tuple[str, ...]] = Counter()
    for keys in holders.values():
        if len(keys) < 2:
            continue
        ordered = tuple(sorted(keys))
        if len(ordered) > BIG_GROUP:
            groups[ordered] += 1
            continue
        for n, first in enumerate(ordered):
            for second in ordered[n + 1:]:
                pairs[(first, second)] += 1
    partners: dict[str, set[str]] = defaultdict(set)
    sizes: Counter[str] = Counter()
    for (first, second), count in pairs.items():
        if count >= MIN_SHARED:
            partners[first].add(second)
            partners[second].add(first)
    for group, count in groups.items():
        if count >= MIN_SHARED:
            for member in group:
                partners[member].update(m for m in group[:NAMED + 1] if m != member)
                sizes[member] = max(sizes[member], len(group) - 1)
    return dict(partners), {key: max(sizes[key], len(others)) for key, others in partners.items()}


def flag_copies(students: dict[str, Student], found: dict[str, dict[str, list]]) -> None:
    """Flag ``possible_copy`` on every pair of students sharing :data:`MIN_SHARED` timed checks.

    ``found``: the grader's ``{student key: {exercise id: [(rank, file, cell, record), ...]}}``.
    The flag goes on the student and on each of their exercises holding a shared check.
    """
    holders: dict[bytes, set[str]] = defaultdict(set)
    where: dict[str, dict[bytes, str]] = defaultdict(dict)
    for key, per_exercise in found.items():
        for exercise_id, entries in per_exercise.items():
            for entry in entries:
                for digest in checks(exercise_id, entry[3]):
                    holders[digest].add(key)
                    where[key][digest] = exercise_id
    partners, sizes = _partners(holders)
    for key, others in partners.items():
        student = students[key]
        student.flags.add("possible_copy")
        names = sorted(students[o].id or students[o].key for o in others)[:NAMED]
        more = sizes[key] - len(names)
        shown = ", ".join(names) + (f" and {more:,} more" if more > 0 else "")
        exercises: Counter[str] = Counter(exercise for digest, exercise in where[key].items()
                                          if not others.isdisjoint(holders[digest]))
        for exercise_id, count in sorted(exercises.items()):
            outcome = student.outcomes.get(exercise_id)
            if outcome is None:
                continue
            if "possible_copy" not in outcome.flags:
                outcome.flags.append("possible_copy")
            outcome.notes.append(f"possible_copy: {count} check(s) with the same answer at the same time as {shown}")
