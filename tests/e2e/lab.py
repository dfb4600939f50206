"""A real JupyterLab on 127.0.0.1 driven by Debian's chromium through Playwright.

Shared by the browser tests and ``benchmarks/bench_latency.py``. Nothing here reaches
the network: the server listens on loopback with a token made by the caller, news and
update checks are off, and chromium runs with background networking disabled. Playwright
never downloads a browser: it is pointed at ``/usr/bin/chromium``.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from ckm_course.hub.serve import terminate, wait_until_up

OVERRIDES = Path(__file__).resolve().parents[2] / "ckm_course" / "jupyter" / "overrides.json"
# ckm-rise-widgets-shim, which `make setup` copies into .venv: here too, for a set-up made without make
JUPYTER_DATA = Path(__file__).resolve().parents[2] / "ckm_course" / "static" / "jupyter_data"
CHROMIUM = Path(os.environ.get("CKM_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]

# The same flags as `make lab`: no announcements, no update check, no PyPI-backed extension manager.
# the code-cell prompts of the notebook in view (hidden tabs keep their own)
PROMPTS = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt"
OFFLINE_FLAGS = ["--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                 "--LabApp.extension_manager=readonly"]
# tests only: window.jupyterapp, so a page that already shows JupyterLab can open the next notebook
# from its command registry (as File > Open does) instead of loading JupyterLab again (~5 CPU-s each)
TEST_FLAGS = ["--LabApp.expose_app_in_browser=True"]
THEME = "JupyterLab Light"


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (Debian: apt-get install chromium chromium-driver)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make test installs it)"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lab:
    """A running JupyterLab server; tests see the folder ``root`` (the server's root or a folder in it)."""

    def __init__(self, root: Path, port: int, token: str, process: subprocess.Popen, log: Path,
                 settings: Path, prefix: str = "") -> None:
        self.root, self.port, self.token, self.process, self.log = root, port, token, process, log
        self.settings, self.prefix = settings, prefix

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def path(self, notebook: str) -> str:
        """``notebook`` (relative to ``root``) as the server names it."""
        return self.prefix + notebook

    def url(self, notebook: str) -> str:
        # ?reset: a fresh workspace, so tabs from an earlier test are not restored
        return f"{self.base}lab/tree/{self.path(notebook)}?reset&token={self.token}"

    def within(self, folder: str) -> Lab:
        """The same server, seen from a folder of its root (one per test module, so files never clash)."""
        (self.root / folder).mkdir(parents=True, exist_ok=True)
        return Lab(self.root / folder, self.port, self.token, self.process, self.log, self.settings,
                   f"{self.prefix}{folder}/")

    def reset_settings(self) -> None:
        """Back to the course's defaults (light theme, English): a test may have changed them."""
        shutil.rmtree(self.settings, ignore_errors=True)
        _write_settings(self.settings)


def _write_settings(folder: Path) -> None:
    """The course's JupyterLab defaults (no news prompt, no kernel dialog) as user settings."""
    overrides = json.loads(OVERRIDES.read_text(encoding="utf-8"))
    # tests only: render every cell, so off-screen widgets are in the page to be found
    overrides.setdefault("@jupyterlab/notebook-extension:tracker", {})["windowingMode"] = "none"
    for plugin, values in overrides.items():
        package, name = plugin.split(":")
        target = folder / package / f"{name}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values), encoding="utf-8")


@contextmanager
def running_lab(root: Path, timeout: float = 120.0):
    """Start ``jupyter lab`` on a free loopback port with a fresh token; stop it afterwards."""
    token = secrets.token_hex(16)
    port = _free_port()
    state = root.parent / f".lab-state-{port}"
    for sub in ("runtime", "config", "settings", "workspaces", "data"):
        (state / sub).mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(state / "runtime"), JUPYTER_CONFIG_DIR=str(state / "config"),
               JUPYTERLAB_SETTINGS_DIR=str(state / "settings"), JUPYTERLAB_WORKSPACES_DIR=str(state / "workspaces"),
               JUPYTER_PATH=os.pathsep.join(p for p in (str(JUPYTER_DATA), os.environ.get("JUPYTER_PATH", "")) if p))
    _write_settings(state / "settings")
    log = state / "lab.log"
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}", "--ServerApp.port_retries=0",
        *OFFLINE_FLAGS, *TEST_FLAGS, *(["--allow-root"] if os.geteuid() == 0 else []),
    ]
    with open(log, "w", encoding="utf-8") as stream:
        process = subprocess.Popen(command, stdout=stream, stderr=subprocess.STDOUT, env=env)
    try:
        wait_until_up(process, f"http://127.0.0.1:{port}/api/status?token={token}", log, "JupyterLab", timeout)
        yield Lab(root, port, token, process, log, state / "settings")
    finally:
        terminate(process)
        shutil.rmtree(state / "runtime", ignore_errors=True)


