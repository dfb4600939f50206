"""The local test hub's teardown (issue 15): a student server that outlives the hub is found and stopped."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ckm_course.hub import local


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="needs /proc (Linux)")
def test_servers_of_this_hub_are_stopped_and_others_are_left_alone():
    ours = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], start_new_session=True,
                            env={**os.environ, "JUPYTERHUB_API_URL": "http://127.0.0.1:1/hub/api"})
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], start_new_session=True,
                             env={**os.environ, "JUPYTERHUB_API_URL": "http://127.0.0.1:11/hub/api"})
    try:
        # under load a child may not have exec'd yet, its environment still this process's
        _wait_for_environ(ours.pid, b"JUPYTERHUB_API_URL=http://127.0.0.1:1/hub/api")
        _wait_for_environ(other.pid, b"JUPYTERHUB_API_URL=http://127.0.0.1:11/hub/api")
        local._stop_servers_of("http://127.0.0.1:1/hub/api")
        assert ours.wait(timeout=15) is not None
        assert other.poll() is None
    finally:
        for process in (ours, other):
            if process.poll() is None:
                process.kill()
            process.wait(timeout=15)


def _wait_for_environ(pid: int, entry: bytes) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if any(v == entry for v in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")):
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"process {pid} never started with {entry!r} in its environment")


def test_the_proxy_pins_are_exact_and_locked():
    import json

    package = json.loads((local.HERE / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((local.HERE / "package-lock.json").read_text(encoding="utf-8"))
    pinned = package["dependencies"]["configurable-http-proxy"]
    assert pinned.count(".") == 2 and pinned[0].isdigit()  # an exact version, no ^ or ~
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == pinned
