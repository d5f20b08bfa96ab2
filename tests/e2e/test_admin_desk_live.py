"""In a real browser an administrator creates a department with the address selects, edits and
deactivates it, then opens an account and disables it; at desktop and phone widths."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from tests.e2e.test_address_selects import choose

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def signed_in_admin(browser, server: str, viewport: dict[str, int]):
    page = browser.new_page(viewport=viewport)
    page.goto(server + "/login")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "courier-demo")
    page.click("main button[type=submit]")
    page.wait_for_selector("table.list")
    return page


@pytest.mark.parametrize("width", WIDTHS)
def test_an_administrator_manages_a_department_and_an_account(
    server: str, browser, tmp_path: Path, width: str
) -> None:
    code, username = f"E2E-{width[:2].upper()}", f"e2e-{width}"
    page = signed_in_admin(browser, server, WIDTHS[width])
    page.goto(server + "/admin/departments/new")
    page.wait_for_selector("[data-division-refresh]", state="detached")
    page.fill("input[name=code]", code)
    page.fill("input[name=name]", "杭州市西湖区民政局")
    choose(page, "address_province_code", "330000")
    choose(page, "address_city_code", "330100")
    choose(page, "address_county_code", "330106")
    page.fill("input[name=address_street]", "保俶路88号")
    page.fill("input[name=address_postcode]", "310007")
    page.fill("input[name=contact_name]", "周敏")
    page.fill("input[name=contact_phone]", "13905710009")
    page.fill("input[name=customer_no]", "3301088809")
    page.screenshot(path=str(tmp_path / f"admin-department-{width}.png"), full_page=True)
    page.click("button:has-text('保存')")
    page.wait_for_url("**/admin/departments")
    row = page.locator("tr", has_text=code)
    assert "13905710009" not in row.inner_text()
    row.locator("a:has-text('修改')").click()
    assert page.input_value("select[name=address_county_code]") == "330106"
    page.fill("input[name=name]", "杭州市西湖区民政局婚姻登记处")
    page.click("button:has-text('保存')")
    page.wait_for_url("**/admin/departments")
    page.locator("tr", has_text=code).locator("button:has-text('停用')").click()
    page.wait_for_selector(f"tr:has-text('{code}'):has-text('已停用')")
    page.screenshot(path=str(tmp_path / f"admin-departments-{width}.png"), full_page=True)

    page.goto(server + "/admin/accounts/new")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "long-enough-1")
    page.fill("input[name=display_name]", "测试窗口")
    page.select_option("select[name=role]", "hall_staff")
    page.select_option("select[name=hall_code]", "HZ-XH")
    page.click("button:has-text('保存')")
    page.wait_for_url("**/admin/accounts**")
    page.locator("tr", has_text=username).locator("button:has-text('停用')").click()
    page.wait_for_selector(f"tr:has-text('{username}'):has-text('已停用')")
    page.screenshot(path=str(tmp_path / f"admin-accounts-{width}.png"), full_page=True)
    assert (tmp_path / f"admin-accounts-{width}.png").stat().st_size > 0
    page.close()

    departments = requests.get(
        f"{server}/api/v1/departments", auth=("admin", "courier-demo"), timeout=5
    ).json()["departments"]
    made = next(d for d in departments if d["code"] == code)
    assert made["name"] == "杭州市西湖区民政局婚姻登记处" and made["active"] is False
    assert made["address"]["county_code"] == "330106"
    refused = requests.get(f"{server}/api/v1/cases", auth=(username, "long-enough-1"), timeout=5)
    assert refused.status_code == 401
