"""Public tracking page, leg cancel/retry and the carrier call log through the API."""

from __future__ import annotations

from datetime import timedelta

from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.ports.carrier import CarrierBusinessError, TraceEvent
from courier.ports.push import PushedBatch
from courier.services.tracking import store_pushed_batch
from integrations.carrier.fake import FakeCarrier
from tests import factories
from tests.integration.app.conftest import basic

WINDOW = basic("bj-window")


def originals(client: FlaskClient) -> dict:
    return client.get("/api/v1/cases/BJDC2026112600001", headers=WINDOW).json["legs"][0]


def test_tracking_page_shows_status_and_events_but_no_person(
    client: FlaskClient, wired: Courier
) -> None:
    waybill = originals(client)["waybill_no"]
    event = TraceEvent(
        waybill, factories.NOW + timedelta(hours=1), "203", "收寄", op_org_city="北京市"
    )
    assert store_pushed_batch(wired.uow(), wired.clock, PushedBatch("S1", (event,))) == 1
    again = PushedBatch("S1", (event,))
    assert store_pushed_batch(wired.uow(), wired.clock, again) == 0  # same batch again
    page = client.get(f"/t/{waybill}").get_data(as_text=True)
    assert "运输中" in page and "邮政已收寄" in page and "2026-11-26 18:00" in page  # China time
    for personal in ("王静", "王*", "057187001234", "解放东路"):
        assert personal not in page


def test_tracking_page_refuses_bad_and_unknown_numbers_in_chinese(client: FlaskClient) -> None:
    bad = client.get("/t/123")
    assert bad.status_code == 422 and "运单号格式不正确" in bad.get_data(as_text=True)
    unknown = client.get("/t/1151238971060")
    assert unknown.status_code == 404 and "未找到该运单号" in unknown.get_data(as_text=True)


def test_staff_cancel_a_booked_leg_and_book_it_again(client: FlaskClient, wired: Courier) -> None:
    leg = originals(client)
    cancelled = client.post(f"/api/v1/legs/{leg['id']}/cancel", json={}, headers=WINDOW)
    assert cancelled.status_code == 200 and cancelled.json["status"] == "cancelled"
    carrier = wired.carrier()
    assert isinstance(carrier, FakeCarrier) and carrier.operations()[-1] == "cancel_order"
    again = client.post(
        "/api/v1/cases/BJDC2026112600001/legs", json={"kind": "originals"}, headers=WINDOW
    )
    assert again.status_code == 201 and again.json["order_no"] != leg["order_no"]


def test_a_carrier_refusal_is_shown_and_the_leg_can_be_retried(
    client: FlaskClient, wired: Courier
) -> None:
    carrier = wired.carrier()
    assert isinstance(carrier, FakeCarrier)
    carrier.fail_next(CarrierBusinessError("收件地址超出服务范围", code="B0105"))
    leg = client.post(
        "/api/v1/cases/BJDC2026112600002/legs", json={"kind": "originals"}, headers=WINDOW
    ).json
    failed = client.get(f"/api/v1/legs/{leg['id']}", headers=WINDOW).json
    assert failed["status"] == "booking_failed" and failed["last_error"] == "收件地址超出服务范围"
    retried = client.post(f"/api/v1/legs/{leg['id']}/retry", json={}, headers=WINDOW)
    assert retried.status_code == 200 and retried.json["status"] == "booked"


def test_department_staff_cannot_cancel_a_halls_originals(client: FlaskClient) -> None:
    leg = client.get("/api/v1/cases/BJDC2026112600001", headers=WINDOW).json["legs"][0]
    assert leg["kind"] == "originals" and leg["status"] == "booked"
    response = client.post(
        f"/api/v1/legs/{leg['id']}/cancel", json={}, headers=basic("hz-minzheng")
    )
    assert response.status_code == 409
