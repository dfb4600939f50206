"""Issue 22 item 6: speaker notes stay with the presenter in JupyterLab too.

A student opens chapter 3 in JupyterLab: its speaker-notes cells (slide type Notes) are collapsed
(``jupyter.source_hidden``), so the notes' points are not on the page, only JupyterLab's collapsed-cell bar
("**讲者备注 Speaker notes** •••", the cell's first line); the slides' own text is. Expanding a collapsed cell shows the notes (an instructor can still read them).
RISE and the reveal decks read the cells' slide type, not this flag (tests/e2e/test_rise.py,
test_slides_offline.py). Screenshot: /tmp/shots/notes/chapter-3.png.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lab import open_notebook

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]
CHAPTER = "03_classifying_knowledge.ipynb"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
SHOTS = Path("/tmp/shots/notes")


def test_chapter_notes_are_collapsed_for_students_and_open_on_request(lab, page):
    shutil.copy(REPO / "notebooks" / CHAPTER, lab.root / CHAPTER)
    notes = [c for c in json.loads((REPO / "notebooks" / CHAPTER).read_text(encoding="utf-8"))["cells"]
             if (c.get("metadata", {}).get("slideshow") or {}).get("slide_type") == "notes"]
    assert notes and all(c["metadata"].get("jupyter", {}).get("source_hidden") for c in notes)
    open_notebook(page, lab, CHAPTER)
    page.locator(f"{PANEL} .jp-MarkdownCell").first.wait_for()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "chapter-3.png"))
    # the points of the first notes cell (its heading line is what JupyterLab's collapsed bar shows)
    point = next(line for line in "".join(notes[0]["source"]).splitlines() if line.startswith("- "))[2:].split(" ")[0]
    visible = page.locator(f"{PANEL} .jp-Notebook").inner_text()
    assert point not in visible
    collapsed = page.locator(f"{PANEL} .jp-MarkdownCell .jp-Placeholder", has_text="讲者备注 Speaker notes")
    assert collapsed.count() >= 1
    first = collapsed.first
    first.scroll_into_view_if_needed()
    first.locator(".jp-Placeholder-content").click()  # expand: the presenter can still read them here
    page.locator(f"{PANEL} .jp-MarkdownCell", has_text=point).first.wait_for(state="visible")
    assert point in page.locator(f"{PANEL} .jp-Notebook").inner_text()
