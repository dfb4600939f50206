"""The set a student drew with 再练一组 New set and has not checked yet, kept beside the records (issue 24 item 4).

A record (``record.py``) holds the set it was *checked* on; the gradebook scores that set. A New set
that is not checked yet must survive a reload of the app's page or a kernel restart, yet must not
touch the record: the last checked set keeps its answer, score and status. So the drawn set is kept
**beside** the record, never inside it:

* in the Voilà app, in the page's answer file under ``"shown"``: ``{exercise id: variant}``
  (``answers.save_shown``); the gradebook reads only ``"records"``;
* in a notebook, as a second MIME type (:data:`MIME`) of the record's own display output below the
  widget, so it is saved with the notebook; the gradebook reads only the record's MIME type. New set
  in code (``ex.new_set()``, as the practice sets suggest) shows a line under :data:`MIME` in its cell
  (:func:`keep`).

:func:`saved_shown` reads it back (the notebook this kernel belongs to, else the app's answer file);
:func:`newer_than_checked` says whether it is newer than the set the saved record was checked on,
which is when a restart shows it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ckm_course.content.model import ExerciseSpec
from ckm_course.content.widget_words import widget_words
from ckm_course.exercises import answer_store
from ckm_course.exercises import variant as variants
from ckm_course.exercises.answers import in_app, restore_file, save_shown
from ckm_course.exercises.reader import ANSWER_FILE_FORMAT, load_json
from ckm_course.exercises.saved import notebook_path
from ckm_course.i18n import render

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
                variant = {k: v for k, v in shown.items() if k != "exercise"}
                if _number(variant) >= _number(found.get(shown["exercise"])):  # sets only go up: the latest
                    found[shown["exercise"]] = variant
    return found


def _number(variant: Any) -> int:
    number = variant.get("set") if isinstance(variant, dict) else None
    return number if isinstance(number, int) and not isinstance(number, bool) else 0


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


def drawn_number(exercise_id: str, record: dict[str, Any] | None) -> int | None:
    """The number of the saved drawn set of ``exercise_id`` when it is newer than the set ``record`` (the
    saved record) was checked on: the set ``exercise()`` shows after a restart (issue 24 item 4); else None."""
    number = _number(saved_shown(exercise_id))
    checked = _number(record.get("variant")) if isinstance(record, dict) else 0
    return number if number > max(checked, 1) and number <= variants.MAX_SET else None


def _display(bundle: dict[str, Any]) -> None:
    """Show ``bundle`` as the output of the running cell (nothing outside IPython: a script prints no dict)."""
    loaded = sys.modules.get("IPython")  # a kernel has loaded it; a script need not pay its ~0.1 s import
    if loaded is not None and loaded.get_ipython() is not None:
        from IPython.display import display  # already loaded: see above

        display(bundle, raw=True)


def keep(exercise_id: str, variant: dict[str, Any]) -> None:
    """Keep the set ``ex.new_set()`` drew in code (issue 24 item 4): in a notebook, one line in the cell's output
    carrying the set under :data:`MIME` (saved with the notebook); in the app, in the answer file. Never raises."""
    if in_app():
        try:
            save_shown(exercise_id, variant)
        except Exception as exc:  # noqa: BLE001 - the kernel keeps the set; only a reload would lose it
            print(f"ckm_course: could not keep the new set in the answer file ({exc})", file=sys.stderr)
        return
    said = render(widget_words().numbered("new_set_code", int(variant.get("set") or 1)))
    _display({MIME: payload(exercise_id, variant), "text/plain": said})
