"""Copy detection: students whose answer histories are identical, answers and times (issue 21 item 6).

Every check a kernel records carries its exercise, attempt number, time (to the second) and
answer. A notebook copied from a classmate carries the classmate's checks unchanged; two students
who worked apart never have the same checks at the same seconds. So students whose whole set of
timed checks (over every record they handed in) is the same, with at least :data:`MIN_CHECKS`
checks, are all flagged ``possible_copy``, on the student and on each exercise, naming the others.

Only whole histories are compared: on a generated class of 2,000 (``samples.class_files``, whose
times are whole minutes) counting shared checks instead flagged 145 honest students, pairs who
answered two easy exercises right in the same minute. A copy is *possible*, not proven: the
instructor decides. One check alone is not enough (two students may press Check on the same right
answer in the same second). Linear: each check is a 12-byte digest, each history one fingerprint.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from ckm_course.grading.book import Student
from ckm_course.exercises.record import checks_of, parse_time
from ckm_course.grading.evidence import answer_text

MIN_CHECKS = 2  # timed checks a history must hold to be compared
PER_RECORD = 64  # checks read from one record's history (a kernel keeps 20)
NAMED = 3  # other students named in one note


def _digest(exercise: str, attempt: Any, moment: str, answer: Any) -> bytes:
    text = "\0".join((exercise, repr(attempt)[:40], moment, answer_text(answer)))
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).digest()


def checks(exercise: str, record: dict[str, Any], times: dict[Any, str | None] | None = None) -> Iterable[bytes]:
    """Digests of the timed checks ``record`` holds (its history, and the record itself).

    ``times``: a memo of check-time texts to their normal form, shared over a class (a class's checks
    fall on far fewer distinct times than there are checks; issue 21 measure)."""
    times = {} if times is None else times
    for entry in [*checks_of(record)[-PER_RECORD:], record]:
        when = entry.get("checked_at")
        try:
            moment = times[when]
        except KeyError:
            parsed = parse_time(when)
            moment = times[when] = parsed.isoformat() if parsed is not None else None
        except TypeError:  # an unhashable checked_at (a forged list) is no time
            moment = None
        if moment is not None and ("answer" in entry):
            yield _digest(exercise, entry.get("attempt"), moment, entry.get("answer"))


def histories(found: dict[str, dict[str, list]]) -> dict[str, dict[bytes, str]]:
    """``{student key: {check digest: exercise id}}`` of the students with at least :data:`MIN_CHECKS` checks.

    ``found``: the grader's ``{student key: {exercise id: [(rank, file, cell, record), ...]}}`` (or a
    part of it: the gradebook works this out for half of a class on each core, issue 21 measure).
    """
    found_histories: dict[str, dict[bytes, str]] = {}
    times: dict[Any, str | None] = {}
    for key, per_exercise in found.items():
        checked: dict[bytes, str] = {}
        for exercise_id, entries in per_exercise.items():
            for entry in entries:
                checked.update((digest, exercise_id) for digest in checks(exercise_id, entry[3], times))
        if len(checked) >= MIN_CHECKS:
            found_histories[key] = checked
    return found_histories


def flag_copies(students: dict[str, Student], found: dict[str, dict[str, list]],
                known: dict[str, dict[bytes, str]] | None = None) -> None:
    """Flag ``possible_copy`` on every student whose whole answer history another student has too.

    ``found``: the grader's ``{student key: {exercise id: [(rank, file, cell, record), ...]}}``;
    ``known``: their :func:`histories`, when already worked out.
    """
    histories_of = histories(found) if known is None else known
    groups: dict[bytes, list[str]] = defaultdict(list)
    for key, checked in histories_of.items():
        groups[hashlib.blake2b(b"".join(sorted(checked)), digest_size=16).digest()].append(key)
    for members in groups.values():
        if len(members) < 2:
            continue
        for key in members:
            student = students[key]
            student.flags.add("possible_copy")
            others = sorted(students[o].id or students[o].key for o in members if o != key)
            shown = ", ".join(others[:NAMED]) + (f" and {len(others) - NAMED:,} more" if len(others) > NAMED else "")
            for exercise_id, count in sorted(Counter(histories_of[key].values()).items()):
                outcome = student.outcomes.get(exercise_id)
                if outcome is None:
                    continue
                if "possible_copy" not in outcome.flags:
                    outcome.flags.append("possible_copy")
                outcome.notes.append(f"possible_copy: the same answer history ({count} check(s) here, answers and "
                                     f"times) as {shown}")
