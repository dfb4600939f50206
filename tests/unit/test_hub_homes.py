"""Collecting a class on a hub: ``grade`` over a glob of home folders, identity from the home folder's owner (issue 15).

Grading reads, never writes: the student files keep their bytes and their modification time.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from ckm_course.cli import main
from ckm_course.exercises import identity
from ckm_course.grading.gradebook import grade
from ckm_course.hub.homes import expand, is_pattern

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "datasets" / "sample_submissions" / "submissions").glob("*.ipynb"))


def _anonymous(path: Path) -> None:
    """Drop the student(...) output and metadata: the notebook no longer says who wrote it."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(identity.MIME, None)
    notebook.get("metadata", {}).get("ckm_course", {}).pop("student", None)
    path.write_text(json.dumps(notebook), encoding="utf-8")


@pytest.fixture
def homes(tmp_path):
    """Three home folders with an exercise notebook each: two say who they are, one does not."""
    made = {}
    for number, user in enumerate(["alice", "jupyter-bob", "carol"]):
        target = tmp_path / "home" / user / "ckm-course" / "exercises" / "03_classifying_knowledge_exercises.ipynb"
        target.parent.mkdir(parents=True)
        shutil.copyfile(SAMPLES[number], target)
        made[user] = target
    _anonymous(made["carol"])
    _anonymous(made["jupyter-bob"])
    (tmp_path / "home" / "carol" / "ckm-course" / "exercises" / ".ipynb_checkpoints").mkdir()
    shutil.copyfile(made["carol"], made["carol"].parent / ".ipynb_checkpoints" / "03_x-checkpoint.ipynb")
    return tmp_path, made


def test_a_glob_expands_to_every_home_and_remembers_which_home_each_file_is_in(homes):
    root, made = homes
    found = expand([str(root / "home" / "*" / "ckm-course" / "exercises" / "03_*.ipynb")])
    assert found.paths == sorted(made.values()) and not found.unmatched
    assert [found.home_of(p) for p in found.paths] == ["alice", "carol", "jupyter-bob"]
    assert found.home_of(root / "elsewhere.ipynb") is None


def test_an_existing_path_is_not_a_pattern_and_a_pattern_without_matches_is_reported(homes, tmp_path):
    odd = tmp_path / "week[1].ipynb"
    shutil.copyfile(SAMPLES[0], odd)
    assert not is_pattern(odd) and is_pattern(tmp_path / "week*.ipynb")
    found = expand([odd, str(tmp_path / "nobody" / "*" / "x.ipynb")])
    assert found.paths == [odd] and found.unmatched == [str(tmp_path / "nobody" / "*" / "x.ipynb")]


def test_on_a_hub_the_home_folder_owner_is_the_identity_and_a_different_claim_is_flagged(homes):
    root, made = homes
    book = grade([str(root / "home" / "*" / "ckm-course" / "exercises" / "03_*.ipynb")])
    rows = {Path(r.files).parts[-4]: r for r in book.grades.itertuples()}
    named = json.loads(made["alice"].read_text(encoding="utf-8"))
    # issue 21 item 4: alice's notebook claims another id (a sample's student(...)): the home decides, flagged
    assert rows["alice"].student_id == "alice" and "identity_mismatch" in rows["alice"].flags
    assert rows["carol"].student_id == "carol" and rows["carol"].name == ""
    assert rows["jupyter-bob"].student_id == "bob"  # TLJH's Unix account jupyter-<hub user>
    assert "no_identity" not in rows["carol"].flags and len(book.grades) == 3
    assert named["cells"]  # the sample really is a notebook


def test_home_identity_matches_the_roster_id(homes, tmp_path):
    root, _ = homes
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name\ncarol,Carol Chen\nbob,Bob Bai\n", encoding="utf-8")
    book = grade([str(root / "home" / "*" / "ckm-course" / "exercises" / "*.ipynb")], roster=roster)
    named = dict(zip(book.grades["student_id"], book.grades["name"]))
    assert named["carol"] == "Carol Chen" and named["bob"] == "Bob Bai"


def test_without_a_glob_the_file_name_is_still_the_last_resort(homes):
    _, made = homes
    book = grade([made["carol"]])
    assert book.grades["student_id"].tolist() == [""]
    assert "no_identity" in book.grades["flags"].iloc[0]


def test_the_file_owner_wins_over_the_folder_name_when_it_is_a_student_account(homes, monkeypatch):
    root, made = homes
    if os.geteuid() == 0:
        os.chown(made["carol"], 4242, 4242)  # a file root does not own
    monkeypatch.setattr(identity, "_account", lambda uid: ("carol.chen", str(root / "home" / "carol")))
    assert identity.home_owner(made["carol"], "carol") == "carol.chen"
    # the owner's home directory is elsewhere and the folder is not named after them: the folder decides
    monkeypatch.setattr(identity, "_account", lambda uid: ("instructor", "/home/instructor"))
    assert identity.home_owner(made["carol"], "carol") == "carol"
    monkeypatch.setattr(identity, "_account", lambda uid: None)
    assert identity.from_home(made["carol"], "carol") == {"name": None, "id": "carol"}
    assert identity.from_home(made["carol"], None) is None


def test_grading_reads_and_never_writes_student_files(homes, tmp_path):
    root, made = homes
    old = {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in made.values()}
    old_listing = sorted(str(p) for p in (root / "home").rglob("*"))
    pattern = str(root / "home" / "*" / "ckm-course" / "exercises" / "03_*.ipynb")
    assert main(["grade", pattern, "--out", str(tmp_path / "gradebook")]) == 0
    assert {p: (p.read_bytes(), os.stat(p).st_mtime_ns) for p in made.values()} == old
    assert sorted(str(p) for p in (root / "home").rglob("*")) == old_listing  # nothing added beside them


def test_the_command_reports_a_pattern_that_matches_nothing_and_grades_the_rest(homes, tmp_path, capsys):
    root, _ = homes
    status = main(["grade", str(root / "home" / "*" / "ckm-course" / "exercises" / "03_*.ipynb"),
                   str(root / "home" / "*" / "missing" / "*.ipynb"), "--out", str(tmp_path / "out"), "--no-report"])
    captured = capsys.readouterr()
    assert status == 1
    assert "no file matches this pattern" in captured.err
    assert "graded 3 of 3 students" in captured.out


def test_a_home_folder_the_grader_may_not_read_is_reported_not_skipped_silently(homes, tmp_path, monkeypatch, capsys):
    root, made = homes
    closed = str(root / "home" / "carol")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if str(path) == closed else real_access(path, mode, **kw))
    found = expand([str(root / "home" / "*" / "ckm-course" / "exercises" / "03_*.ipynb")])
    assert found.unreadable == [closed]
    status = main(["grade", str(root / "home" / "*" / "ckm-course" / "exercises" / "03_*.ipynb"),
                   "--out", str(tmp_path / "out"), "--no-report"])
    assert status == 1
    assert f"error: {closed}: cannot read this home folder (permission denied)" in capsys.readouterr().err
