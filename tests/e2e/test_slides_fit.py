"""Every slide of every chapter deck fits its slide (issue 10 item 6: slides that fit).

The decks are built by :func:`ckm_course.notebooks.slides.build_all` into a temp folder, opened from disk
in chromium at 1280x720 with the network blocked, and walked slide by slide with reveal.js's own
API (``Reveal.getSlides()`` / ``Reveal.slide(h, v)``). A slide fits when its content height
(``scrollHeight`` of the slide's ``section``, in reveal.js's unscaled slide pixels) is at most the
deck's configured slide height (``Reveal.getConfig().height``) plus a small tolerance. A long
section must be split into sub-slides (slide type ``subslide``) by the notebook, not scrolled.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ckm_course.notebooks.slides import build_all
from lab import block_network

pytestmark = [pytest.mark.e2e, pytest.mark.delivery]  # make test-delivery (Makefile)

ROOT = Path(__file__).resolve().parents[2]
# every deck `make slides` writes by default: the start page and chapters 01-09 (10 and 11 are
# reference notebooks, not talks; see ckm_course/cli.py)
DECKS = sorted(p for p in (ROOT / "notebooks").glob("0[0-9]_*.ipynb"))
TOLERANCE_PX = 8

# Walk every slide; per slide: its h/v index, its content height and the configured height.
MEASURE = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const rows = [];
  const limit = Reveal.getConfig().height;
  for (const slide of Reveal.getSlides()) {
    const at = Reveal.getIndices(slide);
    Reveal.slide(at.h, at.v || 0);
    await frame();
    const title = (slide.querySelector('h1, h2, h3, h4') || {}).textContent || '';
    rows.push({h: at.h, v: at.v || 0, height: slide.scrollHeight, limit: limit, title: title.trim().slice(0, 90)});
  }
  return rows;
}"""


def measure_deck(browser, deck: Path) -> list[dict]:
    """Open ``deck`` at 1280x720 offline and return one row per slide (h, v, height, limit, title)."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.set_default_timeout(120_000)
    off_folder = block_network(page)
    try:
        page.goto(deck.as_uri())
        page.wait_for_function("() => typeof Reveal !== 'undefined' && Reveal.isReady()")
        # every figure drawn by the local plotly.js before anything is measured
        page.wait_for_function("() => [...document.querySelectorAll('.ckm-figure')]"
                               ".every(f => f.querySelector('.main-svg'))")
        rows = page.evaluate(MEASURE)
    finally:
        page.close()
    assert off_folder == [], f"{deck.name} tried the network: {off_folder[:3]}"
    return rows


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> list[Path]:
    return build_all(DECKS, tmp_path_factory.mktemp("decks"))


def test_every_chapter_has_a_deck(decks):
    assert [d.name.split(".")[0] for d in decks] == [p.stem for p in DECKS]
    assert len(decks) >= 10


def test_no_slide_overflows_at_1280x720(browser, decks):
    too_tall: list[str] = []
    counted = 0
    for deck in decks:
        rows = measure_deck(browser, deck)
        assert rows, f"{deck.name}: reveal.js found no slides"
        counted += len(rows)
        for row in rows:
            if row["height"] > row["limit"] + TOLERANCE_PX:
                too_tall.append(f"{deck.name} slide {row['h']}/{row['v']} ({row['title']!r}): "
                                f"{row['height']} px > {row['limit']} px")
    print(f"measured {counted} slides in {len(decks)} decks; {len(too_tall)} overflow")
    assert not too_tall, f"{len(too_tall)} slides overflow:\n" + "\n".join(too_tall)
