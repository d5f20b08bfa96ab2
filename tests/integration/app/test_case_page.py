"""The case page staff work from: legs with their timelines, the case's history, live legs."""

from __future__ import annotations

from datetime import timedelta

from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.domain.leg import Leg
from courier.domain.masking import mask_address
from courier.ports.carrier import TraceEvent
from courier.ports.push import PushedBatch
from courier.services.tracking import store_pushed_batch
from tests import factories
from tests.integration.app.test_case_page_actions import legs_of
from tests.integration.app.test_desk import signed_in
from tests.receipt_support import originals_confirmed

MAILED = "BJDC2026112600001"  # originals booked by the demo, result by post, an address


def scan(wired: Courier, waybill_no: str, code: str, hours: int, serial: str = "S1") -> None:
    at = factories.NOW + timedelta(hours=hours)
    event = TraceEvent(waybill_no, at, code, "收寄", op_org_city="北京市")
    assert store_pushed_batch(wired.uow(), wired.clock, PushedBatch(serial, (event,))) == 1


def originals(wired: Courier) -> Leg:
    [leg] = legs_of(wired, MAILED)
    return leg


def test_each_leg_shows_its_steps_and_scans_in_order_in_china_time(
    client: FlaskClient, wired: Courier
) -> None:
    leg = originals(wired)
    scan(wired, leg.waybill_no, "203", hours=1)
    signed_in(client, "bj-window")
    page = client.get(f"/cases/{MAILED}").get_data(as_text=True)
    timeline = page[page.index(f'id="leg-{leg.id}"') : page.index("新建寄递")]
    booked = timeline.index("2026-11-26 17:00</time> <span>下单成功，取得运单号")
    accepted = timeline.index("2026-11-26 18:00</time> <span>邮政已收寄（北京市）")
    assert booked < accepted


def test_the_history_tells_the_opening_the_booking_and_a_cancellation_with_its_reason(
    client: FlaskClient, wired: Courier
) -> None:
    leg = originals(wired)
    token = signed_in(client, "bj-window")
    cancel = f"/cases/{MAILED}/legs/{leg.id}/cancel"
    assert client.post(cancel, data={"csrf": token, "reason": "申请人撤回"}).status_code == 302
    page = client.get(f"/cases/{MAILED}").get_data(as_text=True)
    history = page[page.index("办件经过") :]
    opened = history.index("受理办件")
    booked = history.index(f"原件寄递（{leg.order_no}）：下单成功，取得运单号")
    cancelled = history.index(f"原件寄递（{leg.order_no}）：已取消：申请人撤回")
    assert opened < booked < cancelled


def test_the_case_shows_its_department_delivery_choice_and_a_masked_address(
    client: FlaskClient,
) -> None:
    signed_in(client, "bj-window")
    page = client.get(f"/cases/{MAILED}").get_data(as_text=True)
    street = "和平里东街11号院3号楼2单元501室"
    assert "杭州市民政局" in page and "邮寄送达" in page
    assert f"北京市北京市东城区 {mask_address(street)}" in page and street not in page
    hall_pickup = client.get("/cases/BJDC2026112600002").get_data(as_text=True)
    assert "大厅窗口自取" in hall_pickup and "北京市公安局出入境管理总队" in hall_pickup


def test_the_legs_section_is_sent_again_only_once_a_leg_changed(
    client: FlaskClient, wired: Courier
) -> None:
    signed_in(client, "bj-window")
    url = f"/cases/{MAILED}/legs.html"
    first = client.get(url)
    etag = first.headers["ETag"]
    assert first.status_code == 200 and "下单成功" in first.get_data(as_text=True)
    assert "<html" not in first.get_data(as_text=True) and "新建寄递" not in first.get_data(True)
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    scan(wired, originals(wired).waybill_no, "203", hours=1)
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert "邮政已收寄" in changed.get_data(as_text=True)
    page = client.get(f"/cases/{MAILED}").get_data(as_text=True)
    assert f'data-version="{changed.headers["ETag"].strip(chr(34))}"' in page


