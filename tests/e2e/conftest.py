"""Fixtures for the browser tests: one JupyterLab server and one chromium page per test process.

Loading JupyterLab costs chromium ~5 CPU-seconds and starting a server ~3, and the suite runs
two processes on two cores, so both are shared: each test module gets its own folder on the
server (``lab.root``), and each test gets the page back as a fresh load would leave it (no open
documents, no kernels, default size; the server's settings are the course's again before each
test, and ``lab.open_notebook`` reloads a page that shows another theme or language). After a
failed test the page is replaced.

Where chromium or playwright is missing the tests skip with the reason, unless
``CKM_REQUIRE_E2E=1`` (set by ``.ci/run``), where a skip would hide a broken set-up and
so fails instead. On failure each test leaves a screenshot in its tmp dir.
"""

from __future__ import annotations

import os

import pytest

from lab import chromium_browser, missing_browser, running_lab


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    reason = missing_browser()
    if reason:
        if os.environ.get("CKM_REQUIRE_E2E") == "1":
            pytest.fail(f"browser tests are required here (CKM_REQUIRE_E2E=1) but cannot run: {reason}")
        pytest.skip(reason)
    with chromium_browser() as launched:
        yield launched


VIEWPORT = {"width": 1400, "height": 1000}


class _SharedPage:
    """One chromium page kept across tests; ``take()`` hands it out clean, ``drop()`` discards it."""

    def __init__(self, browser) -> None:
        self.browser, self.context, self.page = browser, None, None

    def take(self):
        if self.page is None or self.page.is_closed():
            self.context = self.browser.new_context(viewport=VIEWPORT)
            self.page = self.context.new_page()
        self.page.unroute_all(behavior="ignoreErrors")  # a test's network blocker ends with it
        self.page.set_viewport_size(VIEWPORT)
        self.page.set_default_timeout(60_000)
        return self.page

    def drop(self) -> None:
        if self.context is not None:
            self.context.close()
        self.context = self.page = None


@pytest.fixture(scope="session")
def _shared_page(browser):
    shared = _SharedPage(browser)
    yield shared
    shared.drop()


@pytest.fixture
def page(_shared_page, request, tmp_path):
    page = _shared_page.take()
    if "lab" not in request.fixturenames and page.url != "about:blank":
        # a test without JupyterLab gets a blank page: JupyterLab's own requests while it unloads
        # (saving its workspace) must not land in that test's network blocker
        page.goto("about:blank")
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        shot = tmp_path / "failure.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"screenshot of the failure: {shot}")
        _shared_page.drop()  # whatever state the failure left, the next test does not inherit it


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory, browser):
    with running_lab(tmp_path_factory.mktemp("lab-root")) as server:
        yield server


@pytest.fixture(scope="module")
def lab(lab_server, request):
    """The shared JupyterLab, seen from this module's own folder."""
    return lab_server.within(request.module.__name__.rsplit(".", 1)[-1])


@pytest.fixture(autouse=True)
def _default_lab_settings(request):
    """Each test that uses the server starts from the course's settings: an earlier test may have
    saved a theme or a language (from the menu, as a student would), passed or failed."""
    if "lab" in request.fixturenames:
        request.getfixturevalue("lab_server").reset_settings()
