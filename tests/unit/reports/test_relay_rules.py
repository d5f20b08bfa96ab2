"""What one attempt of the relay sends, and what becomes of the delivery afterwards."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from standardwebhooks.webhooks import Webhook

from courier.domain.reports import new_secret
from courier.domain.webhooks import DeliveryClaim, DeliveryState
from courier.ports.case_system import CaseSystem, ReportOutcome
from courier.ports.clock import FixedClock
from courier.services.relay import RelayPolicy, judge, sender
from tests.fakes_case_system import FakeCaseSystem

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
SECRET = new_secret()


def claim(attempts: int = 0) -> DeliveryClaim:
    return DeliveryClaim(7, "lease", 1, "https://case.example/hook", (SECRET,), "msg_1",
                         b'{"type":"leg.lost"}', attempts)  # fmt: skip


def test_a_sent_report_carries_a_verifiable_signature_and_the_timeout() -> None:
    fake = FakeCaseSystem()
    case_system: CaseSystem = fake
    clock = FixedClock(datetime.now(UTC))
    result = sender(case_system, clock, RelayPolicy(timeout=3.0), lambda: 0.0)(claim())
    [(report, timeout)] = fake.reports
    assert timeout == 3.0 and result.state is DeliveryState.DELIVERED
    assert Webhook(SECRET).verify(report.body, report.headers()) == {"type": "leg.lost"}
    assert report.headers()["webhook-id"] == "msg_1"


def test_a_5xx_is_tried_again_on_the_schedule_and_a_429_not_before_retry_after() -> None:
    retry = judge(claim(), ReportOutcome(503, None, "HTTP 503"), NOW, 0.0)
    assert retry.state is DeliveryState.PENDING and retry.next_attempt_at == NOW + timedelta(
        seconds=5
    )
    later = judge(claim(), ReportOutcome(429, "120"), NOW, 0.0)
    assert later.next_attempt_at == NOW + timedelta(seconds=120)


def test_the_eighth_failure_gives_up_and_a_410_disables_the_endpoint() -> None:
    last = judge(claim(attempts=7), ReportOutcome(None, None, "ReadTimeout"), NOW, 0.0)
    assert last.state is DeliveryState.GIVEN_UP and last.next_attempt_at is None
    gone = judge(claim(), ReportOutcome(410), NOW, 0.0)
    assert gone.state is DeliveryState.GIVEN_UP and gone.disable_endpoint
    assert not judge(claim(), ReportOutcome(200), NOW, 0.0).disable_endpoint
