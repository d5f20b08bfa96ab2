"""The in-process rate limit: N calls per key and minute."""

from __future__ import annotations

from datetime import timedelta

from integrations.rate_limit import InProcessRateLimiter
from tests.factories import NOW


def test_calls_beyond_the_limit_are_refused_until_the_next_minute() -> None:
    limiter = InProcessRateLimiter(calls_per_minute=2)
    assert [limiter.allow("90000001", NOW) for _ in range(3)] == [True, True, False]
    assert limiter.allow("90000001", NOW + timedelta(minutes=1))


def test_each_carrier_account_has_its_own_budget() -> None:
    limiter = InProcessRateLimiter(calls_per_minute=1)
    assert limiter.allow("90000001", NOW) and limiter.allow("90000002", NOW)
    assert not limiter.allow("90000001", NOW)
