"""Offline slide decks: nothing from a CDN, every referenced file present, figures drawn locally."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ckm_course.cli import main
from ckm_course.slides import external_references

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    notebooks = [REPO / "notebooks" / "05_knowledge_lifecycle.ipynb", REPO / "notebooks" / "09_case_study.ipynb"]
    assert main(["slides", "--out", str(out), *map(str, notebooks)]) == 0
    return out


def test_decks_refer_to_nothing_outside_their_folder(decks):
    for deck in decks.glob("*.slides.html"):
        html = deck.read_text(encoding="utf-8")
        assert external_references(html) == []
        for reference in re.findall(r"""(?:src|href)="([^"#][^"]*)\"""", html):
            assert (deck.parent / reference).resolve().exists(), f"{deck.name}: {reference} is missing"


def test_decks_have_sections_and_local_figures(decks):
    html = (decks / "05_knowledge_lifecycle.slides.html").read_text(encoding="utf-8")
    assert html.count("<section") >= 5
    assert 'Plotly.newPlot("ckm-figure-' in html and "application/vnd.plotly" not in html
    assert "Reveal.initialize" in html and "unpkg" not in html and "cdn" not in html.lower().replace("cdnow", "")


def test_the_checker_finds_external_references():
    html = '<script src="https://unpkg.com/x.js"></script><link href="//cdn.example/y.css"><a href="#local">'
    assert external_references(html) == ["https://unpkg.com/x.js", "//cdn.example/y.css"]


def test_a_broken_notebook_is_reported_not_fatal(tmp_path):
    bad = tmp_path / "bad.ipynb"
    bad.write_text("{", encoding="utf-8")
    assert main(["slides", "--out", str(tmp_path / "out"), str(bad)]) == 1
