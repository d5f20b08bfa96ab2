"""A circuit breaker around the carrier, shared by every process through Redis.

Only `CarrierUnavailable` failures (system faults, unreachable, outcome unknown) count; a
business refusal or a malformed reply proves the carrier is up. When open, calls fail fast
with `CircuitOpen`; after the cooldown exactly one caller is let through as the probe.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from redis import Redis
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

from courier.ports.carrier import CarrierUnavailable

log = logging.getLogger(__name__)

Clock = Callable[[], float]


class BreakerState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitOpen(CarrierUnavailable):
    """The breaker is open: the carrier was not called."""

    def __init__(self) -> None:
        super().__init__("承运商系统暂时不可用，请稍后再试（熔断中）", code="CIRCUIT_OPEN")


@dataclass(frozen=True)
class BreakerSettings:
    failure_threshold: int = 5
    cooldown_seconds: float = 30.0
    # how long one probe holds its claim: at least the longest carrier call, or two probes overlap
    probe_timeout_seconds: float = 60.0
    key: str = "courier:carrier:breaker"


class CircuitBreaker(Protocol):
    def before_call(self) -> None:
        """Raise `CircuitOpen` unless a call may go to the carrier now."""

    def record_success(self) -> None: ...

    def record_failure(self) -> None: ...

    def state(self) -> BreakerState: ...


class InMemoryCircuitBreaker:
    """The breaker for one process (unit tests, single-process tools)."""

    def __init__(self, settings: BreakerSettings | None = None, clock: Clock = time.time) -> None:
        self.settings = settings or BreakerSettings()
        self._clock = clock
        self._lock = threading.Lock()
        self._state = BreakerState.CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self._probe_until = 0.0

    def before_call(self) -> None:
        with self._lock:
            if self._state is BreakerState.CLOSED:
                return
            now = self._clock()
            if now - self._opened_at < self.settings.cooldown_seconds or now < self._probe_until:
                raise CircuitOpen()
            self._state = BreakerState.HALF_OPEN
            self._probe_until = now + self.settings.probe_timeout_seconds

    def record_success(self) -> None:
        with self._lock:
            self._state, self._failures, self._probe_until = BreakerState.CLOSED, 0, 0.0

    def record_failure(self) -> None:
        with self._lock:
            if self._state is BreakerState.OPEN:
                return
            self._failures += 1
            if self._state is BreakerState.HALF_OPEN or (
                self._failures >= self.settings.failure_threshold
            ):
                self._state, self._opened_at = BreakerState.OPEN, self._clock()
                self._probe_until = 0.0

    def state(self) -> BreakerState:
        return self._state


# KEYS[1] = state hash, KEYS[2] = probe lock; ARGV = now, cooldown, probe ttl (ms)
_BEFORE_CALL = """
local state = redis.call('HGET', KEYS[1], 'state')
if not state or state == 'closed' then return 'closed' end
local opened_at = tonumber(redis.call('HGET', KEYS[1], 'opened_at') or '0')
if tonumber(ARGV[1]) - opened_at < tonumber(ARGV[2]) then return 'open' end
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[3]) then
  redis.call('HSET', KEYS[1], 'state', 'half_open')
  return 'probe'
end
return 'open'
"""

# ARGV = now, failure threshold
_RECORD_FAILURE = """
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'open' then return 'open' end
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
if state == 'half_open' or failures >= tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'state', 'open', 'opened_at', ARGV[1])
  redis.call('DEL', KEYS[2])
  return 'open'
end
return 'closed'
"""

_RECORD_SUCCESS = """
if redis.call('HGET', KEYS[1], 'state') == 'closed'
   and redis.call('HGET', KEYS[1], 'failures') == '0' then return 0 end
redis.call('HSET', KEYS[1], 'state', 'closed', 'failures', 0)
redis.call('DEL', KEYS[2])
return 1
"""


class RedisCircuitBreaker:
    """The breaker shared by all processes; if Redis itself fails, calls are let through."""

    def __init__(
        self, redis: Any, settings: BreakerSettings | None = None, clock: Clock = time.time
    ) -> None:
        self.settings = settings or BreakerSettings()
        self._redis = redis
        self._clock = clock
        self._keys = [self.settings.key, f"{self.settings.key}:probe"]
        self._before_call = redis.register_script(_BEFORE_CALL)
        self._record_failure = redis.register_script(_RECORD_FAILURE)
        self._record_success = redis.register_script(_RECORD_SUCCESS)

    @classmethod
    def from_url(
        cls,
        url: str,
        settings: BreakerSettings | None = None,
        clock: Clock = time.time,
        timeout: float = 0.25,
    ) -> RedisCircuitBreaker:
        """Connect with short timeouts and no retries: a slow Redis must not slow bookings."""
        client = Redis.from_url(
            url,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 0),
        )
        return cls(client, settings, clock)

    def before_call(self) -> None:
        probe_ms = int(self.settings.probe_timeout_seconds * 1000)
        args = [self._clock(), self.settings.cooldown_seconds, probe_ms]
        if self._run(self._before_call, args) == b"open":
            raise CircuitOpen()

    def record_success(self) -> None:
        self._run(self._record_success, [])

    def record_failure(self) -> None:
        self._run(self._record_failure, [self._clock(), self.settings.failure_threshold])

    def state(self) -> BreakerState:
        raw = self._redis.hget(self.settings.key, "state")
        return BreakerState(raw.decode()) if raw else BreakerState.CLOSED

    def _run(self, script: Any, args: list[Any]) -> Any:
        try:
            return script(keys=self._keys, args=args)
        except RedisError:  # a broken breaker must not stop bookings
            log.exception("carrier breaker: Redis failed, letting the call through")
            return None
