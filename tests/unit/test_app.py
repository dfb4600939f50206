"""Voilà app mode's answer files (issue 14): named per notebook and student, merged, read like notebooks."""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path

import pytest
from IPython.core.formatters import DisplayFormatter

import ckm_course
from ckm_course import exercise, read_answers
from ckm_course.exercises import answers, journal, saved
from ckm_course.frontends import app
from ckm_course.exercises.reader import read_all
from ckm_course.frontends.widgets import exercise_widget

REPO = Path(__file__).resolve().parents[2]
CHAPTER = "03_classifying_knowledge.ipynb"


@pytest.fixture
def page(clean_kernel, tmp_path, monkeypatch):
    """A kernel as Voilà starts it: in the notebook's folder, with the page URL in its environment."""
    shutil.copy(REPO / "notebooks" / CHAPTER, tmp_path / CHAPTER)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.setenv("VOILA_REQUEST_URL", f"http://127.0.0.1:8866/voila/render/{CHAPTER}?x=1")
    ckm_course.set_language("en")
    yield tmp_path


def test_answer_file_names():
    assert answers.answer_file("n/03_x.ipynb").name == "03_x.answers.json"
    assert answers.answer_file("n/03_x.ipynb", "2024_001").name == "03_x.2024_001.answers.json"
    # an id not kept as it is gets a hash of itself: it never shares 2024_001's file (issue 21 item 5)
    assert answers.answer_file("n/03_x.ipynb", "2024 001/..").name.startswith("03_x.2024_001~")


def test_outside_voila_nothing_is_written(tmp_path, monkeypatch):
    monkeypatch.delenv("VOILA_REQUEST_URL", raising=False)
    assert not answers.in_app() and answers.current_answer_file() is None
    assert answers.save({"exercise": "c3.1-four-categories"}) is None


def test_checks_and_hints_in_the_app_go_to_the_answer_file(page, monkeypatch):
    monkeypatch.setenv("CKM_STUDENT_ID", "2024001")
    monkeypatch.setenv("CKM_STUDENT_NAME", "王小明")
    grid = exercise("c3.1-four-categories")
    grid.check({"客户姓名": "有关客户的知识"})
    exercise("c3.4-explicit-tacit").hint()
    target = page / "03_classifying_knowledge.2024001.answers.json"
    written = json.loads(target.read_text(encoding="utf-8"))
    assert written["format"] == "ckm-course-answers" and written["notebook"] == CHAPTER
    answers = read_answers(target)
    assert answers["c3.1-four-categories"]["score"] == 1 and answers["c3.1-four-categories"]["schema"] == 2
    assert answers["c3.4-explicit-tacit"]["status"] == "not_attempted"
    assert answers["c3.4-explicit-tacit"]["hints_seen"] == [1]
    submissions, problems = read_all([page])
    found = [s for s in submissions if s.file.endswith(".answers.json")]
    assert [s.identity for s in found] == [{"name": "王小明", "id": "2024001"}] and not problems
    # a new page (a new kernel) restores from the file
    monkeypatch.setattr(journal, "_journals", {})
    monkeypatch.setattr(saved, "_saved_cache", {})
    assert saved.saved_record("c3.1-four-categories")["answer"] == {"name": ["about"]}


def test_a_damaged_answer_file_is_kept_aside_not_overwritten(page):
    target = page / "03_classifying_knowledge.answers.json"
    target.write_text("{ not json", encoding="utf-8")
    exercise("c3.1-four-categories").check({"客户姓名": "有关客户的知识"})
    assert (page / "03_classifying_knowledge.answers.json.damaged").read_text(encoding="utf-8") == "{ not json"
    assert "c3.1-four-categories" in read_answers(target)


def test_a_second_damaged_file_does_not_replace_the_first(page):
    target = page / "03_classifying_knowledge.answers.json"
    (page / (target.name + ".damaged")).write_text("first", encoding="utf-8")
    target.write_text("second", encoding="utf-8")
    exercise("c3.1-four-categories").check({"客户姓名": "有关客户的知识"})
    assert (page / (target.name + ".damaged")).read_text(encoding="utf-8") == "first"
    assert (page / (target.name + ".damaged.2")).read_text(encoding="utf-8") == "second"


def grid_answered(exercise_id: str = "c3.1-four-categories"):
    """The classification grid of the page with one right and one wrong cell ticked (Score 1/19)."""
    widget = exercise_widget(exercise_id)
    widget.toggles["name"]["about"].value = True
    widget.toggles["manual"]["from"].value = True
    return widget


def test_the_widget_says_where_its_answer_was_saved(page):
    widget = grid_answered()
    assert widget.saved_line in widget.children  # inside the widget tree: Voila updates it
    assert "answers are saved to <code>03_classifying_knowledge.answers.json</code>" in widget.saved_line.value
    widget.check()
    line = widget.saved_line.value
    assert 'data-state="saved"' in line and "Saved to <code>03_classifying_knowledge.answers.json</code>" in line
    assert "Score: 1/19" in line and "attempt 1" in line
    assert read_answers(page / "03_classifying_knowledge.answers.json")["c3.1-four-categories"]["score"] == 1


