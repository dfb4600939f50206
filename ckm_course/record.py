"""Answers recorded in the notebook itself, and read back without running it.

Every check produces an output with the MIME type :data:`MIME` (the answer and its
Result as JSON) beside a text/plain fallback, so a saved ``.ipynb`` holds each
student's latest answer to every exercise. :func:`read_answers` reads them with
nbformat alone (no kernel); :func:`export_answers` writes them to one JSON file
atomically, for an instructor collecting a class's results.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ckm_course.checks.result import Result

MIME = "application/vnd.ckm-course.answer+json"
SCHEMA = 1
_latest_answers: dict[str, Any] = {}


def record_of(result: Result) -> dict[str, Any]:
    """The JSON stored in the notebook for one check."""
    return {"schema": SCHEMA, **result.to_dict()}


def bundle(result: Result, language: str | None = None) -> dict[str, Any]:
    """A display bundle: the record plus a one-line text/plain summary."""
    summary = f"[{result.exercise_id}] {result.score_line(language)}"
    return {MIME: record_of(result), "text/plain": summary}


def remember(exercise_id: str, answer: Any) -> None:
    """Keep a widget's latest answer in this kernel, so re-running its cell restores it."""
    _latest_answers[exercise_id] = answer


def remembered(exercise_id: str) -> Any:
    """The latest answer given to ``exercise_id`` in this kernel, or ``...``."""
    return _latest_answers.get(exercise_id, ...)


def read_answers(path: Path | str) -> dict[str, dict[str, Any]]:
    """Every recorded answer in a saved notebook: ``{exercise id: record}``, the last one winning.

    Pure nbformat, no kernel. A file that is not a notebook raises
    :class:`~ckm_course.runner.NotebookError` naming it; a damaged record inside a good
    notebook is skipped (the rest are still read).
    """
    from ckm_course.runner import read

    notebook = read(path)
    answers: dict[str, dict[str, Any]] = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {}) if isinstance(output, dict) else {}
            record = data.get(MIME)
            if isinstance(record, str):  # some tools store JSON outputs as text
                try:
                    record = json.loads(record)
                except ValueError:
                    continue
            if isinstance(record, dict) and isinstance(record.get("exercise"), str):
                answers[record["exercise"]] = dict(record)
    return answers


def export_answers(notebooks: Path | str | Iterable[Path | str], destination: Path | str) -> dict[str, Any]:
    """Read the answers of one or more notebooks and write them to ``destination`` as JSON.

    The file is written to a temporary name and renamed, so an interrupted export never
    leaves half a file. Returns what was written:
    ``{"notebooks": {path: {exercise: record}}, "errors": {path: message}}``.
    """
    from ckm_course.runner import NotebookError, write_text_atomic

    paths = [notebooks] if isinstance(notebooks, (str, Path)) else list(notebooks)
    collected: dict[str, Any] = {"schema": SCHEMA, "notebooks": {}, "errors": {}}
    for path in paths:
        try:
            collected["notebooks"][str(path)] = read_answers(path)
        except NotebookError as exc:
            collected["errors"][str(path)] = str(exc)
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(destination, json.dumps(collected, ensure_ascii=False, indent=1, sort_keys=True))
    return collected
