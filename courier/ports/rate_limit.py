"""The rate-limit port: how many carrier calls one carrier account may make per window."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class RateLimiter(Protocol):
    def allow(self, key: str, now: datetime) -> bool:
        """Count one call for `key` at `now`; return False if its window is already full."""
        ...
