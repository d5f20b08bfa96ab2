"""The circuit breaker shared through Redis, alone and around the real client of each protocol."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from courier.ports.carrier import Carrier, CarrierBusinessError, CarrierUnavailable
from integrations.carrier.breaker import (
    BreakerSettings,
    BreakerState,
    CircuitOpen,
    RedisCircuitBreaker,
)
from integrations.carrier.recording import CallOutcome, InMemoryCallRecorder
from integrations.carrier.simulator import FaultKind
from tests.integration.carrier_client.conftest import RunningSimulator, both_protocols
from tests.unit.carrier_client.samples import order

pytestmark = [pytest.mark.redis, pytest.mark.services]

SETTINGS = BreakerSettings(
    failure_threshold=3, cooldown_seconds=30, probe_timeout_seconds=10, key="test:carrier:breaker"
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def breakers(
    redis_url: str, redis_client: Any, clock: FakeClock
) -> Callable[[], RedisCircuitBreaker]:
    """Make breakers as separate processes would: same Redis key, separate connections."""

    return lambda: RedisCircuitBreaker.from_url(redis_url, SETTINGS, clock)


def test_failures_in_one_process_open_the_breaker_for_all(
    breakers: Callable[[], RedisCircuitBreaker],
) -> None:
    web, worker = breakers(), breakers()
    for breaker in (web, worker, web):
        breaker.before_call()
        breaker.record_failure()
    assert worker.state() is BreakerState.OPEN
    with pytest.raises(CircuitOpen):
        worker.before_call()


def test_only_one_process_probes_after_the_cooldown(
    breakers: Callable[[], RedisCircuitBreaker], clock: FakeClock
) -> None:
    web, worker = breakers(), breakers()
    for _ in range(3):
        web.record_failure()
    clock.now += 31
    web.before_call()
    assert worker.state() is BreakerState.HALF_OPEN
    with pytest.raises(CircuitOpen):
        worker.before_call()
    web.record_success()
    worker.before_call()
    assert worker.state() is BreakerState.CLOSED


def test_a_failed_probe_reopens_and_a_lost_probe_expires(
    breakers: Callable[[], RedisCircuitBreaker], clock: FakeClock, redis_client: Any
) -> None:
    breaker = breakers()
    for _ in range(3):
        breaker.record_failure()
    clock.now += 31
    breaker.before_call()
    breaker.record_failure()
    assert breaker.state() is BreakerState.OPEN
    clock.now += 31
    breaker.before_call()
    redis_client.delete(f"{SETTINGS.key}:probe")  # the probing process died; its lock expired
    breaker.before_call()


@both_protocols
def test_client_breaker_opens_refuses_without_calling_and_closes_after_a_probe(
    connect: Callable[..., Carrier],
    simulator: RunningSimulator,
    breakers: Callable[[], RedisCircuitBreaker],
    clock: FakeClock,
) -> None:
    carrier = connect(simulator.endpoint, breaker=breakers())
    simulator.inject(FaultKind.SYSTEM_FAULT)
    for _ in range(3):
        with pytest.raises(CarrierUnavailable):
            carrier.query_order("LO-1")
    seen = simulator.requests_seen

    recorder = InMemoryCallRecorder()
    other_process = connect(simulator.endpoint, breaker=breakers(), recorder=recorder)
    with pytest.raises(CircuitOpen):
        other_process.create_order(order())
    assert simulator.requests_seen == seen
    [refused] = recorder.calls
    assert (refused.outcome, refused.error_code) == (CallOutcome.UNAVAILABLE, "CIRCUIT_OPEN")
    assert refused.request_xml == ""

    simulator.heal()
    clock.now += 31
    assert carrier.query_order("LO-1") == []
    assert other_process.create_order(order()).waybill_no
    assert simulator.requests_seen == seen + 2


@both_protocols
def test_business_errors_do_not_open_the_breaker(
    connect: Callable[..., Carrier],
    simulator: RunningSimulator,
    breakers: Callable[[], RedisCircuitBreaker],
) -> None:
    breaker = breakers()
    carrier = connect(simulator.endpoint, breaker=breaker)
    simulator.inject(FaultKind.BUSINESS_FAULT)
    for _ in range(5):
        with pytest.raises(CarrierBusinessError):
            carrier.create_order(order())
    assert breaker.state() is BreakerState.CLOSED
