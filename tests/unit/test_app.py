"""Voilà app mode's answer files (issue 14): named per notebook and student, merged, read like notebooks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ckm_course import app, exercise, read_answers, record
from ckm_course.grading.reader import read_all

REPO = Path(__file__).resolve().parents[2]
CHAPTER = "03_classifying_knowledge.ipynb"


@pytest.fixture
def page(tmp_path, monkeypatch):
    """A kernel as Voilà starts it: in the notebook's folder, with the page URL in its environment."""
    shutil.copy(REPO / "notebooks" / CHAPTER, tmp_path / CHAPTER)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.setenv("VOILA_REQUEST_URL", f"http://127.0.0.1:8866/voila/render/{CHAPTER}?x=1")
    monkeypatch.setattr(record, "_journals", {})
    return tmp_path


def test_answer_file_names():
    assert app.answer_file("n/03_x.ipynb").name == "03_x.answers.json"
    assert app.answer_file("n/03_x.ipynb", "2024 001/..").name == "03_x.2024_001.answers.json"


def test_outside_voila_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.delenv("VOILA_REQUEST_URL", raising=False)
    assert not app.in_app() and app.current_answer_file() is None
    assert app.save({"exercise": "c3.1-four-categories"}) is None


def test_checks_and_hints_in_the_app_go_to_the_answer_file(page, monkeypatch):
    monkeypatch.setenv("CKM_STUDENT_ID", "2024001")
    monkeypatch.setenv("CKM_STUDENT_NAME", "王小明")
    grid = exercise("c3.1-four-categories")
    grid.check({"客户姓名": "有关客户的知识"})
    exercise("c3.4-explicit-tacit").hint()
    target = page / "03_classifying_knowledge.2024001.answers.json"
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["format"] == "ckm-course-answers" and saved["notebook"] == CHAPTER
    answers = read_answers(target)
    assert answers["c3.1-four-categories"]["score"] == 1 and answers["c3.1-four-categories"]["schema"] == 2
    assert answers["c3.4-explicit-tacit"]["status"] == "not_attempted"
    assert answers["c3.4-explicit-tacit"]["hints_seen"] == [1]
    submissions, problems = read_all([page])
    found = [s for s in submissions if s.file.endswith(".answers.json")]
    assert [s.identity for s in found] == [{"name": "王小明", "id": "2024001"}] and not problems
    # a new page (a new kernel) restores from the file
    monkeypatch.setattr(record, "_journals", {})
    monkeypatch.setattr(record, "_saved_cache", {})
    assert record.saved_record("c3.1-four-categories")["answer"] == {"name": ["about"]}


def test_a_damaged_answer_file_is_kept_aside_not_overwritten(page):
    target = page / "03_classifying_knowledge.answers.json"
    target.write_text("{ not json", encoding="utf-8")
    exercise("c3.1-four-categories").check({"客户姓名": "有关客户的知识"})
    assert (page / "03_classifying_knowledge.answers.json.damaged").read_text(encoding="utf-8") == "{ not json"
    assert "c3.1-four-categories" in read_answers(target)


def test_voila_command_is_loopback_and_offline():
    command = app.voila_command("notebooks", 9999)
    assert "--Voila.ip=127.0.0.1" in command and "--no-browser" in command and "--template=ckm" in command
    env = app.voila_env({"JUPYTER_PATH": "/x", "JPY_SESSION_NAME": "/home/a/other.ipynb"})
    assert "JPY_SESSION_NAME" not in env
    assert env["JUPYTER_PATH"].split(":")[0].endswith("jupyter_data") and env["JUPYTER_PATH"].endswith("/x")
    template = app.TEMPLATES / "voila" / "templates" / "ckm" / "index.html.j2"
    assert "extends 'lab/index.html.j2'" in template.read_text(encoding="utf-8")
