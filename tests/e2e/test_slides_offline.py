"""A deck opened in chromium with every network request blocked still draws its slides and figures."""

from __future__ import annotations

import pytest

from ckm_course.slides import build_deck
from lab import block_network

pytestmark = pytest.mark.e2e


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
