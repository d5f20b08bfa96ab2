"""Courier's EMS open platform push route (040002): signed with our signKey, acked once stored."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from courier.app import create_app
from courier.app.ems_open_push import EMS_PUSH_PATH
from courier.bootstrap import Courier, bootstrap
from courier.config_rules import DEV_EMS_SENDER_NO, DEV_EMS_SIGN_KEY
from courier.ports.clock import FixedClock
from courier.storage.migrate import upgrade
from integrations.carrier.ems_open import builders
from integrations.carrier.ems_open.contract import request_payload
from integrations.carrier.ems_open.envelope import Credentials, compact, request_form
from integrations.carrier.simulator import ManualClock, SimulatorSettings, create_simulator_app
from tests import factories
from tests.integration.app.conftest import settings_for
from tests.unit.carrier_client.samples import order

FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}
OURS = Credentials(DEV_EMS_SENDER_NO, "courier-ems-dev", DEV_EMS_SIGN_KEY)
WAYBILL = "1151238971060"


@pytest.fixture
def ems_wired(tmp_path: Path) -> Iterator[Courier]:
    app = bootstrap(settings_for(tmp_path, carrier="ems_open"), clock=FixedClock(factories.NOW))
    upgrade(app.engine)
    yield app
    app.close()


@pytest.fixture
def ems_client(ems_wired: Courier) -> FlaskClient:
    return create_app(wired=ems_wired).test_client()


def event(code: str = "203", at: str = "2026-11-26 10:00:00", **fields: Any) -> dict[str, Any]:
    return {"waybillNo": WAYBILL, "opTime": at, "opCode": code, "opName": "收寄", **fields}


def form(batches: Any, credentials: Credentials = OURS, api_code: str = "040002") -> bytes:
    body = batches if isinstance(batches, str) else compact(batches)
    return urlencode(request_form(api_code, body, credentials, datetime.now(UTC))).encode()


def reply(client: FlaskClient, body: bytes) -> dict[str, Any]:
    answer = client.post(EMS_PUSH_PATH, data=body, headers=FORM)
    assert answer.status_code == 200
    envelope: dict[str, Any] = answer.get_json()
    if envelope["retBody"]:
        envelope["retBody"] = json.loads(envelope["retBody"])
    return envelope


def stored(wired: Courier) -> list[str]:
    with wired.uow() as uow:
        return [e.op_code for e in uow.tracking.events_for(WAYBILL)]


def test_batches_are_stored_then_acknowledged_and_repeats_stored_once(
    ems_client: FlaskClient, ems_wired: Courier
) -> None:
    batches = [
        {"serialNo": "P1", "trace": [event()]},
        {"serialNo": "P2", "trace": [event("954", "2026-11-26 12:00:00")]},
    ]
    for _ in range(2):
        envelope = reply(ems_client, form(batches))
        assert envelope["retCode"] == "00000"
        assert [(a["serialNo"], a["success"]) for a in envelope["retBody"]] == [
            ("P1", True),
            ("P2", True),
        ]
    assert stored(ems_wired) == ["203", "954"]


@pytest.mark.parametrize(
    "credentials",
    [
        Credentials("1100099999999", "courier-ems-dev", DEV_EMS_SIGN_KEY),
        Credentials(DEV_EMS_SENDER_NO, "courier-ems-dev", "VHZhQmdyaEU0NnNmdDNuWg=="),
    ],
    ids=["another agreement number", "another sign key"],
)
def test_a_push_not_signed_for_us_stores_nothing(
    ems_client: FlaskClient, ems_wired: Courier, credentials: Credentials
) -> None:
    envelope = reply(ems_client, form([{"serialNo": "P9", "trace": [event()]}], credentials))
    assert (envelope["retCode"], envelope["success"]) == ("B0003", False)
    assert stored(ems_wired) == []


@pytest.mark.parametrize(
    ("body", "api_code", "ret_code"),
    [
        ("not json", "040002", "B0001"),
        ('{"serialNo":"P1"}', "040002", "B0002"),
        ('[{"trace":[]}]', "040002", "B0002"),
        ("[]", "020003", "B0004"),
    ],
    ids=["not json", "not an array", "batch without serial", "another api code"],
)
def test_a_push_that_is_not_a_push_is_refused_whole(
    ems_client: FlaskClient, body: str, api_code: str, ret_code: str
) -> None:
    assert reply(ems_client, form(body, api_code=api_code))["retCode"] == ret_code


def test_a_form_without_the_encrypted_body_is_refused_without_a_500(
    ems_client: FlaskClient,
) -> None:
    body = urlencode({"apiCode": "040002", "senderNo": DEV_EMS_SENDER_NO}).encode()
    assert reply(ems_client, body)["retCode"] == "B0003"


def test_unreadable_events_are_quarantined_and_the_rest_stored(
    ems_client: FlaskClient, ems_wired: Courier
) -> None:
    traces = [event(), event("954", "yesterday"), event("954", "1999-01-01 00:00:00"), "x"]
    envelope = reply(ems_client, form([{"serialNo": "Q1", "trace": traces}]))
    assert envelope["retBody"][0]["success"] is True
    assert stored(ems_wired) == ["203"]
    with ems_wired.uow() as uow:
        quarantined = uow.tracking.quarantined(10)
    assert [q.serial_no for q in quarantined] == ["Q1"] * 3


def test_the_route_is_served_only_when_the_ems_open_platform_is_the_carrier(
    flask_app: Flask, ems_client: FlaskClient
) -> None:
    assert EMS_PUSH_PATH not in {rule.rule for rule in flask_app.url_map.iter_rules()}
    assert EMS_PUSH_PATH in {rule.rule for rule in ems_client.application.url_map.iter_rules()}


def test_the_simulator_pushes_over_the_platform_to_courier_and_is_acknowledged(
    ems_wired: Courier,
) -> None:
    server = make_server("127.0.0.1", 0, create_app(wired=ems_wired), threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    clock = ManualClock()
    push_url = f"http://127.0.0.1:{server.server_port}{EMS_PUSH_PATH}"
    settings = SimulatorSettings(clock=clock, protocol="ems-open", push_url=push_url)
    simulator = create_simulator_app(settings).extensions["carrier_simulator"]
    try:
        order_body = builders.create_order(order("LO-PUSH-1"))
        simulator.carrier.answer("CreateOrder", request_payload("CreateOrder", order_body))
        [booked] = simulator.book.for_order("LO-PUSH-1")
        clock.advance(settings.stage_seconds * 3)
        assert simulator.pusher.push_once() == 1
        assert simulator.pusher.status()["pending"] == []
        with ems_wired.uow() as uow:
            codes = [e.op_code for e in uow.tracking.events_for(booked.waybill_no)]
        assert codes[:2] == ["203", "954"]
    finally:
        simulator.close()
        server.shutdown()
        thread.join(5)
        server.server_close()
