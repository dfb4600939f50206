"""Issue 24, "Mastery and what to practise next": the app's home page shows the student's
``ckm_course.progress()`` panel, read from the student's answer files (no kernel on that page)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import ckm_course
from ckm_course.frontends.app_home import render_home

REPO = Path(__file__).resolve().parents[2]
CHAPTER = "03_classifying_knowledge.ipynb"


def state(page: str, point: str) -> str:
    found = re.search(rf'<li data-point="{re.escape(point)}" data-state="(\w+)"', page)
    assert found, point
    return found.group(1)


def test_the_home_panel_follows_the_students_checks(tmp_path, clean_kernel, monkeypatch):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "exercises").mkdir()
    shutil.copy(REPO / "notebooks" / CHAPTER, tmp_path / "notebooks" / CHAPTER)
    monkeypatch.setenv("CKM_STUDENT_ID", "2024001")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01
    home = render_home(tmp_path / "notebooks")
    assert 'class="ckm-progress"><h3>学习进度 / Progress</h3>' in home
    assert state(home, "C3.4") == "not_started" and state(home, "C1.1") == "not_started"
    # a first-try correct check on the chapter's page, in the app (its kernel runs in the notebook's folder)
    monkeypatch.chdir(tmp_path / "notebooks")
    monkeypatch.setenv("VOILA_REQUEST_URL", f"http://127.0.0.1:8866/voila/render/notebooks/{CHAPTER}")
    ex = ckm_course.exercise("c3.4-explicit-tacit")
    assert ex.check(ex.key()).status == "correct"
    home = render_home(tmp_path / "notebooks")
    assert state(home, "C3.4") == "in_progress"  # one of its four exercises
    assert state(home, "C1.1") == "not_started"
    # another student (no id) has no answers on this home
    monkeypatch.delenv("CKM_STUDENT_ID")
    assert state(render_home(tmp_path / "notebooks"), "C3.4") == "not_started"


def test_the_start_page_shows_the_panel_with_every_point_not_started():
    import json

    cells = json.loads((REPO / "notebooks" / "00_index.ipynb").read_text(encoding="utf-8"))["cells"]
    cell = next(c for c in cells if c["cell_type"] == "code" and "".join(c["source"]) == "ckm_course.progress()")
    shown = "".join(cell["outputs"][0]["data"]["text/html"])
    points = {p.point for _, ps in ckm_course.progress(records=[]).chapters for p in ps}
    assert set(re.findall(r'data-point="([^"]+)" data-state="not_started"', shown)) == points
    assert "data-state=\"mastered\"" not in shown and "data-state=\"in_progress\"" not in shown