def test_the_legs_section_is_for_staff_who_may_see_the_case(client: FlaskClient) -> None:
    url = f"/cases/{MAILED}/legs.html"
    assert client.get(url).status_code == 302  # to the sign-in page
    signed_in(client, "hz-window")
    assert client.get(url).status_code == 404


def test_the_page_loads_its_live_script_from_a_file_and_is_complete_without_it(
    client: FlaskClient,
) -> None:
    signed_in(client, "bj-window")
    page = client.get(f"/cases/{MAILED}").get_data(as_text=True)
    assert 'src="/static/case_live.js"' in page and "下单成功" in page
    with client.get("/static/case_live.js") as script:
        assert b"If-None-Match" in script.data and b"visibilitychange" in script.data


def test_each_action_says_what_it_did_once(client: FlaskClient, wired: Courier) -> None:
    token = signed_in(client, "bj-window")
    planned = client.post(
        "/cases/BJDC2026112600002/legs", data={"csrf": token, "kind": "originals"}
    )
    shown = client.get(planned.headers["Location"]).get_data(as_text=True)
    assert "已提交下单" in shown
    assert "已提交下单" not in client.get("/cases/BJDC2026112600002").get_data(as_text=True)
    [leg] = legs_of(wired, "BJDC2026112600002")
    cancel = f"/cases/BJDC2026112600002/legs/{leg.id}/cancel"
    page = client.post(cancel, data={"csrf": token}, follow_redirects=True)
    assert "运单已取消" in page.get_data(as_text=True)
    originals_confirmed(wired, "BJDC2026112600002", "bj-churujing")  # booked again, arrived
    token = signed_in(client, "bj-churujing")
    status = "/cases/BJDC2026112600002/status"
    client.post(status, data={"csrf": token, "status": "in_review"})
    moved = client.post(
        "/cases/BJDC2026112600002/status",
        data={"csrf": token, "status": "decided"},
        follow_redirects=True,
    )
    assert "办件已办结，待送达结果" in moved.get_data(as_text=True)


def test_a_refused_status_stays_on_the_case_page_with_the_reason_on_top(
    client: FlaskClient,
) -> None:
    token = signed_in(client, "zj-shijian")
    refused = client.post(
        "/cases/HZXH2026112600003/status", data={"csrf": token, "status": "closed"}
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "个体工商户设立登记" in page
    alert = page[page.index('role="alert"') : page.index("材料清单")]
    assert "结果尚未送达申请人" in alert and "办件状态：" not in alert  # said once


def test_an_expired_form_on_the_case_page_asks_for_a_reload(client: FlaskClient) -> None:
    signed_in(client, "bj-window")
    refused = client.post(f"/cases/{MAILED}/status", data={"csrf": "stale", "status": "x"})
    assert refused.status_code == 400
    assert "页面已过期，请刷新后重试" in refused.get_data(as_text=True)


def test_a_leg_of_another_case_is_neither_cancelled_nor_retried(
    client: FlaskClient, wired: Courier
) -> None:
    result = next(leg for leg in legs_of(wired, "HZXH2026112600003") if leg.kind.value == "result")
    token = signed_in(client, "zj-shijian")
    for action in ("cancel", "retry"):
        wrong = f"/cases/HZXH2026112600004/legs/{result.id}/{action}"
        assert client.post(wrong, data={"csrf": token}).status_code == 404
    still = next(leg for leg in legs_of(wired, "HZXH2026112600003") if leg.id == result.id)
    assert still.status.value == "booked"


def test_a_cancelled_leg_offers_no_label_and_its_label_is_refused(
    client: FlaskClient, wired: Courier
) -> None:
    leg = originals(wired)
    token = signed_in(client, "bj-window")
    label = f"/api/v1/legs/{leg.id}/label.pdf"
    assert label in client.get(f"/cases/{MAILED}").get_data(as_text=True)
    client.post(f"/cases/{MAILED}/legs/{leg.id}/cancel", data={"csrf": token})
    page = client.get(f"/cases/{MAILED}").get_data(as_text=True)
    assert label not in page and "已取消" in page
    refused = client.get(label)
    assert refused.status_code == 409
    assert "已取消，面单已作废，不能打印" in refused.get_json()["error"]["message"]
