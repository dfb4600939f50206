"""The hub image route (issue 15): repo2docker reads .binder/, which must stay in step with environment.yml."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BINDER = ROOT / ".binder"


def _body(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("name:"))
    return [line for line in lines[start:] if line.split("#")[0].strip() != "- -e ."]


def test_binder_environment_is_environment_yml_without_the_editable_install():
    assert (ROOT / "environment.yml").read_text(encoding="utf-8").count("- -e .") == 1
    assert "-e ." not in (BINDER / "environment.yml").read_text(encoding="utf-8").split("\nname:", 1)[1]
    assert _body(BINDER / "environment.yml") == _body(ROOT / "environment.yml"), (
        "environment.yml changed: copy its lines from `name:` on (without `- -e .`) into .binder/environment.yml")


def test_post_build_installs_the_package_and_the_lab_settings(tmp_path):
    script = BINDER / "postBuild"
    assert script.read_text(encoding="utf-8").startswith("#!/bin/bash\n")
    assert os.stat(script).st_mode & stat.S_IXUSR
    # run it as repo2docker does (from the repo root), with `python` a stub that records its arguments
    stub = tmp_path / "bin"
    stub.mkdir()
    (stub / "python").write_text(f'#!/bin/bash\necho "$@" > {tmp_path}/pip-args\n', encoding="utf-8")
    (stub / "python").chmod(0o755)
    prefix = tmp_path / "prefix"
    env = dict(os.environ, PATH=f"{stub}{os.pathsep}{os.environ['PATH']}", NB_PYTHON_PREFIX=str(prefix))
    subprocess.run([str(script)], cwd=ROOT, env=env, check=True, timeout=60)
    assert (tmp_path / "pip-args").read_text().split() == ["-m", "pip", "install", "--no-deps", "--no-cache-dir", "."]
    installed = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert installed.read_bytes() == (ROOT / "ckm_course" / "jupyter" / "overrides.json").read_bytes()
    copied = prefix / "share" / "ckm-course" / "datasets"
    assert sorted(p.name for p in copied.iterdir()) == sorted(p.name for p in (ROOT / "datasets").iterdir())
    failed = subprocess.run([str(script)], cwd=ROOT, env={**env, "NB_PYTHON_PREFIX": ""}, capture_output=True, text=True)
    assert failed.returncode != 0 and "NB_PYTHON_PREFIX" in failed.stderr


def test_start_points_the_package_at_the_image_data_and_runs_the_server_command(tmp_path):
    script = BINDER / "start"
    assert os.stat(script).st_mode & stat.S_IXUSR
    env = {k: v for k, v in os.environ.items() if k != "CKM_COURSE_DATA"}
    shown = subprocess.run([str(script), "sh", "-c", "echo $CKM_COURSE_DATA"], env={**env, "NB_PYTHON_PREFIX": "/srv/env"},
                           capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "/srv/env/share/ckm-course/datasets"
    kept = subprocess.run([str(script), "sh", "-c", "echo $CKM_COURSE_DATA"],
                          env={**env, "NB_PYTHON_PREFIX": "/srv/env", "CKM_COURSE_DATA": "/data"},
                          capture_output=True, text=True, check=True)
    assert kept.stdout.strip() == "/data"
