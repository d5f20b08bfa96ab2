"""The simulator's EMS open platform front over HTTP: hand-made forms, the platform's answers.

EMS open platform only: the form fields, SM4 body and retCode envelope are that protocol's.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import pytest
import requests

from integrations.carrier.ems_open import PLATFORM_PATH, builders
from integrations.carrier.ems_open.envelope import Credentials, compact, request_form
from integrations.carrier.simulator import SimulatorSettings, create_simulator_app
from tests.integration.carrier_sim.conftest import Sim, SimFactory
from tests.unit.carrier_client.samples import order

pytestmark = pytest.mark.services
DEFAULTS = SimulatorSettings()
OURS = Credentials(DEFAULTS.ems_sender_no, DEFAULTS.ems_authorization, DEFAULTS.ems_sign_key)
FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}


@pytest.fixture
def platform(make_sim: SimFactory) -> Sim:
    return make_sim(protocol="ems-open")


def call(sim: Sim, api_code: str, body: Any, credentials: Credentials = OURS) -> dict[str, Any]:
    text = body if isinstance(body, str) else compact(body)
    fields = request_form(api_code, text, credentials, datetime.now(UTC))
    return post(sim, fields)


def post(sim: Sim, fields: dict[str, str]) -> dict[str, Any]:
    reply = requests.post(sim.url + PLATFORM_PATH, data=urlencode(fields), headers=FORM, timeout=5)
    assert reply.status_code == 200 and reply.headers["Content-Type"].startswith("application/json")
    envelope: dict[str, Any] = reply.json()
    envelope["retBody"] = json.loads(envelope["retBody"]) if envelope["retBody"] else None
    return envelope


def test_a_hand_made_order_gets_a_waybill_in_the_platform_envelope(platform: Sim) -> None:
    envelope = call(platform, "020003", builders.create_order(order("LO-FRONT-1")))
    assert (envelope["retCode"], envelope["success"]) == ("00000", True)
    assert envelope["serialNo"] and envelope["retDate"]
    assert len(envelope["retBody"]["waybillNo"]) == 13


@pytest.mark.parametrize(
    "credentials",
    [
        Credentials("1100099999999", OURS.authorization, OURS.sign_key),
        Credentials(OURS.sender_no, "wrong-authorization", OURS.sign_key),
        Credentials(OURS.sender_no, OURS.authorization, "VHZhQmdyaEU0NnNmdDNuWg=="),
    ],
    ids=["sender number", "authorization", "sign key"],
)
def test_wrong_credentials_are_refused_with_b0003(platform: Sim, credentials: Credentials) -> None:
    envelope = call(platform, "020005", [{"logisticsOrderNo": "LO-1"}], credentials)
    assert (envelope["retCode"], envelope["success"]) == ("B0003", False)


@pytest.mark.parametrize(
    ("api_code", "body", "ret_code"),
    [
        ("099999", [], "B0004"),
        ("020003", "{not json", "B0001"),
        ("020003", {"logisticsOrderNo": "LO-1"}, "B0001"),
        ("020003", [{"logisticsOrderNo": "LO-1"}, {"logisticsOrderNo": "LO-2"}], "B0002"),
        ("020003", [{"logisticsOrderNo": "LO-1"}], "B0002"),
        ("020003", [{**builders.create_order(order())[0], "weight": "heavy"}], "B0002"),
    ],
    ids=["unknown api code", "not json", "not an array", "two orders", "missing fields", "bad"],
)
def test_a_body_the_contract_refuses_is_a_business_error(
    platform: Sim, api_code: str, body: Any, ret_code: str
) -> None:
    assert call(platform, api_code, body)["retCode"] == ret_code


def test_a_form_missing_a_required_field_is_refused(platform: Sim) -> None:
    fields = request_form("020005", "[]", OURS, datetime.now(UTC))
    del fields["timeStamp"]
    envelope = post(platform, fields)
    assert envelope["retCode"] == "B0001" and "timeStamp" in envelope["retMsg"]


def test_the_soap_front_is_not_served_when_the_platform_is(platform: Sim) -> None:
    assert requests.post(platform.url + "/carrier", data=b"<x/>", timeout=5).status_code == 404
    assert requests.post(platform.url + "/carrier/admin/reset", timeout=5).status_code != 404


def test_an_unknown_protocol_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="unknown simulator protocol"):
        create_simulator_app(SimulatorSettings(protocol="ems_open"))
