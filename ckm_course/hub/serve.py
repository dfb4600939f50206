"""Wait for a server this package started (JupyterLab in tests, Voilà, the local hub) to answer.

One loop for every local server: poll a loopback URL until it answers, fail with the tail of the
server's log if the process dies or the time runs out.
"""

from __future__ import annotations

import subprocess
import time
import urllib.request
from pathlib import Path


class ServerDidNotStart(RuntimeError):
    """The server process exited or did not answer in time; the message carries its log's tail."""


def wait_until_up(process: subprocess.Popen, url: str, log: Path, what: str, timeout: float = 120.0,
                  error: type[RuntimeError] = ServerDidNotStart) -> None:
    """Return once ``url`` answers; raise ``error`` naming ``what`` with the end of ``log`` otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise error(f"{what} did not start; its log:\n{log.read_text(encoding='utf-8')[-3000:]}") from None
            time.sleep(0.3)


def terminate(process: subprocess.Popen, grace: float = 20.0) -> None:
    """Ask ``process`` to stop; kill it if it has not after ``grace`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
