"""``grade(...)``: every submission re-scored from its recorded answers, as pandas frames.

No student code runs: each notebook is read as JSON (``reader``), each record's answer is
checked again with today's key (``rescore``), students are matched to the roster
(``roster``), and the frames below are built. ``write(book, out)`` saves them (``outputs``).
"""

from __future__ import annotations

import datetime as _dt
import functools
from pathlib import Path
from types import ModuleType
from typing import Any

from ckm_course import parallel
from ckm_course.collector import collector_paused
from ckm_course.content.catalog import catalog as content
from ckm_course.content.model import ExerciseSpec
from ckm_course.exercises import identity, reader
from ckm_course.exercises import variant as variants
from ckm_course.exercises.mastery import PointMastery
from ckm_course.grading import assignment, copies, crosscheck, mastery_view, roster as roster_mod
from ckm_course.grading.book import Gradebook, Student
from ckm_course.grading.rescore import Outcome, parse_time, rescore
from ckm_course.grading.set_scores import set_scores
from ckm_course.hub.homes import expand

OPEN_POINTS = 5.0
MAX_UNKNOWN = 20  # distinct unknown exercise ids kept per student; more are one problem line (item 2)
WORKERS = 2  # reading and re-scoring are shared by two processes (issue 21 measure: 2 cores); parallel.py decides
PARALLEL_FROM = 400  # records to re-score before a second process pays off (forking and results: ~20 ms)
SCORE_CHUNK = 50  # students a process takes at a time when re-scoring on two cores


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


def _rank(record: dict[str, Any], order: int, times: dict[str, str] | None = None) -> tuple[str, int, int]:
    """Which of a student's records for one exercise counts: the latest check time (in UTC), then attempt,
    then the order read. ``times``: a memo of check-time texts to UTC (a class repeats its times)."""
    when = record.get("checked_at")
    utc = times.get(when) if times is not None and type(when) is str else None
    if utc is None:
        moment = parse_time(when)
        utc = moment.astimezone(_dt.timezone.utc).isoformat() if moment else ""
        if times is not None and type(when) is str:
            times[when] = utc
    attempt = record.get("attempt")
    return utc, attempt if isinstance(attempt, int) and not isinstance(attempt, bool) else -1, order


def _token(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)[:200]


def _journal_marks(latest: dict[str, Any]) -> set[tuple[Any, Any]]:
    """``(attempt, checked_at)`` of every history entry of ``latest``: built once, so each check is O(1) (issue 21 item 2)."""
    history = latest.get("history")
    return {(_token(entry.get("attempt")), _token(entry.get("checked_at")))
            for entry in (history if isinstance(history, list) else []) if isinstance(entry, dict)}


def _same_journal(earlier: dict[str, Any], latest: dict[str, Any], marks: set[tuple[Any, Any]] | None = None) -> bool:
    """True when ``earlier`` is an earlier state of the journal ``latest`` continues (not a second record)."""
    if earlier is latest or (earlier.get("attempt") == 0 and earlier.get("answer") is None):
        return True
    marks = _journal_marks(latest) if marks is None else marks
    if (_token(earlier.get("attempt")), _token(earlier.get("checked_at"))) in marks:
        return True
    return earlier == latest


def _choose(found: list[tuple[tuple[str, int, int], str, int, dict[str, Any]]]) -> tuple[Any, list[str]]:
    found.sort(key=lambda entry: entry[0])
    latest = found[-1]
    if len(found) == 1:  # one record, nothing to compare (the usual case: no journal marks to build)
        return latest, []
    marks = _journal_marks(latest[3])
    notes = []
    if any(not _same_journal(record, latest[3], marks) for _, _, _, record in found[:-1]):
        notes.append(f"{len(found)} records; the latest counts ({Path(latest[1]).name}, cell {latest[2]})")
    return latest, notes


def _on_hub(submission: reader.Submission, home: str) -> None:
    """On a hub the home folder's owner is the identity; a claim of someone else is flagged, never credited (item 4)."""
    owner = identity.from_home(submission.file, home)
    if owner is None:
        return
    claim = submission.identity
    claimed_id = (claim or {}).get("id")
    if claimed_id and not identity.same_id(claimed_id, owner["id"]):
        submission.flags.add("identity_mismatch")
        submission.claimed = claim
        submission.identity = owner
    else:
        submission.identity = {"name": (claim or {}).get("name"), "id": owner["id"]}
    submission.identity_source = "home"


