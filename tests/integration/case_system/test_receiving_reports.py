"""The simulator verifies every report with `standardwebhooks` and lists what it got."""

from __future__ import annotations

from datetime import timedelta

import requests

from integrations.case_system.simulator import RunningSimulator, serve_in_thread
from tests.integration.case_system.conftest import (
    SECRET,
    Sender,
    new_secret,
    report_body,
    signed_headers,
)


def test_a_signed_report_is_accepted_and_listed_under_its_case(sender: Sender) -> None:
    assert sender.signed("BJ2026-0001", 1, "msg_a1").status_code == 200
    assert sender.signed("BJ2026-0002", 1, "msg_b1").status_code == 200
    assert sender.signed("BJ2026-0001", 2, "msg_a2").status_code == 200
    listing = sender.reports()
    assert [r["webhook_id"] for r in listing["reports"]] == ["msg_a1", "msg_b1", "msg_a2"]
    first_case = listing["cases"]["BJ2026-0001"]
    assert [(r["sequence"], r["verified"], r["event_type"]) for r in first_case] == [
        (1, True, "leg.delivered"),
        (2, True, "leg.delivered"),
    ]


def test_a_tampered_body_is_refused_and_recorded_as_not_verified(sender: Sender) -> None:
    body = report_body("BJ2026-0001", 1)
    headers = signed_headers(body, "msg_t1")
    tampered = body.replace('"sequence": 1', '"sequence": 9')
    assert sender.report(tampered, headers).status_code == 401
    (report,) = sender.reports()["reports"]
    assert (report["verified"], report["status"], report["sequence"]) == (False, 401, 9)
    assert sender.reports()["cases"] == {}


def test_a_report_signed_with_another_secret_is_refused(sender: Sender) -> None:
    body = report_body("BJ2026-0001", 1)
    reply = sender.report(body, signed_headers(body, "msg_o1", secret=new_secret()))
    assert reply.status_code == 401


def test_a_stale_or_future_timestamp_is_refused(sender: Sender) -> None:
    body = report_body("BJ2026-0001", 1)
    stale = signed_headers(body, "msg_s1", age=timedelta(minutes=6))
    future = signed_headers(body, "msg_s2", age=timedelta(minutes=-6))
    assert sender.report(body, stale).status_code == 401
    assert sender.report(body, future).status_code == 401
    recent = signed_headers(body, "msg_s3", age=timedelta(minutes=4))
    assert sender.report(body, recent).status_code == 200


def test_missing_or_malformed_signature_headers_are_refused_not_a_server_error(
    sender: Sender,
) -> None:
    body = report_body("BJ2026-0001", 1)
    good = signed_headers(body, "msg_m1")
    for broken in (
        {},
        {**good, "webhook-signature": "v1"},
        {**good, "webhook-signature": "v1,!!!not-base64"},
        {**good, "webhook-timestamp": "yesterday"},
    ):
        assert sender.report(body, broken).status_code == 401
    assert sender.report("\xff{", good).status_code == 401


def test_a_redelivered_report_is_recognised_by_its_webhook_id(sender: Sender) -> None:
    body = report_body("BJ2026-0001", 1)
    first = sender.report(body, signed_headers(body, "msg_d1"))
    again = sender.report(body, signed_headers(body, "msg_d1"))
    assert (first.json()["duplicate"], again.json()["duplicate"]) == (False, True)
    assert [r["duplicate"] for r in sender.reports()["reports"]] == [False, True]


def test_during_a_rotation_reports_signed_with_either_secret_are_accepted(
    sender: Sender,
) -> None:
    newer = new_secret()
    assert sender.control("secret", secrets=[SECRET, newer]).json() == {"secrets": 2}
    body = report_body("BJ2026-0001", 1)
    assert sender.report(body, signed_headers(body, "msg_r1", secret=SECRET)).status_code == 200
    assert sender.report(body, signed_headers(body, "msg_r2", secret=newer)).status_code == 200
    sender.control("secret", secrets=[newer])
    assert sender.report(body, signed_headers(body, "msg_r3", secret=SECRET)).status_code == 401


def test_a_simulator_without_secrets_takes_one_through_its_control() -> None:
    running = serve_in_thread("127.0.0.1", 0)
    try:
        sender = Sender(running.url)
        assert sender.signed("BJ2026-0001", 1, "msg_n1").status_code == 401
        assert sender.control("secret", secret="whsec_short!").status_code == 400
        assert sender.control("secret", secret=SECRET).status_code == 200
        assert sender.signed("BJ2026-0001", 1, "msg_n2").status_code == 200
    finally:
        running.shutdown()


def test_the_page_lists_the_reports_in_chinese_with_every_value_escaped(sender: Sender) -> None:
    sender.signed("BJ2026-0001", 1, "msg_p1")
    body = report_body("<b>X</b>", 1)
    sender.report(body, signed_headers(body, "msg_p2", secret=new_secret()))
    page = requests.get(f"{sender.url}/", timeout=10)
    assert page.headers["content-type"].startswith("text/html")
    assert "收到的回传" in page.text and "BJ2026-0001" in page.text and "未通过" in page.text
    assert "<b>X</b>" not in page.text and "&lt;b&gt;X&lt;/b&gt;" in page.text


def test_shutdown_frees_the_port(simulator: RunningSimulator) -> None:
    port = simulator.server.port
    simulator.shutdown()
    again = serve_in_thread("127.0.0.1", port, [SECRET])
    try:
        assert Sender(again.url).signed("BJ2026-0001", 1, "msg_x1").status_code == 200
    finally:
        again.shutdown()
