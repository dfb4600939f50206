"""A class on a local JupyterHub (issue 15): three students click the nbgitpuller link, answer, save; the instructor grades.

The hub is ``ckm_course/hub/jupyterhub_config.py`` (TEST-ONLY: shared password, local-process
spawner) with configurable-http-proxy from ``ckm_course/hub/package-lock.json``, all on
127.0.0.1; chromium may reach nothing but the hub. The course repo reaches the students as a
bare clone of this checkout behind a ``file://`` URL, which nbgitpuller clones like any git URL.

Spawner: ``SimpleLocalProcessSpawner`` with one home folder per student under a temp dir. Real
Unix users (``LocalProcessSpawner`` + ``useradd``) would need root, a ``.venv`` readable by
strangers, and would leave accounts in ``/etc/passwd`` if the run were killed; the home-folder
owner rule is unit-tested in ``tests/unit/test_hub_homes.py`` instead, and here the third
student, who never fills in ``student(...)``, is named by their home folder.
"""

from __future__ import annotations

import csv
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

import ckm_course
from ckm_course import read_answers
from ckm_course.hub.link import build_link
from lab import allow_only, save, wait_all_ran

pytestmark = [pytest.mark.e2e, pytest.mark.delivery]  # make test-delivery (Makefile)
REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "build" / "screenshots"
NOTEBOOK = "exercises/03_classifying_knowledge_exercises.ipynb"
EXERCISE = "c3.3-practice-formation"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
# (hub user, what they type into student(...) or None, how many items they get right)
STUDENTS = [("ckmhub-ana", ("测试 Ana", "T0001"), 1), ("ckmhub-ben", ("测试 Ben", "T0002"), 2), ("ckmhub-cai", None, 4)]


