"""On the live server: signing out ends the session everywhere, and pages obey the CSP."""

from __future__ import annotations

import requests

from tests.e2e.test_embedded_default import wait_for_waybill
from tests.e2e.test_sending_desk import sign_in


def test_a_session_cookie_copied_before_sign_out_is_dead_after_it(server: str, browser) -> None:
    page = sign_in(browser, server, "bj-window")
    copied = requests.Session()
    for cookie in page.context.cookies():
        copied.cookies.set(cookie["name"], cookie["value"])
    before = copied.get(f"{server}/api/v1/cases", timeout=5)
    assert before.status_code == 200 and before.json()["cases"]
    page.click("button:has-text('退出登录')")
    page.wait_for_selector("text=工作人员登录")
    after = copied.get(f"{server}/api/v1/cases", timeout=5)
    assert after.status_code == 401
    assert copied.get(f"{server}/desk", timeout=5, allow_redirects=False).status_code == 302
    page.close()


def test_staff_pages_load_without_content_security_policy_violations(server: str, browser) -> None:
    page = browser.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Security Policy" in m.text else None)
    page.goto(server + "/login")
    page.fill("input[name=username]", "hz-window")
    page.fill("input[name=password]", "courier-demo")
    page.click("main button[type=submit]")
    page.wait_for_selector("table.list")
    page.goto(server + "/desk")
    page.goto(server + "/cases/HZXH2026112600003")
    assert page.evaluate("document.styleSheets.length") >= 1  # courier.css was allowed
    assert refused == []
    page.close()


def test_select_all_on_the_desk_works_from_its_script_file(server: str, browser) -> None:
    wait_for_waybill(server, "BJDC2026112600001")  # so that the desk has a parcel
    page = sign_in(browser, server, "bj-window")
    page.goto(server + "/desk")
    page.check("input[aria-label='全选']")
    boxes = page.locator("input[name=leg_id]")
    assert boxes.count() >= 1
    assert all(boxes.nth(i).is_checked() for i in range(boxes.count()))
    page.close()
