"""Start and stop the local TEST-ONLY hub of ``jupyterhub_config.py`` from Python (issue 15).

Used by ``tests/e2e/test_hub.py`` and ``benchmarks/bench_hub.py``; ``make hub`` runs the same
config from the command line. :func:`ensure_proxy` installs configurable-http-proxy from the
committed ``package-lock.json`` into ``<venv>/hub`` when it is missing (npm, never global).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ckm_course.hub.serve import wait_until_up

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "jupyterhub_config.py"
PROXY_HOME = Path(sys.prefix) / "hub"
PROXY = PROXY_HOME / "node_modules" / ".bin" / "configurable-http-proxy"


class HubError(RuntimeError):
    """The hub (or its proxy) cannot be started; the message says why and what to do."""


def ensure_proxy() -> Path:
    """The configurable-http-proxy executable, installed with ``npm ci`` from the lock file if missing."""
    if PROXY.exists():
        return PROXY
    npm = shutil.which("npm")
    if npm is None:
        raise HubError("configurable-http-proxy is not installed and npm is missing: install node and npm "
                       "(Debian: apt-get install npm), then run `make hub-proxy`")
    PROXY_HOME.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(HERE / name, PROXY_HOME / name)
    done = subprocess.run([npm, "ci", "--prefix", str(PROXY_HOME), "--no-audit", "--no-fund", "--loglevel=error"],
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or not PROXY.exists():
        raise HubError(f"npm ci of configurable-http-proxy failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
    return PROXY


@dataclass
class Hub:
    """A running hub: its public URL, the folder of home folders and its log."""

    url: str
    homes: Path
    log: Path
    process: subprocess.Popen

    def home(self, user: str) -> Path:
        return self.homes / user


def _free_ports(count: int) -> int:
    """A base port with ``count`` consecutive free ports on 127.0.0.1 (the hub uses base, base+1, base+2)."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + count >= 65535:
            continue
        sockets = []
        try:
            for offset in range(count):
                sock = socket.socket()
                sock.bind(("127.0.0.1", base + offset))
                sockets.append(sock)
            return base
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
    raise HubError("no three free consecutive ports on 127.0.0.1")


@contextmanager
def running_hub(state: Path, password: str, users: list[str] | None = None, timeout: float = 120.0) -> Iterator[Hub]:
    """Start the test hub with its state and home folders under ``state``; stop it (and every student server) after."""
    proxy = ensure_proxy()
    port = _free_ports(3)
    homes = state / "home"
    homes.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, CKM_HUB_PORT=str(port), CKM_HUB_STATE=str(state), CKM_HUB_HOMES=str(homes),
               CKM_HUB_PASSWORD=password, CKM_HUB_USERS=",".join(users or []), CKM_HUB_PROXY=str(proxy))
    log = state / "hub.log"
    with open(log, "w", encoding="utf-8") as stream:
        process = subprocess.Popen([str(Path(sys.executable).with_name("jupyterhub")), "-f", str(CONFIG)],
                                   cwd=state, env=env, stdout=stream, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(process, f"{url}/hub/api", log, "JupyterHub", timeout, error=HubError)
        yield Hub(url, homes, log, process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # the hub stops the student servers and the proxy it started
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        try:
            os.killpg(process.pid, signal.SIGKILL)  # anything of this session left behind
        except (ProcessLookupError, PermissionError):
            pass
        _stop_servers_of(f"http://127.0.0.1:{port + 1}/hub/api")


def _stop_servers_of(api_url: str) -> None:
    """Stop student servers this hub spawned that outlived it (each runs in a session of its own).

    They are found by the hub API URL in their environment, which is unique to this hub's port.
    """
    needle = f"JUPYTERHUB_API_URL={api_url}".encode()
    left = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                left.append(int(entry.name))
        except OSError:
            continue
    for signal_number in (signal.SIGTERM, signal.SIGKILL):
        for pid in left:
            try:
                os.kill(pid, signal_number)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in left):
            time.sleep(0.2)


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting for its parent to reap it counts as ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False
