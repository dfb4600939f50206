"""A real Voilà (``make app``'s command line) on 127.0.0.1, for the browser tests and the benchmark."""

from __future__ import annotations

import subprocess
from contextlib import contextmanager
from pathlib import Path

from lab import _free_port

from ckm_course.frontends.app import voila_command, voila_env
from ckm_course.hub.serve import terminate, wait_until_up


class Voila:
    """A running Voilà server rooted at ``root``."""

    def __init__(self, root: Path, port: int, process: subprocess.Popen, log: Path) -> None:
        self.root, self.port, self.process, self.log = root, port, process, log

    def url(self, notebook: str) -> str:
        return f"http://127.0.0.1:{self.port}/voila/render/{notebook}"


@contextmanager
def running_voila(root: Path, env: dict[str, str] | None = None, timeout: float = 120.0):
    """Start ``ckm_course.frontends.app.voila_command(root)`` on a free loopback port; stop it afterwards."""
    port = _free_port()
    log = root.parent / f".voila-{port}.log"
    with open(log, "w", encoding="utf-8") as stream:
        process = subprocess.Popen(voila_command(root, port), stdout=stream, stderr=subprocess.STDOUT,
                                   env=voila_env(env), cwd=root)
    try:
        wait_until_up(process, f"http://127.0.0.1:{port}/", log, "Voila", timeout)
        yield Voila(root, port, process, log)
    finally:
        terminate(process)


