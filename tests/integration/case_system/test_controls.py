"""The simulator's controls: fail the next reports, wait, be gone, reset."""

from __future__ import annotations

import requests

from tests.integration.case_system.conftest import Sender


def test_it_fails_the_next_reports_as_told_then_accepts(sender: Sender) -> None:
    told = sender.control("fail", count=2, status=503, retry_after=7)
    assert told.json()["fail_count"] == 2
    answers = [sender.signed("BJ2026-0001", 1, "msg_f1") for _ in range(3)]
    assert [a.status_code for a in answers] == [503, 503, 200]
    assert [a.headers.get("Retry-After") for a in answers[:2]] == ["7", "7"]
    reports = sender.reports()["reports"]
    assert [(r["status"], r["duplicate"]) for r in reports] == [
        (503, False),
        (503, False),
        (200, False),
    ]
    assert len(sender.reports()["cases"]["BJ2026-0001"]) == 1


def test_a_tampered_report_is_refused_before_any_told_failure(sender: Sender) -> None:
    sender.control("fail", count=1, status=429)
    reply = sender.report(
        '{"type": "x"}', {"webhook-id": "msg_q1", "content-type": "application/json"}
    )
    assert reply.status_code == 401
    assert sender.signed("BJ2026-0001", 1, "msg_q2").status_code == 429


def test_gone_answers_410_until_reset(sender: Sender) -> None:
    sender.control("gone")
    assert sender.signed("BJ2026-0001", 1, "msg_g1").status_code == 410
    assert sender.signed("BJ2026-0001", 2, "msg_g2").status_code == 410
    assert sender.control("reset").json() == {"reset": True}
    assert sender.reports() == {"reports": [], "cases": {}}
    assert sender.signed("BJ2026-0001", 1, "msg_g3").status_code == 200


def test_a_delay_is_kept_and_reports_still_arrive(sender: Sender) -> None:
    assert sender.control("delay", seconds=0.2).json()["delay_seconds"] == 0.2
    assert sender.signed("BJ2026-0001", 1, "msg_w1").status_code == 200
    assert sender.control("reset").status_code == 200
    assert sender.control("delay", seconds=0).json()["delay_seconds"] == 0


def test_bad_control_values_are_refused_with_a_reason(sender: Sender) -> None:
    for name, body in [
        ("fail", {"count": "many"}),
        ("fail", {"count": 1, "status": 200}),
        ("fail", {"count": -1}),
        ("delay", {"seconds": 10_000}),
        ("delay", {"seconds": "soon"}),
        ("secret", {"secrets": "whsec_x"}),
    ]:
        reply = sender.control(name, **body)
        assert reply.status_code == 400 and reply.json()["error"]


def test_controls_take_only_json_so_a_cross_site_form_cannot_change_them(sender: Sender) -> None:
    for name in ("fail", "gone", "reset", "delay", "secret"):
        reply = requests.post(f"{sender.url}/control/{name}", data={"count": "5"}, timeout=10)
        assert reply.status_code == 415
    assert sender.signed("BJ2026-0001", 1, "msg_j1").status_code == 200
