"""Fixtures for the browser tests: a JupyterLab server per module, a chromium page per test.

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


@pytest.fixture
def page(browser, request, tmp_path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        shot = tmp_path / "failure.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"screenshot of the failure: {shot}")
    context.close()


@pytest.fixture(scope="module")
def lab_root(tmp_path_factory):
    return tmp_path_factory.mktemp("lab-root")


@pytest.fixture(scope="module")
def lab(lab_root, browser):
    with running_lab(lab_root) as server:
        yield server
