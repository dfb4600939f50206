"""The set a student drew with 再练一组 New set and has not checked yet, kept beside the records (issue 24 item 4).

A record (``record.py``) holds the set it was *checked* on; the gradebook scores that set. A New set
that is not checked yet must survive a reload of the app's page or a kernel restart, yet must not
touch the record: the last checked set keeps its answer, score and status. So the drawn set is kept
**beside** the record, never inside it:

* in the Voilà app, in the page's answer file under ``"shown"``: ``{exercise id: variant}``
  (``answers.save_shown``); the gradebook reads only ``"records"``;
* in a notebook, as a second MIME type (:data:`MIME`) of the record's own display output below the
  widget, so it is saved with the notebook; the gradebook reads only the record's MIME type.

:func:`saved_shown` reads it back (the notebook this kernel belongs to, else the app's answer file);
:func:`newer_than_checked` says whether it is newer than the set the saved record was checked on,
which is when a restart shows it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ckm_course.content.model import ExerciseSpec
from ckm_course.exercises import answer_store
from ckm_course.exercises import variant as variants
from ckm_course.exercises.answers import restore_file
from ckm_course.exercises.reader import ANSWER_FILE_FORMAT, load_json
from ckm_course.exercises.saved import notebook_path

MIME = "application/vnd.ckm-course.shown-set+json"  # beside the record's MIME type in its display output

_cache: dict[str, tuple[tuple[int, int, int], dict[str, dict[str, Any]]]] = {}


def payload(exercise_id: str, variant: dict[str, Any]) -> dict[str, Any]:
    """What a notebook's record output carries under :data:`MIME`: the exercise and the set shown."""
    return {"exercise": exercise_id, **variant}


def _from_notebook(data: Any) -> dict[str, dict[str, Any]]:
    """``{exercise id: variant}`` of the :data:`MIME` outputs in a notebook's JSON (the last per exercise)."""
    found: dict[str, dict[str, Any]] = {}
    cells = data.get("cells") if isinstance(data, dict) else None
    for cell in cells if isinstance(cells, list) else []:
        outputs = cell.get("outputs") if isinstance(cell, dict) else None
        for output in outputs if isinstance(outputs, list) else []:
            bundle = output.get("data") if isinstance(output, dict) else None
            shown = bundle.get(MIME) if isinstance(bundle, dict) else None
            if isinstance(shown, dict) and isinstance(shown.get("exercise"), str):
                found[shown["exercise"]] = {k: v for k, v in shown.items() if k != "exercise"}
    return found


def _read(path: Path) -> dict[str, dict[str, Any]]:
    """The shown sets in a saved notebook or answer file, cached until the file changes."""
    info = path.stat()
    stamp = (info.st_ino, info.st_size, info.st_mtime_ns)
    cached = _cache.get(str(path))
    if cached is None or cached[0] != stamp:
        data = load_json(path)
        is_answers = isinstance(data, dict) and data.get("format") == ANSWER_FILE_FORMAT
        _cache[str(path)] = (stamp, answer_store.shown_in(data) if is_answers else _from_notebook(data))
    return _cache[str(path)][1]


def saved_shown(exercise_id: str) -> dict[str, Any] | None:
    """The set of ``exercise_id`` drawn and saved but not necessarily checked: from this kernel's saved
    notebook, else (Voilà) its answer file; None when there is none or the file cannot be read."""
    path = notebook_path() or restore_file()
    if path is None:
        return None
    try:
        return _read(path).get(exercise_id)
    except Exception:  # noqa: BLE001 - an unreadable file only means no drawn set to bring back
        return None


def newer_than_checked(bank: ExerciseSpec, shown: Any, record: dict[str, Any] | None) -> variants.Variant | None:
    """The drawn set ``shown`` when it is a valid set of ``bank`` newer than the set ``record`` was checked on
    (sets only go up: a check on the drawn set, or a later one, makes it stale); else None."""
    drawn = variants.from_record(bank, shown)
    if drawn is None:
        return None
    checked = variants.from_record(bank, record.get("variant")) if isinstance(record, dict) else None
    return drawn if checked is None or drawn.set > checked.set else None
