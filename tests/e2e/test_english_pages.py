"""In Chromium, staff switch the pages to English with the header's switch; it stays with them."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.conftest import serving
from tests.english import chinese_words

CASE = "BJDC2026112600001"  # the Dongcheng hall's demo case
WIDTHS = (1280, 390)


def test_hall_staff_switch_to_english_and_find_it_again_after_signing_in_elsewhere(
    browser, tmp_path: Path
) -> None:
    # a server of its own: the choice stays on the account, and other tests read Chinese
    with serving(tmp_path) as server:
        _switch_and_come_back(server, browser, tmp_path)


def _switch_and_come_back(server: str, browser, tmp_path: Path) -> None:
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(server + "/login")
        page.fill("input[name=username]", "bj-window")
        page.fill("input[name=password]", "courier-demo")
        page.click("main button[type=submit]")
        page.wait_for_selector("table.list")
        if width == WIDTHS[0]:
            page.click("header button:has-text('English')")
        page.wait_for_selector("html[lang=en]")
        assert chinese_words(page.content()) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(tmp_path / f"home-en-{width}.png"), full_page=True)
        page.goto(f"{server}/cases/{CASE}")
        page.wait_for_selector("html[lang=en]")
        assert chinese_words(page.content()) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(tmp_path / f"case-en-{width}.png"), full_page=True)
        context.close()  # the next width is a fresh browser: English comes from the account
    page = browser.new_page()
    page.goto(server + "/track")
    assert page.get_attribute("html", "lang") == "zh-CN"  # nobody chose anything here
    page.close()
