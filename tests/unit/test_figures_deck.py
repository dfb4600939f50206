"""Issue 22 item 9: a long exercise's static deck view continues on a sub-slide; short ones stay whole;
figure words are kept out of sight on slides (issue 22 item 10)."""

from __future__ import annotations

import nbformat

from ckm_course.notebooks import deck
from ckm_course.notebooks.slides import STATIC


def _cell(exercise_id: str, slide_type: str | None = None) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(f'ckm_course.exercise("{exercise_id}").widget()')
    if slide_type:
        cell.metadata["slideshow"] = {"slide_type": slide_type}
    return cell


def test_a_long_exercise_continues_on_a_subslide():
    book = deck.prepare(nbformat.v4.new_notebook(cells=[_cell("c6.5-technology-process")]))
    assert len(book.cells) == 2
    assert book.cells[1].metadata["slideshow"]["slide_type"] == "subslide"
    first, second = (c.outputs[0]["data"]["text/html"] for c in book.cells)
    assert "ckm-deck-choices" in first and "ckm-deck-items" not in first
    assert "ckm-deck-items" in second and "continued" in second


def test_short_and_skipped_exercises_stay_whole():
    book = deck.prepare(nbformat.v4.new_notebook(cells=[_cell("c3.4-explicit-tacit"),
                                                        _cell("c6.5-technology-process", "skip")]))
    assert len(book.cells) == 2
    assert all("ckm-deck-items" in c.outputs[0]["data"]["text/html"] for c in book.cells)


def test_deck_css_sets_exercise_text_at_body_size():
    css = (STATIC / "slides_template" / "ckm_reveal" / "index.html.j2").read_text(encoding="utf-8")
    assert ".reveal .ckm-deck-exercise { font-size: 1em; }" in css
    assert ".reveal .ckm-figure-text {" in css
