"""Replies of a server we control that are not what the EMS open platform sends: all refused.

EMS open platform only: retCode envelopes and JSON shapes are that protocol's; the SOAP
client's hostile XML replies are in test_hostile_replies.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from courier.ports.carrier import CarrierOutcomeUnknown, CarrierProtocolError
from integrations.carrier.breaker import InMemoryCircuitBreaker
from integrations.carrier.ems_open import EmsOpenCarrier
from integrations.carrier.recording import InMemoryCallRecorder
from tests.integration.carrier_client.conftest import ems_open_settings, serving
from tests.unit.carrier_client.samples import order

pytestmark = pytest.mark.services


def envelope(body: Any, ret_code: str = "00000") -> bytes:
    return json.dumps(
        {"serialNo": "1", "retCode": ret_code, "retMsg": "", "success": True, "retBody": body}
    ).encode()


class CannedServer:
    """Answer every request with one status and body."""

    def __init__(self) -> None:
        self.status, self.body = "200 OK", b""

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
        start_response(self.status, [("Content-Type", "application/json")])
        return iter([self.body])


@pytest.fixture
def canned() -> Iterator[tuple[CannedServer, EmsOpenCarrier]]:
    server = CannedServer()
    with serving(server) as url:
        settings = ems_open_settings(url + "/open", max_response_bytes=64 * 1024)
        carrier = EmsOpenCarrier(settings, InMemoryCircuitBreaker(), InMemoryCallRecorder())
        yield server, carrier
        carrier.close()


@pytest.mark.parametrize(
    "body",
    [
        b"<html>maintenance</html>",
        b"",
        envelope(None),
        envelope('{"logisticsOrderNo":"LO-1"}'),
        envelope('{"waybillNo":{"no":1}}'),
        envelope("[1, 2]"),
        envelope("not json"),
        b'{"serialNo":"1","retBody":"{}"}',
        envelope('{"waybillNo":"1151238971060"}')[:-20],
    ],
    ids=[
        "html", "empty", "no body", "no waybill", "object for a number", "array of numbers",
        "retBody not json", "no retCode", "cut short",
    ],
)  # fmt: skip
def test_a_reply_that_is_not_a_booking_is_a_protocol_error(
    canned: tuple[CannedServer, EmsOpenCarrier], body: bytes
) -> None:
    server, carrier = canned
    server.body = body
    with pytest.raises(CarrierProtocolError):
        carrier.create_order(order())


def test_an_unknown_ret_code_class_is_a_protocol_error_not_a_retry(
    canned: tuple[CannedServer, EmsOpenCarrier],
) -> None:
    server, carrier = canned
    server.body = envelope(None, ret_code="E0001")
    with pytest.raises(CarrierProtocolError) as caught:
        carrier.create_order(order())
    assert caught.value.code == "E0001"


def test_a_reply_larger_than_the_cap_is_refused(
    canned: tuple[CannedServer, EmsOpenCarrier],
) -> None:
    server, carrier = canned
    server.body = envelope(json.dumps({"waybillNo": "1", "pad": "x" * 100_000}))
    with pytest.raises(CarrierProtocolError) as caught:
        carrier.create_order(order())
    assert caught.value.code == "TOO_LARGE"


def test_a_gateway_error_page_leaves_the_outcome_unknown(
    canned: tuple[CannedServer, EmsOpenCarrier],
) -> None:
    server, carrier = canned
    server.status, server.body = "502 Bad Gateway", b"<html>bad gateway</html>"
    with pytest.raises(CarrierOutcomeUnknown) as caught:
        carrier.create_order(order())
    assert caught.value.code == "HTTP_502"
