"""What staff see of a leg's progress: collected before handover, stuck, the promised date."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.ports.clock import FixedClock
from integrations.carrier.fake import FakeCarrier
from tasks.jobs import run_job
from tests.factories import NOW
from tests.integration.app.conftest import basic
from tests.integration.app.test_desk import signed_in

WINDOW = basic("bj-window")
CASE = "BJDC2026112600001"


def leg_of(client: FlaskClient) -> dict:
    return client.get(f"/api/v1/cases/{CASE}", headers=WINDOW).json["legs"][0]


def test_a_parcel_the_carrier_accepted_before_the_handover_shows_collected_and_is_handed_over(
    client: FlaskClient, wired: Courier, flask_app: Flask
) -> None:
    leg = leg_of(client)
    assert isinstance(wired.carrier_override, FakeCarrier)
    wired.carrier_override.add_event(leg["waybill_no"], "203", NOW + timedelta(minutes=10))
    run_job(wired, "poll_tracking", {})
    collected = leg_of(client)
    assert (collected["status_name"], collected["tracking_note"]) == ("运输中", "邮政已收寄")
    desk = flask_app.test_client()
    signed_in(desk, "bj-window")
    assert leg["waybill_no"] in desk.get("/desk").get_data(as_text=True)

    first = client.post("/api/v1/handovers", json={"leg_ids": [leg["id"]]}, headers=WINDOW)
    twice = client.post("/api/v1/handovers", json={"leg_ids": [leg["id"]]}, headers=WINDOW)

    assert first.status_code == 201
    assert leg_of(client)["status"] == "in_transit" and leg_of(client)["handed_over_at"]
    assert twice.status_code == 409 and "不能交邮两次" in twice.json["error"]["message"]


def test_a_leg_never_collected_becomes_an_exception_on_its_json_and_case_page(
    client: FlaskClient, wired: Courier
) -> None:
    assert isinstance(wired.clock, FixedClock)
    wired.clock.advance(days=2, hours=1)
    assert run_job(wired, "detect_stuck_legs", {}) >= 1

    leg = leg_of(client)
    assert leg["exception_reason"].startswith("已取号 2 天 1 小时，邮政尚未揽收")
    assert leg["exception_at"] == wired.clock.now().isoformat()
    signed_in(client, "bj-window")
    page = client.get(f"/cases/{CASE}").get_data(as_text=True)
    assert "异常：已取号 2 天 1 小时，邮政尚未揽收" in page


def test_a_leg_shows_its_promised_days_and_expected_delivery_date_from_collection(
    client: FlaskClient, wired: Courier
) -> None:
    leg = leg_of(client)
    assert (leg["distance_name"], leg["promised_days"]) == ("跨省", 3)
    assert (leg["expected_delivery"], leg["collected_at"]) == (None, None)
    assert isinstance(wired.carrier_override, FakeCarrier)
    collected = NOW + timedelta(minutes=10)
    wired.carrier_override.add_event(leg["waybill_no"], "203", collected)
    run_job(wired, "poll_tracking", {})
    leg = leg_of(client)
    assert leg["collected_at"] == collected.isoformat()
    assert leg["expected_delivery"] == "2026-11-29" and leg["on_time"] is None
    signed_in(client, "bj-window")
    page = client.get(f"/cases/{CASE}").get_data(as_text=True)
    assert "跨省，承诺 3 天 · 预计 2026-11-29 前送达" in page
