"""Hall staff print labels and hand parcels over from the sending desk, in a browser."""

from __future__ import annotations

import copy

import requests

from courier.demo import CASES
from tests.e2e.test_embedded_default import wait_for_waybill

WINDOW = ("hz-window", "courier-demo")


def sign_in(browser, server: str, username: str):
    page = browser.new_page()
    page.goto(server + "/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "courier-demo")
    page.click("main button[type=submit]")
    page.wait_for_selector("table.list")
    return page


def booked_originals(server: str, case_number: str) -> dict:
    """Open a case at the Xihu hall, book its originals and return it once they have a waybill."""
    data = {**copy.deepcopy(CASES[2][0]), "case_number": case_number}
    opened = requests.post(f"{server}/api/v1/cases", json=data, auth=WINDOW, timeout=5)
    assert opened.status_code == 201, opened.text
    plan = {"kind": "originals"}
    path = f"{server}/api/v1/cases/{case_number}/legs"
    booked = requests.post(path, json=plan, auth=WINDOW, timeout=5)
    assert booked.status_code == 201, booked.text
    return wait_for_waybill(server, case_number, WINDOW)


def test_the_desk_prints_labels_and_records_the_handover(server: str, browser) -> None:
    case = booked_originals(server, "HZXH2026112655001")
    waybill = case["legs"][0]["waybill_no"]
    page = sign_in(browser, server, "hz-window")
    page.click("text=寄递台")
    page.wait_for_selector(f"text={waybill}")
    assert "未打印" in page.inner_text("body")
    page.check(f"input[aria-label='选择 {waybill}']")
    page.select_option("select[name=size]", "100x180")
    with page.expect_popup() as labels:
        page.click("button:has-text('打印面单')")
    assert labels.value.url.endswith("/desk/labels")
    page.reload()  # the print was recorded: the desk now says so
    assert "已打印" in page.inner_text("body")
    page.check(f"input[aria-label='选择 {waybill}']")
    with page.expect_popup() as handover:
        page.click("button:has-text('交邮并打印交接清单')")
    handover.value.wait_for_load_state()
    assert "/api/v1/handovers/" in handover.value.url
    page.reload()
    assert waybill not in page.inner_text("body") and "没有待交邮的邮件" in page.inner_text("body")
    leg = requests.get(
        f"{server}/api/v1/legs/{case['legs'][0]['id']}",
        auth=WINDOW,
        timeout=5,
    ).json()
    assert leg["status"] == "handed_over"
    page.close()


def test_handing_over_nothing_is_told_in_chinese(server: str, browser) -> None:
    page = sign_in(browser, server, "bj-window")
    page.goto(server + "/desk")
    with page.expect_popup() as result:
        page.click("button:has-text('交邮并打印交接清单')")
    result.value.wait_for_load_state()
    assert "请先勾选要处理的邮件" in result.value.inner_text("body")
    page.close()
