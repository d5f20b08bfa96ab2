"""How long a staff sign-in lasts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

IDLE_TIMEOUT = timedelta(minutes=30)
ABSOLUTE_TIMEOUT = timedelta(hours=12)
# last_seen_at is written at most this often, so most requests only read.
TOUCH_EVERY = timedelta(minutes=1)


@dataclass
class StaffSession:
    """One sign-in of one account, known to the server only by a digest of its id."""

    id_hash: str
    account_id: int
    created_at: datetime
    last_seen_at: datetime
    revoked_at: datetime | None = None
    client_address: str | None = None

    def is_live(self, now: datetime) -> bool:
        """Tell whether the session still signs its account in: not revoked, idle or too old."""
        return (
            self.revoked_at is None
            and now - self.last_seen_at < IDLE_TIMEOUT
            and now - self.created_at < ABSOLUTE_TIMEOUT
        )

    def needs_touch(self, now: datetime) -> bool:
        return now - self.last_seen_at >= TOUCH_EVERY
