"""The Redis rate limit: one budget per carrier account and minute, shared by all workers."""

from __future__ import annotations

from datetime import timedelta

from redis import Redis

from integrations.rate_limit import RedisRateLimiter
from tests.factories import NOW


def test_two_workers_share_one_budget_per_account_and_minute(redis_client: Redis) -> None:
    one, other = RedisRateLimiter(redis_client, 3), RedisRateLimiter(redis_client, 3)
    answers = [limiter.allow("90000001", NOW) for limiter in (one, other, one, other)]
    assert answers == [True, True, True, False]
    assert other.allow("90000002", NOW)
    assert one.allow("90000001", NOW + timedelta(minutes=1))


def test_a_minute_is_forgotten_after_it_has_passed(redis_client: Redis) -> None:
    RedisRateLimiter(redis_client, 3).allow("90000001", NOW)
    key = next(iter(redis_client.scan_iter("courier:rate:90000001:*")))
    assert 0 < redis_client.ttl(key) <= 120