def grade(submissions: Any, roster: str | Path | None = None, due: str | _dt.datetime | None = None,
          exercises: list[str] | None = None, open_points: float = OPEN_POINTS, salt: str | None = None) -> Gradebook:
    """Grade the notebooks in ``submissions`` (files or folders) without running them; see :class:`Gradebook`.

    ``submissions`` may hold glob patterns over home folders (``/home/*/ckm-course/exercises/03_*.ipynb``):
    a notebook found that way with no ``student(...)`` belongs to its home folder's owner (issue 15).
    ``roster``: CSV with id, name, optional email (students with no file are listed as missing).
    On a hub the home folder's owner is the identity; a notebook claiming someone else is flagged
    ``identity_mismatch`` and credited to its owner only (issue 21 item 4).
    ``due``: ISO time; later checks are flagged late. ``exercises``: the ids that make up the total
    (default: the assignment's exercises any submission answered, see ``assignment.py``; other
    records are flagged ``foreign`` and not counted, issue 21 item 3).
    ``salt``: the variant salt the kernels drew item sets with (default ``CKM_VARIANT_SALT``, issue 24).
    """
    with collector_paused():  # issue 21 measure: no collector passes over the class's records
        return _grade(submissions, roster, due, exercises, open_points, variants.salt() if salt is None else salt)


def _grade(submissions: Any, roster: str | Path | None, due: str | _dt.datetime | None,
           exercises: list[str] | None, open_points: float, salt: str = "") -> Gradebook:
    inputs = [submissions] if isinstance(submissions, (str, Path)) else list(submissions)
    moment = _due(due)
    specs = catalog()
    unknown = [e for e in exercises or [] if e.strip().casefold() not in specs]
    if unknown:
        raise ValueError(f"unknown exercise id(s): {', '.join(unknown)}")
    people = roster_mod.read_roster(roster) if roster is not None else None
    expanded = expand(inputs)
    texts: dict[str, str] = {}  # this run's shared texts (lighten), dropped with the run
    read, problems = reader.read_all(expanded.paths, keep=lambda submission: lighten(submission, texts), parts=WORKERS,
                                     before=_frames)  # pandas is imported while the other core starts reading
    problems[:0] = [*(reader.Problem(p, "error", "no file matches this pattern") for p in expanded.unmatched),
                    *(reader.Problem(p, "error", "cannot read this home folder (permission denied); grade as a user "
                                                 "who may read every student's home") for p in expanded.unreadable),
                    *(reader.Problem(p, "error", why) for p, why in expanded.refused)]
    for submission in read:
        if (home := expanded.home_of(submission.file)) is not None:
            _on_hub(submission, home)
    students: dict[str, Student] = {}
    for person in people or []:
        students[person.id] = Student(person.id, person.id, person.name, person.email, submitted=False)
    found: dict[str, dict[str, list]] = {}
    claims: dict[str, tuple[str | None, ...]] = {}
    times: dict[str, str] = {}
    for order, submission in enumerate(read):
        key, ident, name, flags = roster_mod.match(submission.identity, submission.file, people)
        student = students.setdefault(key, Student(key, ident, name))
        if student.files:
            student.flags.add("several_files")
        student.submitted = True
        student.files.append(submission.file)
        student.flags.update(flags)
        student.flags.update(submission.flags)
        claims[key] = _who(student, submission.identity, claims.get(key, ()))
        if submission.claimed:
            problems.append(reader.Problem(submission.file, "warning", _claim_line(submission.claimed, ident)))
        per_exercise = found.setdefault(key, {})
        dropped: set[str] = set()
        for position, (cell, record) in enumerate(submission.records):
            spec = specs.get(str(record.get("exercise")).strip().casefold())
            ident_key = spec.id if spec else str(record.get("exercise"))[:120]
            if spec is None and ident_key not in per_exercise and \
                    sum(1 for e in per_exercise if e.casefold() not in specs) >= MAX_UNKNOWN:
                dropped.add(ident_key)  # issue 21 item 2: summarised below, not 10,000 outcome rows
                continue
            rank = _rank(record, order * 100_000 + position, times)
            per_exercise.setdefault(ident_key, []).append((rank, submission.file, cell, record))
        if dropped:
            problems.append(reader.Problem(submission.file, "warning", (
                f"{len(dropped):,} more exercise ids the course does not have (first {MAX_UNKNOWN} listed in "
                f"outcomes); not scored")))
    counted = _counted(students, found, specs, exercises, people)
    histories, states = _score(students, found, specs, moment, claims, salt, counted)
    crosscheck.review(students, found, read, histories)  # tampered across records, possible_copy (issue 21 item 6)
    mastery_view.collect(students, found, counted, states)  # issue 24: point states from the records that are graded
    del read, found, texts  # the raw records are done with: their memory serves the tables (issue 21 measure)
    for student in students.values():
        if not student.submitted:
            student.flags.add("missing")
        for exercise_id, outcome in student.outcomes.items():
            if outcome.kind and exercise_id not in counted:
                outcome.flags.append("foreign")
                outcome.notes.append("not an exercise of this assignment: not counted")
            student.flags.update(outcome.flags)
    wanted = [s.id for s in specs.values() if s.id in counted]
    auto = tuple(e for e in wanted if specs[e.casefold()].kind != "open")
    manual = tuple(e for e in wanted if specs[e.casefold()].kind == "open")
    ordered = sorted(students.values(), key=lambda s: (not s.id, s.id, s.name, s.key))
    problems.sort(key=lambda p: (p.severity != "error", p.file, p.reason))
    return _frames().build(ordered, problems, auto, manual, specs, moment, open_points)


