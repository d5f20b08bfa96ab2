"""Which events are reported, how reports are signed, and when a failed one is tried again."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from courier.domain.errors import ValidationFailed
from courier.domain.reports import (
    PUBLIC_TYPES,
    RETRY_SCHEDULE,
    Verdict,
    new_message_id,
    new_secret,
    next_attempt_at,
    retry_after_of,
    signature_header,
    verdict,
)
from courier.domain.tracking import LegEventType
from courier.domain.webhooks import check_endpoint, endpoint_problems
from courier.services.report_models import EVENT_TYPES

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
ISSUE_TYPES = {
    "leg.booked", "leg.booking_uncertain", "leg.handed_over", "leg.accepted",
    "leg.out_for_delivery", "leg.delivered", "leg.delivery_failed", "leg.returning",
    "leg.returned", "leg.lost", "leg.stuck", "leg.receipt_confirmed", "leg.receipt_discrepancy",
    "leg.receipt_discrepancy_resolved", "case.result_handed_over", "case.closed",
}  # fmt: skip


def test_every_step_of_the_issue_has_a_public_type_and_a_documented_meaning() -> None:
    assert set(PUBLIC_TYPES.values()) == ISSUE_TYPES == set(EVENT_TYPES)
    assert len(set(PUBLIC_TYPES.values())) == len(PUBLIC_TYPES)


def test_carrier_alerts_and_plain_transit_are_kept_but_not_reported() -> None:
    unreported = set(LegEventType) - set(PUBLIC_TYPES)
    assert unreported == {
        LegEventType.IN_TRANSIT, LegEventType.ACCEPTANCE_VOIDED, LegEventType.EXCEPTION,
        LegEventType.CANCELLED,  # told in the case's history only
    }  # fmt: skip


def test_a_signature_verifies_with_the_independent_standard_webhooks_implementation() -> None:
    secret, message_id = new_secret(), new_message_id()
    body = json.dumps({"type": "leg.delivered"}).encode()
    timestamp = int(datetime.now(UTC).timestamp())
    headers = {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature_header([secret], message_id, timestamp, body),
    }
    assert Webhook(secret).verify(body, headers) == {"type": "leg.delivered"}
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body.replace(b"delivered", b"lost"), headers)


def test_during_a_rotation_either_secret_verifies_the_same_report() -> None:
    new, old = new_secret(), new_secret()
    body, timestamp = b"{}", int(datetime.now(UTC).timestamp())
    header = signature_header([new, old], "msg_1", timestamp, body)
    assert len(header.split(" ")) == 2
    for secret in (new, old):
        headers = {"webhook-id": "msg_1", "webhook-timestamp": str(timestamp)}
        assert Webhook(secret).verify(body, {**headers, "webhook-signature": header}) == {}


@pytest.mark.parametrize(
    ("status", "expected"),
    [(200, Verdict.DELIVERED), (204, Verdict.DELIVERED), (410, Verdict.DISABLE),
     (429, Verdict.RETRY), (503, Verdict.RETRY), (301, Verdict.RETRY), (404, Verdict.RETRY),
     (None, Verdict.RETRY)],
)  # fmt: skip
def test_2xx_delivers_410_disables_and_everything_else_is_retried(
    status: int | None, expected: Verdict
) -> None:
    assert verdict(status) is expected


def test_retries_follow_the_specification_schedule_then_give_up() -> None:
    delays = [next_attempt_at(n, NOW, None, 0.0) for n in range(1, 9)]
    expected = [5, 300, 1800, 7200, 18000, 36000, 36000]
    assert [(d - NOW).total_seconds() for d in delays[:-1] if d] == expected
    assert delays[-1] is None and len(RETRY_SCHEDULE) == 8


def test_jitter_only_delays_by_up_to_a_tenth() -> None:
    later = next_attempt_at(2, NOW, None, 0.999)
    assert later is not None and NOW + timedelta(seconds=300) < later < NOW + timedelta(seconds=330)


def test_retry_after_delays_the_next_attempt_but_never_hastens_it() -> None:
    assert next_attempt_at(1, NOW, timedelta(seconds=120), 0) == NOW + timedelta(seconds=120)
    assert next_attempt_at(2, NOW, timedelta(seconds=1), 0) == NOW + timedelta(seconds=300)


def test_retry_after_is_read_as_seconds_or_as_an_http_date() -> None:
    assert retry_after_of("30", NOW) == timedelta(seconds=30)
    assert retry_after_of("Thu, 26 Nov 2026 09:02:00 GMT", NOW) == timedelta(minutes=2)
    assert retry_after_of("soon", NOW) is None and retry_after_of(None, NOW) is None


def test_an_endpoint_needs_an_http_url_and_known_event_types_named_by_field() -> None:
    problems = endpoint_problems("ftp://x", ["leg.delivered", "leg.teleported"], False)
    assert set(problems) == {"url", "event_types.1"}
    assert endpoint_problems("http://case.example/hook", ["leg.lost"], False) == {}
    assert "url" in endpoint_problems("http://user:pw@case.example/", ["leg.lost"], False)
    assert "event_types" in endpoint_problems("https://case.example/", [], False)


def test_production_accepts_only_https_endpoints() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_endpoint("http://case.example/hook", ["leg.lost"], True)
    assert "https" in refused.value.errors["url"]
    check_endpoint("https://case.example/hook", ["leg.lost"], True)
