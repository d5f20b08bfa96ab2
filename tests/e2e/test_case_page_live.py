"""On the case page, in a browser: a leg booked in the background appears without a reload."""

from __future__ import annotations

from pathlib import Path

import requests

from tests.e2e.conftest import serving
from tests.e2e.test_embedded_default import wait_for_waybill

ADMIN_TOKEN = "case-page-admin-token-0123456789"
CASE = "BJDC2026112600002"  # no legs yet: the window books its originals


def slow_next_booking(base: str, seconds: float) -> None:
    """Have the embedded carrier simulator answer the next CreateOrder only after `seconds`."""
    rule = {"kind": "latency", "operation": "CreateOrder", "count": 1, "seconds": seconds}
    answer = requests.post(
        f"{base}/simulator/carrier/admin/faults",
        json={"rules": [rule]},
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        timeout=5,
    )
    assert answer.status_code == 200, answer.text


def test_a_leg_booked_in_the_background_shows_up_without_a_reload(tmp_path: Path, browser) -> None:
    with serving(tmp_path, COURIER_SIMULATOR_ADMIN_TOKEN=ADMIN_TOKEN) as base:
        wait_for_waybill(base, "BJDC2026112600001")  # the demo's own bookings are done
        slow_next_booking(base, 4)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/login?next=/cases/{CASE}")
        page.fill("input[name=username]", "bj-window")
        page.fill("input[name=password]", "courier-demo")
        page.click("main button[type=submit]")
        page.wait_for_url(f"**/cases/{CASE}")
        page.click("button:has-text('下单取号')")
        page.wait_for_selector("p.notice:has-text('已提交下单')")
        live = page.locator(".legs-live .leg")
        assert live.get_attribute("data-status") != "booked"  # the carrier has not answered yet
        page.evaluate("window.stillTheSamePage = true")
        page.wait_for_selector(".legs-live .leg[data-status=booked]", timeout=30_000)
        assert page.evaluate("window.stillTheSamePage") is True  # swapped in, not reloaded
        assert "已取号" in live.inner_text() and "下单成功，取得运单号" in live.inner_text()
        assert "打印面单" in live.inner_text()
        page.screenshot(path=str(tmp_path / "case-page-1280.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        wide = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(tmp_path / "case-page-390.png"), full_page=True)
        assert wide <= 390 + 1  # nothing pushes the phone layout sideways
        page.close()
