"""The Voilà app's front door (issue 22.6) and its service settings (22.7), without a browser.

The course home lists chapters and practice sets with titles from the content data, the student
and their progress from the answer files, and nothing for instructors; pages lose their speaker
notes and gain a link home; exercise notebooks lose speaker notes; the restore banner names the
answer file in the app. (The browser side: tests/e2e/test_app_home.py, test_app_service.py.)
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

import ckm_course
from ckm_course.content.app_home import home_texts
from ckm_course.content.catalog import catalog
from ckm_course.exercises import journal, saved
from ckm_course.frontends import app
from ckm_course.frontends.app_home import exercise_ids, pages, progress, render_home
from ckm_course.frontends.app_server import prepare_page
from ckm_course.frontends.speaker_notes import is_speaker_note
from ckm_course.frontends.widgets import exercise_widget
from ckm_course.notebooks.build import exercise_notebook

REPO = Path(__file__).resolve().parents[2]
CHAPTER = "03_classifying_knowledge.ipynb"


@pytest.fixture
def course(tmp_path):
    """A course folder like the repo's: notebooks/ (with the gradebook and the start page) and exercises/."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "exercises").mkdir()
    for name in (CHAPTER, "06_implementation_roadmap.ipynb", "00_index.ipynb", "10_instructor_gradebook.ipynb",
                 "11_glossary.ipynb"):
        shutil.copy(REPO / "notebooks" / name, tmp_path / "notebooks" / name)
    for name in ("03_classifying_knowledge_exercises.ipynb", "10_final_quiz_exercises.ipynb"):
        shutil.copy(REPO / "exercises" / name, tmp_path / "exercises" / name)
    (tmp_path / "solutions").mkdir()
    shutil.copy(REPO / "solutions" / "03_classifying_knowledge_exercises.ipynb", tmp_path / "solutions")
    return tmp_path


def test_the_app_serves_chapters_practice_sets_and_the_glossary_only(course):
    found = {p.path: p for p in pages(course / "notebooks")}
    assert sorted(found) == [
        "exercises/03_classifying_knowledge_exercises.ipynb", "exercises/10_final_quiz_exercises.ipynb",
        "notebooks/03_classifying_knowledge.ipynb", "notebooks/06_implementation_roadmap.ipynb",
        "notebooks/11_glossary.ipynb"]
    chapter3 = next(c for c in catalog().course.chapters if c.id == "C3")
    assert found["notebooks/03_classifying_knowledge.ipynb"].title == chapter3.title
    # notebook 06 teaches C6 and C9: both titles
    assert " + " in found["notebooks/06_implementation_roadmap.ipynb"].title.en
    practice = found["exercises/03_classifying_knowledge_exercises.ipynb"].title
    assert chapter3.title.zh in practice.zh and chapter3.title.en in practice.en and practice.en.startswith("Practice")


def test_the_home_is_bilingual_with_the_student_and_no_instructor_material(course, monkeypatch):
    monkeypatch.setenv("CKM_STUDENT_ID", "2024001")
    monkeypatch.setenv("CKM_STUDENT_NAME", "王小明")
    page = render_home(course / "notebooks")
    texts = home_texts()
    for text in (texts.title, texts.chapters, texts.practice):
        assert f'lang="zh" class="ckm-zh">{text.zh}' in page and text.en in page
    assert "王小明 · 2024001" in page
    assert "gradebook" not in page.lower() and "成绩册" not in page and "solutions" not in page
    assert "00_index" not in page and "Shift" not in page and "Ctrl" not in page
    links = re.findall(r"<a ([^>]*)>", page)
    assert len(links) == 5 and all("target" not in a for a in links)  # same tab
    assert 'href="/voila/render/notebooks/03_classifying_knowledge.ipynb"' in page