@contextmanager
def chromium_browser():
    """Debian's chromium, headless, through Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


# Closes every open document unsaved and shuts down every kernel, then opens ``path``: the page is
# then as a fresh ``?reset`` load would leave it, without loading JupyterLab again.
_OPEN_IN_PLACE = """async (path) => {
    const app = window.jupyterapp;
    for (const widget of Array.from(app.shell.widgets('main'))) {
        if (widget.context) widget.context.model.dirty = false;  // discard, never ask
        widget.dispose();
    }
    for (const dialog of document.querySelectorAll('.jp-Dialog')) dialog.remove();
    await app.serviceManager.sessions.refreshRunning();
    await app.serviceManager.sessions.shutdownAll();
    await app.commands.execute('docmanager:open', {path});
}"""


def shows_lab(page, lab: Lab) -> bool:
    """Whether ``page`` already shows this server's JupyterLab, in the course's defaults (light, English)."""
    if not page.url.startswith(f"{lab.base}lab"):
        return False
    return page.evaluate("""(theme) => !!(window.jupyterapp && window.jupyterapp.shell)
        && document.body.dataset.jpThemeName === theme
        && document.querySelector('#jp-menu-panel .lm-MenuBar-itemLabel')?.textContent.trim() === 'File'""", THEME)


def write_code_notebook(path: Path, cells: list[str]) -> Path:
    """A notebook of ``cells`` (code) with the python3 kernelspec, written to ``path``."""
    import nbformat

    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(book, path)
    return path


def open_notebook(page, lab: Lab, notebook: str, timeout_ms: int = 120_000) -> None:
    """Open ``notebook`` alone in JupyterLab and wait until its kernel is idle.

    A page that shows this JupyterLab already opens it from the command registry; any other page
    loads JupyterLab at the notebook's URL with a fresh workspace."""
    if shows_lab(page, lab):
        page.evaluate(_OPEN_IN_PLACE, lab.path(notebook))
    else:
        page.goto(lab.url(notebook), timeout=timeout_ms)
    page.wait_for_function(
        """(path) => { const w = window.jupyterapp?.shell.currentWidget;
            return !!w && w.context?.path === path && w.sessionContext?.session?.kernel?.status === 'idle'
                && !!w.node.querySelector('.jp-Notebook'); }""",
        arg=lab.path(notebook), timeout=timeout_ms)
    page.locator("#jp-main-statusbar", has_text="| Idle").first.wait_for(timeout=timeout_ms)


def open_and_run_all(page, lab: Lab, notebook: str, timeout_ms: int = 120_000) -> None:
    """Open a notebook, wait for its kernel, run every cell from the Run menu, wait until all ran."""
    open_notebook(page, lab, notebook, timeout_ms)
    # a committed notebook shows old execution counts: clear them, so "every prompt numbered" means "ran now"
    page.locator(".lm-MenuBar-itemLabel", has_text="Edit").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Clear Outputs of All Cells").first.click()
    page.wait_for_function(f"() => [...document.querySelectorAll({PROMPTS!r})]"
                           ".every(p => !/\\[\\d+\\]/.test(p.textContent))", timeout=timeout_ms)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    wait_all_ran(page, timeout_ms)


def wait_all_ran(page, timeout_ms: int = 120_000) -> None:
    """Wait until every code cell shows an execution number ([*] while queued or running)."""
    page.wait_for_function(
        """() => {
            const prompts = [...document.querySelectorAll('""" + PROMPTS + """')];
            return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
        }""",
        timeout=timeout_ms)


def save(page) -> None:
    page.keyboard.press("Control+s")
    page.wait_for_function("() => !document.querySelector('.jp-mod-dirty')", timeout=30_000)


def allow_only(target, prefixes: tuple[str, ...]) -> list[str]:
    """Let a page or browser context load only URLs starting with ``prefixes``; every other request is
    aborted and listed in the returned (growing) list, which a test asserts is empty."""
    refused: list[str] = []

    def route(handle) -> None:
        if handle.request.url.startswith(prefixes):
            handle.continue_()
        else:
            refused.append(handle.request.url)
            handle.abort()

    target.route("**/*", route)
    return refused


def block_network(page) -> list[str]:
    """Let the page (or context) load only file:// URLs."""
    return allow_only(page, ("file://",))


def block_off_host(page, port: int) -> list[str]:
    """Let the page (or context) reach only the server on this loopback port."""
    return allow_only(page, (f"http://127.0.0.1:{port}/", f"ws://127.0.0.1:{port}/", "data:", "blob:"))
