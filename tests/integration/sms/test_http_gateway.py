"""The HTTP SMS adapter against a real local gateway: one JSON POST, answers mapped right."""

from __future__ import annotations

import json
import logging
import threading

import pytest
from werkzeug.wrappers import Request, Response

from courier.ports.sms import SmsAccepted, SmsRefused, SmsUnavailable
from integrations.sms.http_gateway import HttpSmsGateway
from tests.e2e.conftest import free_port
from tests.integration.sms.gateway import API_KEY, MOBILE, Gateway


def adapter(gateway: Gateway, timeout: float = 5.0) -> HttpSmsGateway:
    return HttpSmsGateway(gateway.url, API_KEY, timeout)


def test_a_text_is_one_json_post_with_the_key_and_an_idempotency_key(gateway: Gateway) -> None:
    outcome = adapter(gateway).send(MOBILE, "【政务寄递】您的办件…", "sms-7")
    assert outcome == SmsAccepted("gw-1")
    ((request,),) = [gateway.requests]
    assert request["body"] == {"to": MOBILE, "text": "【政务寄递】您的办件…", "reference": "sms-7"}
    assert request["headers"]["Authorization"] == f"Bearer {API_KEY}"
    assert request["headers"]["Idempotency-Key"] == "sms-7"


def test_a_refusal_keeps_the_gateways_reason_without_any_phone_number(gateway: Gateway) -> None:
    body = json.dumps({"error": f"invalid number {MOBILE}"})
    gateway.answer = lambda _: Response(body, 400, content_type="application/json")
    outcome = adapter(gateway).send(MOBILE, "text", "sms-8")
    assert isinstance(outcome, SmsRefused)
    assert "HTTP 400" in outcome.reason and "invalid number" in outcome.reason
    assert MOBILE not in outcome.reason


@pytest.mark.parametrize("status", [429, 500, 503, 302, 408])
def test_busy_failing_or_redirecting_gateways_are_unavailable(
    gateway: Gateway, status: int
) -> None:
    gateway.answer = lambda _: Response("busy", status, headers={"Location": "http://x/"})
    assert isinstance(adapter(gateway).send(MOBILE, "text", "sms-9"), SmsUnavailable)


def test_a_gateway_slower_than_the_timeout_is_unavailable(gateway: Gateway) -> None:
    release = threading.Event()

    def slow(_: Request) -> Response:
        release.wait(10)
        return Response("{}", 200)

    gateway.answer = slow
    try:
        outcome = adapter(gateway, timeout=0.3).send(MOBILE, "text", "sms-10")
    finally:
        release.set()
    assert isinstance(outcome, SmsUnavailable) and "Timeout" in outcome.reason


def test_an_unreachable_gateway_is_unavailable() -> None:
    dead = HttpSmsGateway(f"http://127.0.0.1:{free_port()}/send", API_KEY, 2.0)
    assert isinstance(dead.send(MOBILE, "text", "sms-11"), SmsUnavailable)


def test_neither_the_key_nor_the_number_reaches_the_log_or_the_repr(
    gateway: Gateway, caplog: pytest.LogCaptureFixture
) -> None:
    gateway.answer = lambda _: Response("down", 503)
    with caplog.at_level(logging.DEBUG):
        adapter(gateway).send(MOBILE, "text", "sms-12")
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "sms-12" in logged
    assert API_KEY not in logged and MOBILE not in logged
    assert API_KEY not in repr(adapter(gateway))
