"""From an empty folder, `courier serve` shows its home page and demo data in a browser."""

from __future__ import annotations

import re
import time

import requests


def wait_for_waybill(
    base: str,
    case_number: str,
    auth: tuple[str, str] = ("bj-window", "courier-demo"),
    every_leg: bool = False,
) -> dict:
    """Return the case once its first leg (or every leg) has its waybill."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        case = requests.get(f"{base}/api/v1/cases/{case_number}", auth=auth, timeout=5).json()
        waiting = case["legs"] if every_leg else case["legs"][:1]
        if case["legs"] and all(leg["waybill_no"] for leg in waiting):
            return case
        time.sleep(0.3)
    raise AssertionError(f"no waybill for {case_number}: {case}")


def test_health_and_readiness_report_each_dependency(server: str) -> None:
    assert requests.get(f"{server}/healthz", timeout=5).json() == {"status": "ok"}
    ready = requests.get(f"{server}/readyz", timeout=5).json()
    assert ready["ready"] is True
    assert ready["checks"]["database"]["status"] == "ok"
    assert ready["checks"]["carrier"]["status"] == "ok"
    assert ready["checks"]["redis"]["status"] == "not configured"


def test_demo_originals_are_booked_through_the_in_process_simulator(server: str) -> None:
    case = wait_for_waybill(server, "BJDC2026112600001")
    leg = case["legs"][0]
    assert re.fullmatch(r"\d{13}", leg["waybill_no"])
    assert leg["status"] == "booked" and leg["routing"]["package_code_name"]


def test_staff_sign_in_and_see_their_cases_with_masked_applicants(server: str, browser) -> None:
    wait_for_waybill(server, "BJDC2026112600001")
    page = browser.new_page()
    page.goto(server + "/")
    assert "让材料多跑路" in page.content()
    page.click("text=工作人员登录")
    page.fill("input[name=username]", "bj-window")
    page.fill("input[name=password]", "courier-demo")
    page.click("main button[type=submit]")
    page.wait_for_selector("table.list")
    body = page.inner_text("body")
    assert "BJDC2026112600001" in body and "BJDC2026112600002" in body
    assert "HZXH2026112600003" not in body  # another hall's case
    assert "张*明" in body and "张小明" not in body
    page.click("text=BJDC2026112600001")
    page.wait_for_selector("text=材料清单")
    detail = page.inner_text("body")
    assert "户口簿" in detail and "已取号" in detail
    assert "131******07" in detail
    with page.expect_popup() as popup:
        page.click("text=100×150")
    label = popup.value
    response = label.context.request.get(label.url)
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    page.close()


def test_wrong_password_is_told_in_chinese(server: str, browser) -> None:
    page = browser.new_page()
    page.goto(server + "/login")
    page.fill("input[name=username]", "bj-window")
    page.fill("input[name=password]", "nope")
    page.click("main button[type=submit]")
    assert page.inner_text("[role=alert]") == "用户名或密码不正确。"
    page.close()


def test_each_leg_keeps_its_redacted_carrier_calls(server: str) -> None:
    case = wait_for_waybill(server, "BJDC2026112600001")
    leg_id = case["legs"][0]["id"]
    calls = requests.get(
        f"{server}/api/v1/legs/{leg_id}/carrier-calls",
        auth=("bj-window", "courier-demo"),
        timeout=5,
    ).json()["calls"]
    bookings = [c for c in calls if c["operation"] == "CreateOrder"]  # the poll may add QueryTrace
    assert len(bookings) == 1 and bookings[0]["outcome"] == "ok"
    request_xml = bookings[0]["request_xml"]
    assert "<" in request_xml and "13910001001" not in request_xml and "李晓梅" not in request_xml
    assert "courier-dev" not in request_xml  # the WS-Security password


def test_the_embedded_case_system_simulator_receives_verified_reports_in_case_order(
    server: str,
) -> None:
    wait_for_waybill(server, "BJDC2026112600001")
    deadline = time.monotonic() + 30
    reports: list[dict] = []
    while time.monotonic() < deadline:
        got = requests.get(f"{server}/simulator/case-system/reports", timeout=5).json()
        reports = [r for r in got["reports"] if r["case_number"] == "BJDC2026112600001"]
        if reports:
            break
        time.sleep(0.3)
    assert reports, "no status report of the booked demo case reached the case system"
    assert all(r["verified"] and r["status"] == 200 for r in reports)
    assert reports[0]["event_type"] == "leg.booked"
    sequences = [r["sequence"] for r in reports]
    assert sequences == list(range(1, len(sequences) + 1))
    page = requests.get(f"{server}/simulator/case-system/", timeout=5)
    assert "BJDC2026112600001" in page.text