def _frames() -> ModuleType:
    """The tables module. Imported here, not at the top, for a measured reason: it brings pandas (0.25 s),
    which :func:`_grade` imports in this process while a forked copy already reads (issue 21 measure)."""
    import ckm_course.grading.frames as frames

    return frames


def lighten(submission: reader.Submission, texts: dict[str, str] | None = None) -> None:
    """Drop what grading never reads from each record as soon as its file is read (issue 21 measure).

    A record's stored ``verdicts`` (per-item marks of its last check: 40 % of a class's records in
    memory) are re-made by the re-score and read by nothing else. The one place whole records are
    compared, :func:`_same_journal`, then takes two records that differ only there for one journal:
    the same answer, attempt and time, so which of them counts changes no score.

    ``texts`` (one dict per grading run): equal short texts of the answers, statuses and check times
    become one object. A class repeats a few thousand distinct choice ids, statuses and times hundreds
    of thousands of times (17 of a student's 39 KB of records); equal str objects are interchangeable.
    """
    for _, record in submission.records:
        record.pop("verdicts", None)
        if texts is None:
            continue
        _share_texts(record.get("answer"), texts)
        history = record.get("history")
        for entry in history if type(history) is list else ():
            if type(entry) is dict:
                _share_texts(entry.get("answer"), texts)
                for name in ("checked_at", "status"):
                    if type(entry.get(name)) is str:
                        entry[name] = texts.setdefault(entry[name], entry[name])


def _share_texts(answer: Any, texts: dict[str, str]) -> None:
    """Make the short texts of ``answer`` (``{item: [choice, ...]}`` or ``{item: choice}``) the ones in ``texts``."""
    if type(answer) is not dict:
        return
    for key, value in answer.items():
        if type(value) is list:
            for index, part in enumerate(value):
                if type(part) is str and len(part) <= 64:
                    value[index] = texts.setdefault(part, part)
        elif type(value) is str and len(value) <= 64:
            answer[key] = texts.setdefault(value, value)


def _claim_line(claimed: dict[str, Any], owner: str) -> str:
    who = " ".join(str(v)[:60] for v in (claimed.get("name"), claimed.get("id")) if v)
    return f"identity_mismatch: the notebook claims {who!r}, the home folder belongs to {owner!r}; credited to {owner!r} only"


def _who(student: Student, claim: dict[str, Any] | None, known: tuple[str | None, ...]) -> tuple[str | None, ...]:
    """Whom a student's item sets may be drawn for (issue 24): the resolved id, and what a notebook gave
    (``student(...)``'s id, else its name, as the kernel draws); None when a notebook gave no identity."""
    given = (claim or {}).get("id") or (claim or {}).get("name") or None
    found = [*known, *([student.id] if student.id else []), given if claim else None]
    return tuple(dict.fromkeys(found))


