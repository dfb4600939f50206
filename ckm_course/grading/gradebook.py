"""``grade(...)``: every submission re-scored from its recorded answers, as pandas frames.

No student code runs: each notebook is read as JSON (``reader``), each record's answer is
checked again with today's key (``rescore``), students are matched to the roster
(``roster``), and the frames below are built. ``write(book, out)`` saves them (``outputs``).
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

from ckm_course.content.catalog import catalog as content
from ckm_course.content.model import ExerciseSpec
from ckm_course.exercises import identity, reader
from ckm_course.grading import crosscheck, frames, roster as roster_mod
from ckm_course.grading.book import Gradebook, Student
from ckm_course.grading.rescore import parse_time, rescore
from ckm_course.hub.homes import expand

OPEN_POINTS = 5.0


def catalog() -> dict[str, ExerciseSpec]:
    """Every exercise the gradebook can score, by case-folded id, in course order (the case exercise last)."""
    specs = [*content().course.exercises, content().case_exercise]
    return {spec.id.casefold(): spec for spec in specs}


def _due(value: str | _dt.datetime | None) -> _dt.datetime | None:
    if value is None or isinstance(value, _dt.datetime):
        return value if value is None or value.tzinfo else value.replace(tzinfo=_dt.timezone.utc)
    moment = parse_time(str(value))
    if moment is None:
        raise ValueError(f"--due {value!r} is not an ISO time such as 2026-12-01T23:59+08:00")
    return moment


def _rank(record: dict[str, Any], order: int) -> tuple[str, int, int]:
    when = record.get("checked_at")
    moment = parse_time(when)
    attempt = record.get("attempt")
    return (moment.astimezone(_dt.timezone.utc).isoformat() if moment else "",
            attempt if isinstance(attempt, int) and not isinstance(attempt, bool) else -1, order)


def _same_journal(earlier: dict[str, Any], latest: dict[str, Any]) -> bool:
    """True when ``earlier`` is an earlier state of the journal ``latest`` continues (not a second record)."""
    if earlier == latest or (earlier.get("attempt") == 0 and earlier.get("answer") is None):
        return True
    history = latest.get("history")
    for entry in history if isinstance(history, list) else []:
        if isinstance(entry, dict) and entry.get("attempt") == earlier.get("attempt") \
                and entry.get("checked_at") == earlier.get("checked_at"):
            return True
    return False


def _choose(found: list[tuple[tuple[str, int, int], str, int, dict[str, Any]]]) -> tuple[Any, list[str]]:
    found.sort(key=lambda entry: entry[0])
    latest = found[-1]
    notes = []
    if any(not _same_journal(record, latest[3]) for _, _, _, record in found[:-1]):
        notes.append(f"{len(found)} records; the latest counts ({Path(latest[1]).name}, cell {latest[2]})")
    return latest, notes


def grade(submissions: Any, roster: str | Path | None = None, due: str | _dt.datetime | None = None,
          exercises: list[str] | None = None, open_points: float = OPEN_POINTS) -> Gradebook:
    """Grade the notebooks in ``submissions`` (files or folders) without running them; see :class:`Gradebook`.

    ``submissions`` may hold glob patterns over home folders (``/home/*/ckm-course/exercises/03_*.ipynb``):
    a notebook found that way with no ``student(...)`` belongs to its home folder's owner (issue 15).
    ``roster``: CSV with id, name, optional email (students with no file are listed as missing).
    ``due``: ISO time; later checks are flagged late. ``exercises``: the ids that make up the total
    (default: every known exercise any submission answered).
    """
    inputs = [submissions] if isinstance(submissions, (str, Path)) else list(submissions)
    moment = _due(due)
    specs = catalog()
    people = roster_mod.read_roster(roster) if roster is not None else None
    expanded = expand(inputs)
    read, problems = reader.read_all(expanded.paths)
    problems[:0] = [*(reader.Problem(p, "error", "no file matches this pattern") for p in expanded.unmatched),
                    *(reader.Problem(p, "error", "cannot read this home folder (permission denied); grade as a user "
                                                 "who may read every student's home") for p in expanded.unreadable)]
    for submission in read:
        if submission.identity is None and (home := expanded.home_of(submission.file)) is not None:
            submission.identity = identity.from_home(submission.file, home)
            submission.identity_source = "home" if submission.identity else submission.identity_source
    students: dict[str, Student] = {}
    for person in people or []:
        students[person.id] = Student(person.id, person.id, person.name, person.email, submitted=False)
    found: dict[str, dict[str, list]] = {}
    for order, submission in enumerate(read):
        key, ident, name, flags = roster_mod.match(submission.identity, submission.file, people)
        student = students.setdefault(key, Student(key, ident, name))
        if student.files:
            student.flags.add("several_files")
        student.submitted = True
        student.files.append(submission.file)
        student.flags.update(flags)
        per_exercise = found.setdefault(key, {})
        for position, (cell, record) in enumerate(submission.records):
            spec = specs.get(str(record.get("exercise")).strip().casefold())
            ident_key = spec.id if spec else str(record.get("exercise"))[:120]
            rank = _rank(record, order * 100_000 + position)
            per_exercise.setdefault(ident_key, []).append((rank, submission.file, cell, record))
    cache: dict[tuple[str, str], Any] = {}
    for key, per_exercise in found.items():
        student = students[key]
        for exercise_id, entries in per_exercise.items():
            (_, file, cell, record), notes = _choose(entries)
            outcome = rescore(record, specs, moment, cache)
            outcome.file, outcome.cell = file, cell
            if notes:
                outcome.flags.append("duplicate")
                outcome.notes.extend(notes)
            student.outcomes[exercise_id] = outcome
    crosscheck.review(students, found, read)  # tampered across records, possible_copy (issue 21 item 6)
    for student in students.values():
        if not student.submitted:
            student.flags.add("missing")
        for outcome in student.outcomes.values():
            student.flags.update(outcome.flags)
    answered = {ex for s in students.values() for ex, o in s.outcomes.items() if o.kind}
    wanted = [s.id for s in specs.values() if (exercises is None and s.id in answered)
              or (exercises is not None and s.id.casefold() in {e.casefold() for e in exercises})]
    unknown = [e for e in exercises or [] if e.strip().casefold() not in specs]
    if unknown:
        raise ValueError(f"unknown exercise id(s): {', '.join(unknown)}")
    auto = tuple(e for e in wanted if specs[e.casefold()].kind != "open")
    manual = tuple(e for e in wanted if specs[e.casefold()].kind == "open")
    ordered = sorted(students.values(), key=lambda s: (not s.id, s.id, s.name, s.key))
    return frames.build(ordered, problems, auto, manual, specs, moment, open_points)
