"""Reading saved notebooks back for instructors: ``ckm_course.read_answers`` and ``ckm-course collect``.

Plain JSON through the one reader of records (``reader.py``, also the gradebook's), no kernel.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ckm_course.exercises.reader import ReadError, read_all, read_submission
from ckm_course.exercises.record import MAX_DEPTH, SCHEMA, json_safe, latest
from ckm_course.files import NotebookError, write_together


def read_answers(path: Path | str) -> dict[str, dict[str, Any]]:
    """Every recorded answer in a saved notebook: ``{exercise id: record}``, the latest winning.

    Plain JSON through the gradebook's reader, no kernel. A file that is not a notebook raises
    :class:`~ckm_course.notebooks.runner.NotebookError` naming it; a damaged record is skipped.
    """
    try:
        submission = read_submission(path)
    except ReadError as exc:
        raise NotebookError(f"{path}: not a valid notebook ({exc})") from exc
    return {k: dict(v) for k, v in latest(record for _, record in submission.records).items()}


def export_answers(notebooks: Path | str | Iterable[Path | str], destination: Path | str) -> dict[str, Any]:
    """Read the answers of one or more notebooks (files or folders) into ``destination`` as strict JSON.

    The same reader as the gradebook (``ckm-course collect`` is this function): one bad file is
    reported under ``errors`` and the rest still read; nothing is scored. The file is written by the
    gradebook's writer (:func:`~ckm_course.files.write_together`): to a temporary name, then renamed,
    so an interrupted export never leaves half a file, and no text can make it fail (issue 21, item 1:
    a lone surrogate in an answer, or a file name that is not UTF-8, is kept as a ``\\uXXXX``
    escape, which reads back as the same string). Returns
    ``{"notebooks": {path: {exercise: record}}, "errors": {path: message}, "warnings": {path: [...]}}``.
    """
    paths = [notebooks] if isinstance(notebooks, (str, Path)) else list(notebooks)
    submissions, problems = read_all(paths)
    collected: dict[str, Any] = {"schema": SCHEMA, "notebooks": {}, "errors": {}, "warnings": {}}
    for submission in submissions:
        answers = latest(record for _, record in submission.records)
        collected["notebooks"][submission.file] = json_safe(answers, -MAX_DEPTH)
    for problem in problems:
        if problem.severity == "error":
            collected["errors"][problem.file] = f"{problem.file}: {problem.reason}"
        else:
            collected["warnings"].setdefault(problem.file, []).append(problem.reason)
    destination = Path(destination)
    text = json.dumps(collected, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n"
    write_together(destination.parent, {destination.name: text})
    return collected
