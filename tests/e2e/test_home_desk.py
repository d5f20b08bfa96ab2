"""On a 390 px phone, hall staff search the home desk and the page fits the screen."""

from __future__ import annotations

from pathlib import Path

CASE = "BJDC2026112600001"  # the Dongcheng hall's demo case, applicant 张小明
PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_desk_fits_the_screen_and_finds_a_case_by_its_number(
    server: str, browser, tmp_path: Path
) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(server + "/login")
    page.fill("input[name=username]", "bj-window")
    page.fill("input[name=password]", "courier-demo")
    page.click("main button[type=submit]")
    page.wait_for_selector("table.list")
    assert "待处理异常" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.fill("input[name=q]", CASE[:8].lower())
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/?q=*")
    page.wait_for_selector(f"table.list a:has-text('{CASE}')")
    rows = page.locator("table.list.cases tbody tr")
    assert rows.count() == 2 and "共 2 件" in page.inner_text("main")
    page.fill("input[name=q]", CASE)
    page.click("form.search button[type=submit]")
    page.wait_for_selector("text=共 1 件")
    text = page.inner_text("main")
    assert rows.count() == 1 and CASE in text
    assert "张*明" in text and "张小明" not in text
    # a stacked card: the case number's label sits above the number, inside the screen
    card = rows.first.bounding_box()
    assert card is not None and card["x"] + card["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(tmp_path / "home-desk-390.png"), full_page=True)
    assert (tmp_path / "home-desk-390.png").stat().st_size > 0
    page.close()


def test_a_malformed_date_is_told_next_to_its_field_in_the_browser(server: str, browser) -> None:
    page = browser.new_page(viewport=PHONE)
    page.goto(server + "/login")
    page.fill("input[name=username]", "hz-minzheng")
    page.fill("input[name=password]", "courier-demo")
    page.click("main button[type=submit]")
    page.wait_for_selector("form.search")
    page.goto(server + "/?from=2026-02-30")
    error = page.locator("label:has(input[name=from]) small.error")
    assert error.inner_text() == "日期格式应为 年-月-日，例如 2026-12-03。"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.close()
