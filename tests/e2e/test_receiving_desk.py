"""A department scans an arriving parcel and confirms it with one item missing, in a browser."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.e2e.conftest import serving
from tests.e2e.test_embedded_default import wait_for_waybill

CASE = "BJDC2026112600001"  # Beijing hall → Hangzhou civil affairs
RECEIVABLE = {"in_transit", "out_for_delivery", "delivery_failed", "delivered"}


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start a `courier serve` of this module's own, whose simulated parcels move in seconds."""
    settings = {"COURIER_SIMULATOR_STAGE_SECONDS": "1", "COURIER_SIMULATOR_PICKUP_SECONDS": "1"}
    with serving(tmp_path_factory.mktemp("receiving"), **settings) as base:
        yield base


def carried_to_the_department(server: str) -> dict:
    """Let the simulated carrier move the originals until the department may confirm them."""
    wait_for_waybill(server, CASE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        requests.post(f"{server}/simulator/carrier/admin/push", timeout=5)
        case = requests.get(
            f"{server}/api/v1/cases/{CASE}", auth=("bj-window", "courier-demo"), timeout=5
        ).json()
        if case["legs"][0]["status"] in RECEIVABLE:
            return case["legs"][0]
        time.sleep(0.5)
    raise AssertionError(f"the originals never reached the department: {case['legs'][0]}")


def sign_in(browser, server: str, username: str):
    page = browser.new_page()
    page.goto(server + "/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "courier-demo")
    page.click("main button[type=submit]")
    page.wait_for_selector("table.list")
    return page


def scan(page, waybill: str) -> None:
    """Type as a keyboard-wedge scanner does: digits then Enter, into whatever has focus."""
    page.keyboard.type(waybill)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_department_scans_and_confirms_with_one_item_missing_and_another_cannot(
    own_server: str, browser, tmp_path: Path
) -> None:
    leg = carried_to_the_department(own_server)
    waybill = leg["waybill_no"]

    other = sign_in(browser, own_server, "bj-churujing")
    other.goto(own_server + "/receive")
    scan(other, waybill)
    assert "未找到寄给本单位的该邮件" in other.inner_text("body")
    assert "户口簿" not in other.inner_text("body")
    other.close()

    page = sign_in(browser, own_server, "hz-minzheng")
    page.click("text=收件台")
    page.wait_for_selector("text=正在寄来")
    assert waybill in page.inner_text("table.incoming")
    page.screenshot(path=str(tmp_path / "receiving-desk.png"), full_page=True)
    assert page.evaluate("document.activeElement.name") == "waybill_no"
    scan(page, waybill)
    assert page.url.endswith(f"/receive/{waybill}")
    page.check("input[aria-label='户口簿已收到']")
    page.check("input[aria-label='查档申请表缺失']")
    page.fill("textarea[name=note]", "查档申请表未随件寄到")
    page.click("button:has-text('确认签收')")
    page.wait_for_selector("text=已签收确认")
    assert page.evaluate("document.activeElement.name") == "waybill_no"  # ready for the next
    page.screenshot(path=str(tmp_path / "receiving-desk-confirmed.png"), full_page=True)
    page.close()
    assert (tmp_path / "receiving-desk.png").stat().st_size > 0

    seen = requests.get(
        f"{own_server}/api/v1/legs/{leg['id']}", auth=("bj-window", "courier-demo"), timeout=5
    ).json()
    assert seen["status"] == "received" and "查档申请表（缺失）" in seen["exception_reason"]
    again = requests.post(
        f"{own_server}/api/v1/legs/{waybill}/receipt",
        json={"items": [{"material_id": m["id"], "state": "received"} for m in seen["materials"]]},
        auth=("bj-churujing", "courier-demo"),
        timeout=5,
    )
    assert again.status_code == 404
