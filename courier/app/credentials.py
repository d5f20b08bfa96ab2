"""A short memory of verified HTTP Basic credentials.

Passwords are hashed with scrypt on purpose slowly (~50 ms); an API client that signs
every request would pay that each time. Only a keyed digest of right credentials is kept,
for a minute; the services still check on every call that the account is active.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import threading
import time


class VerifiedCredentials:
    def __init__(self, ttl_seconds: float = 60.0, capacity: int = 1024) -> None:
        self._key = os.urandom(32)
        self._ttl = ttl_seconds
        self._capacity = capacity
        self._entries: dict[bytes, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def _digest(self, username: str, password: str) -> bytes:
        return hmac.new(self._key, f"{username}\0{password}".encode(), hashlib.sha256).digest()

    def account_id(self, username: str, password: str) -> int | None:
        """Return the account these credentials were verified for, if still remembered."""
        with self._lock:
            entry = self._entries.get(self._digest(username, password))
        if entry is None or entry[1] < time.monotonic():
            return None
        return entry[0]

    def remember(self, username: str, password: str, account_id: int) -> None:
        with self._lock:
            if len(self._entries) >= self._capacity:
                self._entries.clear()  # crude but bounded; entries are cheap to rebuild
            self._entries[self._digest(username, password)] = (
                account_id,
                time.monotonic() + self._ttl,
            )
