"""Checks across records, files and students, after every record is re-scored (issue 21 item 6).

:func:`review` is the gradebook's one call here. It flags ``tampered`` (a reason in the notes):

* a later record that claims an earlier one's journal (its history holds the earlier record's
  attempt and time, so the grader reads both as one journal) but tells another story there:
  another answer or time for an attempt both hold;
* a record that says ``mode: practice`` in an assessment notebook (the student turned practice
  mode on to see feedback and the key);
* a record that says it was not revealed while the saved view beside it (the record's HTML, what
  JupyterLab shows without a kernel) says the answer was shown;

and ``possible_copy`` through :func:`ckm_course.grading.copies.flag_copies`. The record-level
reasons (key hash, reveal, history) are in :mod:`ckm_course.grading.evidence`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ckm_course.exercises.reader import Submission
from ckm_course.grading.book import Student
from ckm_course.grading.copies import flag_copies
from ckm_course.exercises.record import checks_of, parse_time
from ckm_course.grading.evidence import answer_text
from ckm_course.grading.rescore import Outcome, tamper


def _where(file: str, cell: Any) -> str:
    return f"{Path(file).name}, cell {cell}"


def _by_attempt(record: dict[str, Any]) -> dict[Any, tuple[Any, str]]:
    """``{attempt: (time, answer text)}`` of the record's history checks."""
    return {_token(h.get("attempt")): (parse_time(h.get("checked_at")), answer_text(h.get("answer")))
            for h in checks_of(record)}


def _token(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)[:60]


def claimed_journal(entries: list[tuple[Any, str, Any, dict[str, Any]]]) -> list[str]:
    """Reasons when the latest of ``entries`` claims an earlier record's journal but its history differs there."""
    ordered = sorted(entries, key=lambda entry: entry[0])
    latest = ordered[-1][3]
    logged = _by_attempt(latest)
    reasons = []
    for _, file, cell, earlier in ordered[:-1]:
        if earlier is latest or not isinstance(earlier, dict):
            continue
        mark = (_token(earlier.get("attempt")), parse_time(earlier.get("checked_at")))
        if mark[1] is None or logged.get(mark[0], (None, ""))[0] != mark[1]:
            continue  # not claimed: the grader sees two records (flagged duplicate), or one identical record
        own = {**_by_attempt(earlier), mark[0]: (mark[1], answer_text(earlier.get("answer")))}
        differ = sorted((str(a) for a, seen in own.items() if a in logged and logged[a] != seen))
        if differ:
            reasons.append(f"continues the journal of the record in {_where(file, cell)}, but its history differs "
                           f"there (attempt {', '.join(differ[:3])})")
    return reasons


def review(students: dict[str, Student], found: dict[str, dict[str, list]], submissions: list[Submission],
           histories: dict[str, dict[bytes, str]] | None = None) -> None:
    """Flag what only shows across records, files and students (see the module docstring).

    ``found``: the grader's ``{student key: {exercise id: [(rank, file, cell, record), ...]}}``;
    ``submissions``: every submission read (their assessment mode and saved views); ``histories``:
    the students' check digests (:func:`ckm_course.grading.copies.histories`), when already worked out.
    """
    assessed = {s.file for s in submissions if s.assessment}
    shown = {(s.file, cell, exercise) for s in submissions for cell, exercise in s.shown}
    for key, per_exercise in found.items():
        student = students[key]
        for exercise_id, entries in per_exercise.items():
            outcome = student.outcomes.get(exercise_id)
            if outcome is None:
                continue
            reasons = claimed_journal(entries) if len(entries) > 1 else []
            for _, file, cell, record in entries:
                if file in assessed and record.get("mode") == "practice":
                    reasons.append(f"a practice-mode record in an assessment notebook ({_where(file, cell)})")
            reasons.extend(_view_reasons(outcome, entries, shown))
            if reasons:
                tamper(outcome, reasons)
                student.flags.add("tampered")
    flag_copies(students, found, histories)


def _view_reasons(outcome: Outcome, entries: list, shown: set[tuple[str, Any, Any]]) -> list[str]:
    """A reason when the record that counts denies a reveal its saved view beside it shows."""
    _, file, cell, record = max(entries, key=lambda entry: entry[0])
    if record.get("revealed") is True or (file, cell, record.get("exercise")) not in shown:
        return []
    return [f"revealed is {record.get('revealed', 'removed')!r}, but the saved view of {_where(file, cell)} "
            "says the answer was shown"]
