"""A deck opened in chromium with every network request blocked still draws its slides and figures."""

from __future__ import annotations

import pytest

from ckm_course.slides import build_deck

pytestmark = pytest.mark.e2e


def test_deck_works_with_the_network_blocked(browser, tmp_path, request):
    deck = build_deck(request.config.rootpath / "notebooks" / "05_knowledge_lifecycle.ipynb", tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    off_folder: list[str] = []

    def route(handle):
        if handle.request.url.startswith("file://"):
            handle.continue_()
        else:
            off_folder.append(handle.request.url)
            handle.abort()

    page.route("**/*", route)
    page.goto(deck.as_uri() + "#/2")
    page.wait_for_function("() => typeof Reveal !== 'undefined' && Reveal.isReady()")
    page.locator(".ckm-figure .main-svg").first.wait_for(state="attached")
    assert off_folder == []
    assert page.locator(".ckm-figure .main-svg").count() >= 1
    page.close()