def _score(students: dict[str, Student], found: dict[str, dict[str, list]], specs: dict[str, ExerciseSpec],
           moment: _dt.datetime | None, claims: dict[str, tuple[str | None, ...]] | None = None,
           salt: str = "", counted: set[str] | None = None) -> tuple[dict[str, dict[bytes, str]], dict[str, list[PointMastery]]]:
    """Re-score the record that counts for every student x exercise; return what copy detection and the
    mastery view need from the records (:func:`copies.histories`, :func:`mastery_view.states`).

    All three are per student: chunks of students are shared with a second core when there is one
    (issue 21 measure, :func:`ckm_course.parallel.share`), and the results are put together in the class's order.
    """
    jobs: dict[str, list] = {}  # each student's jobs; here: _choose sorts each student's entries
    for key, per_exercise in found.items():
        jobs[key] = [(key, exercise_id, *_choose(entries)) for exercise_id, entries in per_exercise.items()]
    keys = list(found)
    size = SCORE_CHUNK if sum(map(len, jobs.values())) >= PARALLEL_FROM else max(len(keys), 1)
    cache: dict[tuple[str, str], Any] = {}  # one per process: after a fork each has its own copy
    work = functools.partial(_work, students, found, jobs, specs, moment, claims or {}, salt, counted, cache)
    done: dict[tuple[str, str], Outcome] = {}
    histories: dict[str, dict[bytes, str]] = {}
    states: dict[str, list[PointMastery]] = {}
    for outcomes, part_histories, part_states in parallel.share(-(-len(keys) // size),
                                                                lambda n: work(keys[n * size:(n + 1) * size])):
        done.update(outcomes)
        histories.update(part_histories)
        states.update(part_states)
    for key in keys:  # each student's outcomes in their records' order
        for _, exercise_id, _, _ in jobs[key]:
            students[key].outcomes[exercise_id] = done[key, exercise_id]
    return {k: histories[k] for k in keys if k in histories}, {k: states[k] for k in keys if k in states}


def _work(students: dict[str, Student], found: dict[str, dict[str, list]], jobs: dict[str, list],
          specs: dict[str, ExerciseSpec], moment: _dt.datetime | None, claims: dict[str, tuple[str | None, ...]],
          salt: str, counted: set[str] | None, cache: dict[tuple[str, str], Any],
          part: list[str]) -> tuple[dict[tuple[str, str], Outcome], dict[str, dict[bytes, str]], dict[str, list[PointMastery]]]:
    """:func:`_score`'s work for the students in ``part``; changes nothing it is given but ``cache`` (the
    re-score memo, :func:`rescore`), so it may run in a copy."""
    mine = [job for key in part for job in jobs[key]]
    outcomes: dict[tuple[str, str], Outcome] = {}
    # one exercise and one item set after another: each set's checker tables are built once (issue 24 bench)
    for key, exercise_id, (_, file, cell, record), notes in sorted(mine, key=lambda j: (j[1], _set_of(j[2][3]))):
        who = claims.get(key) or (students[key].id or None,)
        outcome = outcomes[key, exercise_id] = rescore(record, specs, moment, cache, who, salt)
        outcome.file, outcome.cell = file, cell
        spec = specs.get(outcome.exercise.casefold())
        if spec is not None and variants.has_bank(spec):  # issue 24, "both scores": each set the history holds
            outcome.sets = tuple(set_scores(record, spec, who, salt, cache))
        if notes:
            outcome.flags = [*outcome.flags, "duplicate"]
            outcome.notes = [*outcome.notes, *notes]
    theirs = {key: found[key] for key in part}
    return outcomes, copies.histories(theirs), mastery_view.states(theirs, counted)


def _set_of(record: dict[str, Any]) -> str:
    """The item set a record names, as text to sort by (empty for none)."""
    shown = record.get("variant")
    return repr(shown.get("items"))[:2000] if isinstance(shown, dict) else ""


def _counted(students: dict[str, Student], found: dict[str, dict[str, list]], specs: dict[str, ExerciseSpec],
             exercises: list[str] | None, people: list | None) -> set[str]:
    """The exercise ids in the total: ``exercises`` when given, else the assignment's (``assignment.py``, item 3).

    One vote per student, for the course's exercises among their records (known before re-scoring);
    with a roster, only students on it vote (an invented identity casts none).
    """
    if exercises is not None:
        named = {e.strip().casefold() for e in exercises}
        return {s.id for s in specs.values() if s.id.casefold() in named}
    ids = {spec.id for spec in specs.values()}  # found's key for a known exercise; an unknown one keeps its text
    voters = {key: [e for e in found.get(key, {}) if e in ids] for key, s in students.items()
              if s.submitted and not (people is not None and "unknown_student" in s.flags)}
    return assignment.assignment(voters, specs)
