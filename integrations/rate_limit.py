"""Fixed-window call limits per key: in this process, or shared by every worker through Redis."""

from __future__ import annotations

import threading
from datetime import datetime

from redis import Redis

WINDOW_SECONDS = 60


def _window(now: datetime) -> int:
    return int(now.timestamp()) // WINDOW_SECONDS


class InProcessRateLimiter:
    """Count calls per key and minute in memory (one process: the embedded default)."""

    def __init__(self, calls_per_minute: int) -> None:
        self.calls_per_minute = calls_per_minute
        self._counts: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str, now: datetime) -> bool:
        window = _window(now)
        with self._lock:
            seen, count = self._counts.get(key, (window, 0))
            count = count + 1 if seen == window else 1
            self._counts[key] = (window, count)
        return count <= self.calls_per_minute


class RedisRateLimiter:
    """Count calls per key and minute in Redis, so that all workers share one budget."""

    def __init__(self, redis: Redis, calls_per_minute: int, prefix: str = "courier:rate") -> None:
        self.redis = redis
        self.calls_per_minute = calls_per_minute
        self.prefix = prefix

    @classmethod
    def from_url(cls, url: str, calls_per_minute: int) -> RedisRateLimiter:
        return cls(Redis.from_url(url, socket_timeout=2.0), calls_per_minute)

    def allow(self, key: str, now: datetime) -> bool:
        name = f"{self.prefix}:{key}:{_window(now)}"
        pipe = self.redis.pipeline()
        pipe.incr(name)
        pipe.expire(name, WINDOW_SECONDS * 2)
        count, _ = pipe.execute()
        return int(count) <= self.calls_per_minute