def test_progress_counts_answered_exercises_from_the_answer_file(course, clean_kernel, monkeypatch):
    monkeypatch.setenv("CKM_STUDENT_ID", "2024001")
    chapter = next(p for p in pages(course / "notebooks") if p.path.endswith(CHAPTER))
    ids = exercise_ids(chapter.file)
    assert "c3.1-four-categories" in ids and len(ids) == 5  # the widgets of the page
    assert progress(chapter, "2024001") == (0, 5)
    home = render_home(course / "notebooks")
    assert 'data-answered="0" data-total="5"' in home
    # a check on the page (its kernel runs in the notebook's folder) and a hint elsewhere
    monkeypatch.chdir(course / "notebooks")
    monkeypatch.setenv("VOILA_REQUEST_URL", f"http://127.0.0.1:8866/voila/render/notebooks/{CHAPTER}")
    ckm_course.exercise("c3.1-four-categories").check({"客户姓名": "有关客户的知识"})
    ckm_course.exercise("c3.4-explicit-tacit").hint()  # a hint alone is not an answer
    assert progress(chapter, "2024001") == (1, 5)
    assert 'data-answered="1" data-total="5"' in render_home(course / "notebooks")
    assert progress(chapter, None) == (0, 5)  # another student's file (no id) is not this one's


def test_a_page_loses_its_speaker_notes_and_gets_a_link_home():
    notebook = nbformat.read(REPO / "notebooks" / CHAPTER, as_version=4)
    notes = [c for c in notebook.cells if c.metadata.get("slideshow", {}).get("slide_type") == "notes"]
    assert notes and all(is_speaker_note(c) for c in notes)

    class Handler:
        base_url = "/base/"

    page = prepare_page(Handler(), notebook, ".")
    text = "\n".join(c.source for c in page.cells)
    assert "讲者备注" not in text and "Speaker notes" not in text
    assert page.cells[0].source.startswith('<nav class="ckm-app-nav"><a href="/base/">')
    assert home_texts().home_link.en in page.cells[0].source


def test_speaker_notes_never_reach_an_exercise_notebook():
    solution = nbformat.read(REPO / "solutions" / "03_classifying_knowledge_exercises.ipynb", as_version=4)
    solution.cells.insert(1, nbformat.v4.new_markdown_cell("**讲者备注 Speaker notes**\n\n- 先问学生。 Ask first.",
                                                           metadata={"slideshow": {"slide_type": "notes"}}))
    solution.cells.insert(2, nbformat.v4.new_markdown_cell("**讲者备注 Speaker notes**\n\n- 只是标记。 Markup only."))
    built = exercise_notebook(solution, "x.ipynb")
    assert not any("讲者备注" in c.source for c in built.cells)
    assert len(built.cells) == len(solution.cells) - 2


def test_the_restore_banner_in_the_app_names_the_answer_file(tmp_path, clean_kernel, monkeypatch):
    shutil.copy(REPO / "notebooks" / CHAPTER, tmp_path / CHAPTER)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VOILA_REQUEST_URL", f"http://127.0.0.1:8866/voila/render/{CHAPTER}")
    ckm_course.set_language("en")
    ckm_course.exercise("c3.1-four-categories").check({"客户姓名": "有关客户的知识"})
    monkeypatch.setattr(journal, "_journals", {})  # a new page: a new kernel
    monkeypatch.setattr(journal, "_latest_answers", {})
    monkeypatch.setattr(saved, "_saved_cache", {})
    widget = exercise_widget("c3.1-four-categories")
    assert "restored from your answer file" in widget.feedback.value
    assert "saved notebook" not in widget.feedback.value


def test_the_server_culls_idle_kernels_and_runs_the_course_app():
    command = app.voila_command("notebooks", 9999)
    assert command[1:4] == ["-m", "ckm_course.frontends.app_server", "notebooks"]
    assert f"--MappingKernelManager.cull_idle_timeout={app.CULL_IDLE}" in command
    assert "--MappingKernelManager.cull_connected=False" in command  # an open tab keeps its kernel
    assert json.dumps(command).count("cull_interval") == 1