def _needs(reason: str) -> None:
    if os.environ.get("CKM_REQUIRE_E2E") == "1":
        pytest.fail(f"the hub test is required here (CKM_REQUIRE_E2E=1) but cannot run: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def hub(browser):
    from ckm_course.hub.local import HubError, ensure_proxy, running_hub

    if shutil.which("git") is None:
        _needs("git is missing (nbgitpuller clones with it; Debian: apt-get install git)")
    try:
        ensure_proxy()
    except HubError as exc:
        _needs(str(exc))
    work = Path(tempfile.mkdtemp(prefix="ckm-hub-"))
    try:
        origin = work / "origin" / "ckm-course.git"
        subprocess.run(["git", "clone", "--quiet", "--bare", "--branch", "main", str(REPO), str(origin)], check=True)
        password = secrets.token_hex(8)
        with running_hub(work / "hub", password, users=[s[0] for s in STUDENTS]) as running:
            running.password = password
            running.origin = f"file://{origin}"
            yield running
    finally:
        shutil.rmtree(work, ignore_errors=True)  # homes, hub database, repo: nothing is left behind


def _settings(home: Path) -> None:
    """Render every cell (tests only), as tests/e2e/lab.py does, so the exercise below the fold is in the page."""
    target = home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text('{"windowingMode": "none"}', encoding="utf-8")


def log_in(page, hub, user: str) -> None:
    page.goto(f"{hub.url}/hub/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", hub.password)
    page.click("#login_submit")
    page.wait_for_url(re.compile(rf"/user/{re.escape(user)}/lab"), timeout=180_000)  # the server is spawned


def open_link(page, link: str) -> float:
    """Click-equivalent: go to the link, wait for the notebook and an idle kernel; seconds taken."""
    started = time.perf_counter()
    page.goto(link)
    page.wait_for_url(re.compile(r"/lab/tree/"), timeout=180_000)
    page.locator(f"{PANEL} .jp-Notebook").first.wait_for(timeout=180_000)
    page.locator("#jp-main-statusbar", has_text="| Idle").first.wait_for(timeout=180_000)
    return time.perf_counter() - started


def items_for(who: str) -> tuple:
    """The items of EXERCISE's set drawn for ``who`` (issue 24), in the order the widget shows them."""
    from ckm_course.exercises import variant
    from ckm_course.exercises.checks.normalize import presented

    bank = ckm_course.exercise(EXERCISE).bank
    return presented(variant.restrict(bank, variant.variant_for(bank, who).items))


def answer(page, identity: tuple[str, str] | None, right: int, user: str) -> None:
    """Fill in student(...) (or leave it), run every cell, get ``right`` items of the exercise right, Check.

    The set is the student's own: drawn for the id given, else for the hub user (JUPYTERHUB_USER)."""
    if identity is not None:
        editor = page.locator(f"{PANEL} .jp-CodeCell").nth(1).locator(".cm-content")
        editor.click()
        page.keyboard.press("Control+a")
        page.keyboard.insert_text(f'ckm_course.student("{identity[0]}", "{identity[1]}")')
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    wait_all_ran(page, 180_000)
    exercise = ckm_course.exercise(EXERCISE)
    items = items_for(identity[1] if identity is not None else user)
    letters = {c.id: "ABCDEFGH"[i] for i, c in enumerate(exercise.choices)}
    grid = page.locator(f"{PANEL} .ckm-exercise:has(.ckm-pick-{items[0].id})")
    grid.wait_for()
    for number, item in enumerate(items):
        correct = item.answer[0]
        pick = correct if number < right else next(c for c in letters if c != correct)
        grid.locator(f".ckm-pick-{item.id} button", has_text=letters[pick]).click()
    grid.get_by_role("button", name=re.compile("Check")).click()
    page.locator(f"{PANEL} .ckm-saved summary", has_text=f"{right}/{len(items)}").wait_for()
    save(page)


def test_three_students_pull_answer_and_save_then_the_instructor_grades_their_homes(hub, browser, tmp_path):
    link = build_link(hub.url, hub.origin, branch="main", open_path=NOTEBOOK)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for user, identity, right in STUDENTS:
        _settings(hub.home(user))
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tried = allow_only(context, (hub.url + "/",))  # the hub on loopback and nothing else
        page = context.new_page()
        page.set_default_timeout(120_000)
        try:
            log_in(page, hub, user)
            seconds = open_link(page, link)
            print(f"{user}: link click -> {NOTEBOOK} open, kernel idle: {seconds:.1f} s")
            answer(page, identity, right, user)
            page.screenshot(path=str(SHOTS / f"hub-{user}.png"))
            saved = hub.home(user) / "ckm-course" / NOTEBOOK
            assert read_answers(saved)[EXERCISE]["score"] == right
            if user == STUDENTS[0][0]:  # a later click merges; it never overwrites the saved answer
                before = saved.read_bytes()
                open_link(page, link)
                assert saved.read_bytes() == before
            assert not tried, f"the browser tried to leave the hub: {tried[:5]}"
        except Exception:
            page.screenshot(path=str(SHOTS / f"hub-{user}-failure.png"), full_page=True)
            print(hub.log.read_text(encoding="utf-8")[-4000:])
            raise
        finally:
            context.close()

    pattern = f"{hub.homes}/*/ckm-course/exercises/03_*.ipynb"
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in hub.homes.glob("*/ckm-course/exercises/03_*.ipynb")}
    out = tmp_path / "gradebook"
    done = subprocess.run([str(Path(sys.executable).with_name("ckm-course")), "grade", pattern, "--out", str(out),
                           "--no-report"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with open(out / "grades.csv", encoding="utf-8") as stream:
        rows = {row["student_id"]: row for row in csv.DictReader(stream)}
    # On a hub the home folder's owner is the student (issue 21.4): a student(...) id that differs from
    # the user name is credited to the owner and flagged, never to the id it names.
    assert set(rows) == {user for user, _, _ in STUDENTS}
    for user, identity, right in STUDENTS:
        row = rows[user]
        assert ("identity_mismatch" in row["flags"]) == bool(identity and identity[1] != user), (user, row)
        assert float(row[EXERCISE]) == right, (user, row)
        assert f"/{user}/" in row["files"]
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in before}
    assert after == before  # grading read the students' files and wrote nothing to them
    assert len(before) == 3
