"""On a phone-sized window, the applicant's address is chosen 省 → 市 → 区县 from the table."""

from __future__ import annotations

from pathlib import Path

import requests

PHONE = {"width": 390, "height": 844}


def open_form(browser, server: str):
    page = browser.new_page(viewport=PHONE)
    page.goto(server + "/login")
    page.fill("input[name=username]", "hz-window")
    page.fill("input[name=password]", "courier-demo")
    page.click("main button[type=submit]")
    page.wait_for_selector("table.list")
    page.goto(server + "/cases/new")
    return page


def choose(page, name: str, code: str) -> None:
    page.wait_for_selector(f"select[name={name}] option[value='{code}']", state="attached")
    page.select_option(f"select[name={name}]", code)


def test_window_staff_choose_zhejiang_hangzhou_xihu_and_open_a_case(
    server: str, browser, tmp_path: Path
) -> None:
    page = open_form(browser, server)
    # the script lists cities itself, so the button that does it without script goes
    page.wait_for_selector("[data-division-refresh]", state="detached")
    page.fill("input[name=case_number]", "HZXH2026112677001")
    page.fill("input[name=matter_name]", "出生医学证明补发")
    page.select_option("select[name=department_code]", "HZ-MZ")
    page.select_option("select[name=result_delivery]", "mail")
    page.fill("input[name=applicant_name]", "钱多多")
    page.fill("input[name=applicant_mobile]", "13912345678")
    page.fill("input[name=applicant_id_number]", "11010519491231002X")
    choose(page, "address_province_code", "330000")
    choose(page, "address_city_code", "330100")
    choose(page, "address_county_code", "330106")
    page.fill("input[name=address_street]", "保俶路88号")
    page.fill("input[name=address_postcode]", "310007")
    page.fill("textarea[name=materials]", "申请表, 原件, 2")
    page.screenshot(path=str(tmp_path / "address-selects-390.png"), full_page=True)
    assert (tmp_path / "address-selects-390.png").stat().st_size > 0
    page.click("button:has-text('受理')")
    page.wait_for_url("**/cases/HZXH2026112677001")
    page.close()
    case = requests.get(
        f"{server}/api/v1/cases/HZXH2026112677001", auth=("hz-window", "courier-demo"), timeout=5
    ).json()
    address = case["applicant"]["address"]
    assert [address[k] for k in ("province", "city", "county", "county_code")] == [
        "浙江省",
        "杭州市",
        "西湖区",
        "330106",
    ]


def test_a_pasted_address_preselects_the_three_levels(server: str, browser) -> None:
    page = open_form(browser, server)
    page.fill("input[name=address_text]", "北京市东城区东四十条1号院2号楼")
    page.click("button:has-text('解析地址')")
    page.wait_for_selector(
        "select[name=address_county_code] option[value='110101']:checked", state="attached"
    )
    assert page.input_value("select[name=address_province_code]") == "110000"
    assert page.input_value("select[name=address_city_code]") == "110100"
    assert page.input_value("input[name=address_street]").startswith("东四十条1号院")
    page.close()
