"""The in-memory circuit breaker (the Redis one is tested against real Redis)."""

from __future__ import annotations

import socket
import time

import pytest

from courier.ports.carrier import CarrierUnavailable
from integrations.carrier.breaker import (
    BreakerSettings,
    BreakerState,
    CircuitOpen,
    InMemoryCircuitBreaker,
    RedisCircuitBreaker,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def breaker(clock: FakeClock) -> InMemoryCircuitBreaker:
    settings = BreakerSettings(failure_threshold=3, cooldown_seconds=30, probe_timeout_seconds=10)
    return InMemoryCircuitBreaker(settings, clock)


def fail(breaker: InMemoryCircuitBreaker, times: int) -> None:
    for _ in range(times):
        breaker.before_call()
        breaker.record_failure()


def test_breaker_stays_closed_below_the_failure_threshold(breaker: InMemoryCircuitBreaker) -> None:
    fail(breaker, 2)
    breaker.before_call()
    assert breaker.state() is BreakerState.CLOSED


def test_a_success_resets_the_count_of_consecutive_failures(
    breaker: InMemoryCircuitBreaker,
) -> None:
    fail(breaker, 2)
    breaker.record_success()
    fail(breaker, 2)
    assert breaker.state() is BreakerState.CLOSED


def test_breaker_opens_at_the_threshold_and_refuses_calls(breaker: InMemoryCircuitBreaker) -> None:
    fail(breaker, 3)
    assert breaker.state() is BreakerState.OPEN
    with pytest.raises(CircuitOpen):
        breaker.before_call()


def test_circuit_open_is_a_kind_of_carrier_unavailable() -> None:
    assert isinstance(CircuitOpen(), CarrierUnavailable)


def test_after_the_cooldown_exactly_one_probe_goes_through(
    breaker: InMemoryCircuitBreaker, clock: FakeClock
) -> None:
    fail(breaker, 3)
    clock.now += 31
    breaker.before_call()
    assert breaker.state() is BreakerState.HALF_OPEN
    with pytest.raises(CircuitOpen):
        breaker.before_call()


def test_a_successful_probe_closes_the_breaker(
    breaker: InMemoryCircuitBreaker, clock: FakeClock
) -> None:
    fail(breaker, 3)
    clock.now += 31
    breaker.before_call()
    breaker.record_success()
    assert breaker.state() is BreakerState.CLOSED
    breaker.before_call()


def test_a_failed_probe_opens_the_breaker_for_another_cooldown(
    breaker: InMemoryCircuitBreaker, clock: FakeClock
) -> None:
    fail(breaker, 3)
    clock.now += 31
    fail(breaker, 1)
    assert breaker.state() is BreakerState.OPEN
    clock.now += 29
    with pytest.raises(CircuitOpen):
        breaker.before_call()


def test_a_probe_that_never_reports_back_is_replaced_after_its_timeout(
    breaker: InMemoryCircuitBreaker, clock: FakeClock
) -> None:
    fail(breaker, 3)
    clock.now += 31
    breaker.before_call()
    clock.now += 11
    breaker.before_call()
    assert breaker.state() is BreakerState.HALF_OPEN


def test_a_redis_breaker_whose_redis_is_down_lets_calls_through() -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"redis://127.0.0.1:{port}/15"
    breaker = RedisCircuitBreaker.from_url(url, BreakerSettings(failure_threshold=1))
    started = time.monotonic()
    breaker.record_failure()
    breaker.before_call()
    breaker.record_success()
    assert time.monotonic() - started < 1
