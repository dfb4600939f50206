"""Issue 24: ``ckm_course.progress()`` on the start page (JupyterLab names the kernel's notebook) reads
the answers saved in the course's exercise notebooks; with no notebook path (nbval) it reads none."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import ckm_course
from ckm_course.grading.samples import notebook, record_for

REPO = Path(__file__).resolve().parents[2]


def test_the_start_page_panel_reads_the_exercise_notebooks(tmp_path, clean_kernel, monkeypatch):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "exercises").mkdir()
    shutil.copy(REPO / "notebooks" / "00_index.ipynb", tmp_path / "notebooks" / "00_index.ipynb")
    records = []  # what counts toward C5.2: its one exercise and three questions of the questionnaire
    for exercise_id in ("quiz-c5-acquisition", "c5.questionnaire"):
        spec = ckm_course.exercise(exercise_id).spec
        records.append(record_for(spec, [ckm_course.exercise(spec.id).key()], 60, [], False))
        assert records[-1]["status"] == "correct"
    sheet = tmp_path / "exercises" / "05_knowledge_lifecycle_exercises.ipynb"
    sheet.write_text(json.dumps(notebook(("王小明", "2024001"), records), ensure_ascii=False), encoding="utf-8")
    monkeypatch.chdir(tmp_path / "notebooks")
    assert ckm_course.progress().state("C5.2") == "not_started"  # no notebook path: this kernel only
    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "notebooks" / "00_index.ipynb"))
    shown = ckm_course.progress()
    assert shown.state("C5.2") == "mastered" and shown.state("C6.2") == "not_started"
    assert shown.state("C5.1") == "in_progress"  # the questionnaire's C5.1 questions; its other exercises not
