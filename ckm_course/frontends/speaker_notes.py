"""Speaker notes stay with the presenter (issue 22.6): hidden in the app and in student exercise notebooks.

A speaker-notes cell is a cell of slide type *Notes* (``slideshow.slide_type == "notes"``), or a
markdown cell in the course's speaker-note markup (it opens with ``**讲者备注 Speaker notes**``).
RISE and the reveal decks (``notebooks/deck.py``) show them in the speaker view; the Voilà app
drops them before a page is drawn (``app_server.py``), and ``notebooks/build.py`` drops them from
the exercise notebooks it writes.
"""

from __future__ import annotations

from typing import Any

MARKUP = "**讲者备注"  # how every notes cell of notebooks/ opens (tests/unit/test_speaker_notes.py)


def is_speaker_note(cell: Any) -> bool:
    """True for a notes cell (slide type *Notes*, or the course's speaker-note markup)."""
    metadata = cell.get("metadata", {}) or {}
    if (metadata.get("slideshow") or {}).get("slide_type") == "notes":
        return True
    source = cell.get("source", "")
    source = "".join(source) if isinstance(source, list) else source
    return cell.get("cell_type") == "markdown" and source.lstrip().startswith(MARKUP)


def without_speaker_notes(notebook: Any) -> Any:
    """``notebook`` (an nbformat node, changed in place and returned) without its speaker-notes cells."""
    notebook.cells = [cell for cell in notebook.cells if not is_speaker_note(cell)]
    return notebook