def test_an_answer_file_that_cannot_be_written_is_reported_in_the_widget_and_the_answer_kept(page):
    # a folder where the answer file should be: a failure that also happens for root (who ignores chmod)
    blocked = page / "03_classifying_knowledge.answers.json"
    blocked.mkdir()
    widget = grid_answered()
    result = widget.check()  # never raises
    assert result.score == 1 and "1/19" in widget.feedback.value
    line = widget.saved_line.value
    assert 'class="ckm-not-saved"' in line and 'role="alert"' in line
    assert "Your answer was NOT saved" in line and "答案没有保存" in line  # both languages, whatever the toggle
    assert "03_classifying_knowledge.answers.json" in line and "keep the page open" in line
    assert "tell your instructor" in line and "告诉老师" in line and str(page) in line
    assert "(a folder has the answer file&#x27;s name)" in line and "（有一个同名的文件夹）" in line
    assert journal.current("c3.1-four-categories")["answer"] == {"name": ["about"], "manual": ["from"]}
    assert blocked.is_dir() and not list(blocked.iterdir())  # the folder is left alone
    assert not journal.save_state("c3.1-four-categories").saved
    # the folder is fixed; the next check saves and the message goes
    blocked.rmdir()
    widget.toggles["manual"]["need"].value = True
    widget.check()
    assert "NOT saved" not in widget.saved_line.value and "Score: 1.5/19" in widget.saved_line.value
    assert read_answers(blocked)["c3.1-four-categories"]["attempt"] == 2


def test_a_full_disk_is_reported_too(page, monkeypatch):
    def full(path, text):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(answers, "write_text_atomic", full)
    widget = grid_answered()
    widget.check()
    assert "NOT saved" in widget.saved_line.value and "(disk full)" in widget.saved_line.value
    assert "（磁盘已满）" in widget.saved_line.value  # the reason in each language
    monkeypatch.setattr(answers, "write_text_atomic", lambda path, text: 1 / 0)  # not an OSError: said as it is
    widget.show_hint()  # a hint is persisted too, and fails the same way: still reported, nothing raised
    assert "NOT saved" in widget.saved_line.value and "ZeroDivisionError" in widget.saved_line.value
    assert journal.current("c3.1-four-categories")["hints_seen"] == [1]


def test_a_read_only_folder_is_reported(page, monkeypatch):
    # what writing into a read-only folder raises; simulated, because root (CI, containers) may
    # write there anyway, and a real filesystem failure is covered by the folder-in-the-way test
    def read_only(path, text):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(answers, "write_text_atomic", read_only)
    widget = grid_answered()
    widget.check()
    assert "NOT saved" in widget.saved_line.value and "(permission denied)" in widget.saved_line.value


def test_outside_the_app_the_widget_is_unchanged(tmp_path, monkeypatch):
    monkeypatch.delenv("VOILA_REQUEST_URL", raising=False)
    monkeypatch.setattr(journal, "_journals", {})
    widget = grid_answered()
    widget.check()
    assert widget.saved_line not in widget.children and widget.saved_line.value == ""
    assert journal.save_state("c3.1-four-categories") is None


def test_the_ready_line_is_not_shown_in_the_app(page, monkeypatch):
    line = ckm_course.start("en")
    assert "ready" in line and DisplayFormatter().format(line) == ({}, {})
    monkeypatch.delenv("VOILA_REQUEST_URL")
    shown, _ = DisplayFormatter().format(ckm_course.start("en"))
    assert "ready" in shown["text/plain"]


def test_voila_command_is_loopback_and_offline():
    command = app.voila_command("notebooks", 9999)
    assert "--Voila.ip=127.0.0.1" in command and "--no-browser" in command and "--template=ckm" in command
    env = app.voila_env({"JUPYTER_PATH": "/x", "JPY_SESSION_NAME": "/home/a/other.ipynb"})
    assert "JPY_SESSION_NAME" not in env
    assert env["JUPYTER_PATH"].split(":")[0].endswith("jupyter_data") and env["JUPYTER_PATH"].endswith("/x")
    template = app.TEMPLATES / "voila" / "templates" / "ckm" / "index.html.j2"
    assert "extends 'lab/index.html.j2'" in template.read_text(encoding="utf-8")


def test_the_app_culls_idle_kernels_and_pings_websockets_so_dead_tabs_are_culled_too():
    """Issue 22.7: culling skips connected kernels; pings close dead connections so they count as gone."""
    from ckm_course.frontends.app import voila_command

    command = voila_command("notebooks", 8866)
    assert "--MappingKernelManager.cull_idle_timeout=300" in command
    ping = next(o for o in command if o.startswith("--Voila.tornado_settings="))
    assert '"websocket_ping_interval": 30' in ping and '"websocket_ping_timeout": 60' in ping
    mine = voila_command("notebooks", 8866, extra=['--Voila.tornado_settings={"websocket_ping_interval": 2}'])
    assert [o for o in mine if o.startswith("--Voila.tornado_settings=")] == ['--Voila.tornado_settings={"websocket_ping_interval": 2}']
