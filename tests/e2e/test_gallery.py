"""The screenshot gallery's own code on a subset (issue 10): every file written, and each change visible.

``make screenshots`` runs ``gallery.capture`` on every exercise kind, explorer and three slides
in light and dark; this test runs the same code on one exercise kind, one explorer and one
slide, and checks that the states differ (a broken widget would give three equal pictures).
"""

from __future__ import annotations

import json

import pytest

import gallery

pytestmark = [pytest.mark.e2e, pytest.mark.delivery]  # make test-delivery (Makefile)


def test_gallery_writes_every_state_and_each_change_shows(lab, browser, tmp_path):
    files = gallery.capture(tmp_path, kinds=["ordering"], explorers=["roadmap-planner"],
                            slides=gallery.SLIDES[1:2], themes=["light", "dark"], browser=browser, lab=lab)
    names = {f"{theme}/{name}" for theme in ("light", "dark") for name in (
        "exercise-ordering-untouched.png", "exercise-ordering-partly-right.png", "exercise-ordering-all-right.png",
        "explorer-roadmap-planner-before.png", "explorer-roadmap-planner-after.png", "slide-06-figure-2.png")}
    assert {f"{f.parent.name}/{f.name}" for f in files} == names
    shots = {name: (tmp_path / name).read_bytes() for name in names}
    shown = {theme: json.loads((tmp_path / theme / "gallery.json").read_text(encoding="utf-8")) for theme in ("light", "dark")}
    assert all(png.startswith(b"\x89PNG") and len(png) > 5_000 for png in shots.values())
    for theme in ("light", "dark"):
        states = {shots[f"{theme}/exercise-ordering-{state}.png"] for state in gallery.STATES}
        assert len(states) == 3, f"{theme}: untouched, partly right and all right look the same"
        assert shots[f"{theme}/explorer-roadmap-planner-before.png"] != shots[f"{theme}/explorer-roadmap-planner-after.png"]
    assert shots["light/exercise-ordering-untouched.png"] != shots["dark/exercise-ordering-untouched.png"]
    for theme, text in shown.items():
        # untouched: no score (the second theme's run starts from a fresh kernel, nothing restored)
        assert "Score" not in text["exercise-ordering-untouched.png"], theme
        assert "Score: 11/11" not in text["exercise-ordering-partly-right.png"] and "Score" in text[
            "exercise-ordering-partly-right.png"], theme
        assert "Score: 11/11" in text["exercise-ordering-all-right.png"], theme
        before, after = text["explorer-roadmap-planner-before.png"], text["explorer-roadmap-planner-after.png"]
        assert "Total: 22" in before and "Total: 50" in after, theme  # step 1 set to 30 weeks
        assert before.split("\n")[-1] != after.split("\n")[-1], theme  # the drawn Gantt's data changed
