"""Decks opened in chromium with every network request blocked: slides, figures and the speaker view.

Issue 14: a deck of chapter 03 shows no code and no "replace ... with your answer" fallback,
only static exercise views; pressing S opens reveal.js's speaker view with the talking points
of the slide, from files next to the deck.
"""

from __future__ import annotations

import nbformat
import pytest

from ckm_course.notebooks.slides import build_deck
from lab import block_network

pytestmark = [pytest.mark.e2e, pytest.mark.delivery]  # make test-delivery (Makefile)
NOTES = "讲解要点：先问学生。 Talking point: ask the class first."


def test_deck_works_with_the_network_blocked(browser, tmp_path, request):
    deck = build_deck(request.config.rootpath / "notebooks" / "05_knowledge_lifecycle.ipynb", tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    off_folder = block_network(page)
    page.goto(deck.as_uri() + "#/2")
    page.wait_for_function("() => typeof Reveal !== 'undefined' && Reveal.isReady()")
    page.locator(".ckm-figure .main-svg").first.wait_for(state="attached")
    assert off_folder == []
    assert page.locator(".ckm-figure .main-svg").count() >= 1
    page.close()


def test_chapter_03_deck_has_no_code_and_no_answer_fallbacks(browser, tmp_path, request):
    deck = build_deck(request.config.rootpath / "notebooks" / "03_classifying_knowledge.ipynb", tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    off_folder = block_network(page)
    page.goto(deck.as_uri())
    page.wait_for_function("() => typeof Reveal !== 'undefined' && Reveal.isReady()")
    text = page.locator(".reveal .slides").inner_text()
    assert page.locator(".jp-CodeCell .jp-InputArea, .jp-InputPrompt").count() == 0
    assert "ckm_course" not in text and ".widget()" not in text
    for fallback in ("replace ... with your answer", "换成你的答案", "run this cell", "运行此单元格", "not checked yet"):
        assert fallback not in text, fallback
    # each exercise of the chapter as a static question with the live note, never the key
    views = page.locator(".ckm-deck-exercise")
    assert views.count() == 4
    assert "请在笔记本中作答" in views.first.inner_text() and "Do it live in the notebook" in views.first.inner_text()
    assert off_folder == []
    page.close()


def test_speaker_view_opens_offline_with_the_notes(browser, tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# 第一页 First slide", metadata={"slideshow": {"slide_type": "slide"}}),
        nbformat.v4.new_markdown_cell(NOTES, metadata={"slideshow": {"slide_type": "notes"}}),
        nbformat.v4.new_markdown_cell("## 第二页 Second slide", metadata={"slideshow": {"slide_type": "slide"}}),
    ]
    source = tmp_path / "notes.ipynb"
    nbformat.write(notebook, source)
    deck = build_deck(source, tmp_path / "deck")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    off_folder = block_network(context)  # the speaker window and its two preview frames included
    page = context.new_page()
    page.goto(deck.as_uri())
    page.wait_for_function("() => typeof Reveal !== 'undefined' && Reveal.isReady()")
    assert page.locator("aside.notes").count() == 1
    with context.expect_page(timeout=60_000) as popup:
        page.keyboard.press("s")
    speaker = popup.value
    speaker.locator(".speaker-controls-notes .value").wait_for(timeout=60_000)
    speaker.wait_for_function("t => document.querySelector('.speaker-controls-notes .value').innerText.includes(t)",
                              arg="Talking point", timeout=60_000)
    assert "讲解要点" in speaker.locator(".speaker-controls-notes").inner_text()
    # the current-slide preview is the deck itself, loaded from the folder
    speaker.frame_locator("#current-slide iframe").locator(".reveal").wait_for(timeout=60_000)
    assert off_folder == []
    context.close()
