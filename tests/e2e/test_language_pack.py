"""JupyterLab's own menus in Chinese, offline (issue 10): Settings → Language → 中文.

The pinned ``jupyterlab-language-pack-zh-cn`` is a Python package: nothing is downloaded. A
person switches from the Settings menu (JupyterLab asks to reload); afterwards the menu bar
reads 文件 / 编辑 / 设置, and no request left the machine.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest

from gallery import set_lab_setting

pytestmark = pytest.mark.e2e
TRANSLATION = "@jupyterlab/translation-extension:plugin"
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def test_switching_the_language_menu_to_chinese_shows_chinese_menus_offline(lab, page):
    off_machine: list[str] = []

    def only_loopback(route) -> None:
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            off_machine.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    try:
        page.goto(f"http://127.0.0.1:{lab.port}/lab?reset&token={lab.token}", timeout=120_000)
        menu = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel")
        menu.filter(has_text="Settings").first.wait_for(timeout=120_000)
        assert "File" in menu.all_inner_texts()
        menu.filter(has_text="Settings").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Language").first.hover()
        chinese = page.locator(".lm-Menu-itemLabel", has_text="中文")
        chinese.first.wait_for(timeout=30_000)
        chinese.first.click()
        # JupyterLab asks before reloading the page in the new language
        page.locator(".jp-Dialog button", has_text="Change and reload").click()
        page.wait_for_function(
            "() => [...document.querySelectorAll('#jp-menu-panel .lm-MenuBar-itemLabel')]"
            ".some(label => label.textContent.trim() === '文件')", timeout=120_000)
        labels = [label.strip() for label in menu.all_inner_texts()]
        assert {"文件", "编辑", "设置"} <= set(labels), labels
        menu.filter(has_text="设置").first.click()
        assert page.locator(".lm-Menu-itemLabel", has_text="语言").first.is_visible()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "lab-menus-zh.png"))
        page.keyboard.press("Escape")
        assert off_machine == []
    finally:
        set_lab_setting(lab, TRANSLATION, {"locale": "en"})  # the next test in this module sees English
