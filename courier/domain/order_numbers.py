"""Our own order numbers (logisticsOrderNo): generated once, never reused."""

from __future__ import annotations

import secrets
from datetime import datetime

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_order_number(now: datetime) -> str:
    """Return a fresh order number: CR, the date, and 10 random base-32 characters."""
    tail = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"CR{now:%Y%m%d}{tail}"
