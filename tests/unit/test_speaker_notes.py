"""Speaker notes (issue 14): every slide and sub-slide of notebooks 00-08 carries a notes cell.

A notes cell is a markdown cell with ``slideshow.slide_type == "notes"`` at the end of its slide;
reveal.js shows it in the speaker view (``S``). Each holds 2-4 talking points in zh and en.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("0[0-8]_*.ipynb"))
STARTS = ("slide", "subslide")


def kind(cell) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "")


def slides(path: Path) -> list[list]:
    """The cells of each slide or sub-slide, in order (cells before the first slide are dropped)."""
    groups: list[list] = []
    for cell in nbformat.read(path, as_version=4).cells:
        if kind(cell) in STARTS:
            groups.append([])
        if groups:
            groups[-1].append(cell)
    return groups


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_slide_has_one_notes_cell_with_two_to_four_bilingual_points(path):
    groups = slides(path)
    assert len(groups) >= 5
    for group in groups:
        title = group[0].source.splitlines()[0]
        notes = [c for c in group if kind(c) == "notes"]
        assert len(notes) == 1, f"{path.name}: slide {title!r} has {len(notes)} notes cells"
        assert notes[0].cell_type == "markdown"
        points = [line for line in notes[0].source.splitlines() if line.startswith("- ")]
        assert 2 <= len(points) <= 4, f"{path.name}: {title!r} has {len(points)} talking points"
        for point in points:
            assert re.search(r"[\u4e00-\u9fff]", point) and re.search(r"[A-Za-z]{3,}", point), point
        # notes come after the slide's content, not in front of it
        shown = [i for i, c in enumerate(group) if kind(c) not in ("notes", "skip")]
        assert group.index(notes[0]) > max(shown), f"{path.name}: notes of {title!r} precede its content"


def test_notes_are_not_copies_of_the_slide_text():
    for path in NOTEBOOKS:
        for group in slides(path):
            body = "\n".join(c.source for c in group if kind(c) != "notes")
            for line in next(c for c in group if kind(c) == "notes").source.splitlines()[2:]:
                assert line[2:] not in body, f"{path.name}: a talking point repeats the slide: {line}"


def test_every_notes_cell_of_the_chapter_notebooks_is_collapsed_for_students():
    """Issue 22.6: in JupyterLab a student sees a collapsed "讲者备注 Speaker notes" bar, not the notes;
    RISE and the decks go by the slide type (tests/e2e/test_speaker_notes_lab.py shows it in a browser)."""
    import json
    from pathlib import Path

    from ckm_course.frontends.speaker_notes import is_speaker_note

    open_notes = [f"{path.name}#{n}" for path in sorted(Path(__file__).resolve().parents[2].glob("notebooks/*.ipynb"))
                  for n, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"])
                  if is_speaker_note(cell) and not cell.get("metadata", {}).get("jupyter", {}).get("source_hidden")]
    assert not open_notes, open_notes
