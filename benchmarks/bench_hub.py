"""A class on a hub (issue 15): collecting 300 home folders, and one student's nbgitpuller click.

* ``grade`` over 300 synthetic home folders given as one quoted glob
  (``<tmp>/home/*/ckm-course/exercises/03_*.ipynb``; a third of the notebooks carry no
  ``student(...)``, so they are named by their home folder): the whole command with start-up,
  best of 3, without and with ``report.html``. Target: <= 5 s on 2 cores, printed as time / 5 s
  (<= 1). Also the glob's cost: the same 300 files given as explicit paths.
* The local test hub (``ckm_course/hub``): after log-in (server spawned), a student's first
  click on the nbgitpuller link (clone, then JupyterLab opens the exercise notebook and its
  kernel is idle), a second click (fetch + merge), and the same notebook opened directly
  without nbgitpuller; ratios link / direct.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from lab import chromium_browser, missing_browser  # noqa: E402

HOMES = 300
C3 = ("c3.1-practice-touchpoints", "c3.2-practice-process-view", "c3.3-practice-formation", "c3.4-practice-explicit-tacit")
NOTEBOOK = "exercises/03_classifying_knowledge_exercises.ipynb"
TARGET_S = 5.0


def _homes(root: Path) -> list[Path]:
    from ckm_course.grading import identity, samples

    files = [text for name, text in sorted(samples.class_files(HOMES, C3, seed=15, oddities=False).items())
             if name.endswith(".ipynb")]
    made = []
    for number, text in enumerate(files):
        target = root / "home" / f"student{number:03d}" / "ckm-course" / NOTEBOOK
        target.parent.mkdir(parents=True, exist_ok=True)
        if number % 3 == 0:  # no student(...): the home folder names the student
            notebook = json.loads(text)
            for cell in notebook["cells"]:
                for output in cell.get("outputs", []):
                    output.get("data", {}).pop(identity.MIME, None)
            notebook.get("metadata", {}).get("ckm_course", {}).pop("student", None)
            text = json.dumps(notebook)
        target.write_text(text, encoding="utf-8")
        made.append(target)
    return made


def _command(args: list[str], out: Path) -> float:
    best = float("inf")
    for _ in range(3):
        shutil.rmtree(out, ignore_errors=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ckm_course.cli", "grade", *args, "--out", str(out)],
                       check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def bench_grade() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = _homes(root)
        pattern = f"{root}/home/*/ckm-course/exercises/03_*.ipynb"
        glob_plain = _command([pattern, "--no-report"], root / "out")
        explicit = _command([*map(str, files), "--no-report"], root / "out")
        glob_report = _command([pattern], root / "out")
        rows = (root / "out" / "grades.csv").read_text(encoding="utf-8").count("\n") - 1
    figures = {"grade_300_s": glob_plain, "grade_300_report_s": glob_report, "explicit_300_s": explicit,
               "target_ratio": glob_plain / TARGET_S, "target_ratio_report": glob_report / TARGET_S}
    print(f"grade over {HOMES} home folders (one glob, {rows} rows, 4 exercises):")
    print(f"  whole command, no report: {glob_plain:.2f} s -> / {TARGET_S:.0f} s target = {figures['target_ratio']:.2f}"
          + ("" if figures["target_ratio"] <= 1 else "  > 1"))
    print(f"  whole command with report.html: {glob_report:.2f} s -> / {TARGET_S:.0f} s target = "
          f"{figures['target_ratio_report']:.2f}" + ("" if figures["target_ratio_report"] <= 1 else "  > 1"))
    print(f"  the same 300 files as explicit paths: {explicit:.2f} s (glob / explicit = {glob_plain / explicit:.2f})")
    return figures


def _ready(page, url: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_url(re.compile(r"/lab/tree/"), timeout=180_000)
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first.wait_for(timeout=180_000)
    page.locator("#jp-main-statusbar", has_text="| Idle").first.wait_for(timeout=180_000)
    return time.perf_counter() - start


def bench_link() -> dict[str, float]:
    from ckm_course.hub.link import build_link
    from ckm_course.hub.local import HubError, ensure_proxy, running_hub

    reason = missing_browser() or (None if shutil.which("git") else "git is missing")
    try:
        ensure_proxy()
    except HubError as exc:
        reason = reason or str(exc)
    if reason:
        print(f"nbgitpuller click: skipped ({reason})")
        return {}
    user, password = "ckmbench", secrets.token_hex(8)
    with tempfile.TemporaryDirectory() as tmp, chromium_browser() as browser:
        work = Path(tmp)
        origin = work / "origin" / "ckm-course.git"
        subprocess.run(["git", "clone", "--quiet", "--bare", "--branch", "main", str(ROOT), str(origin)], check=True)
        with running_hub(work / "hub", password, users=[user]) as hub:
            link = build_link(hub.url, f"file://{origin}", open_path=NOTEBOOK)
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(hub.url + "/") else r.abort())
            page = context.new_page()
            start = time.perf_counter()
            page.goto(f"{hub.url}/hub/login")
            page.fill("input[name=username]", user)
            page.fill("input[name=password]", password)
            page.click("#login_submit")
            page.wait_for_url(re.compile(rf"/user/{user}/lab"), timeout=180_000)
            spawn = time.perf_counter() - start
            first = _ready(page, link)
            second = _ready(page, link)
            direct = min(_ready(page, f"{hub.url}/user/{user}/lab/tree/ckm-course/{NOTEBOOK}") for _ in range(2))
            context.close()
    figures = {"login_spawn_s": spawn, "first_click_s": first, "later_click_s": second, "direct_open_s": direct,
               "first_click_ratio": first / direct, "later_click_ratio": second / direct}
    print("one student on the local hub (chromium, loopback):")
    print(f"  log in until the server is up: {spawn:.1f} s")
    print(f"  first click on the nbgitpuller link -> notebook open, kernel idle: {first:.1f} s "
          f"({figures['first_click_ratio']:.2f}x opening it directly)")
    print(f"  a later click (fetch + merge): {second:.1f} s ({figures['later_click_ratio']:.2f}x)")
    print(f"  the same notebook opened directly, no nbgitpuller: {direct:.1f} s")
    return figures


def main() -> dict[str, float]:
    return {**bench_grade(), **bench_link()}


if __name__ == "__main__":
    main()
