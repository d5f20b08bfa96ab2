"""Status reports (回传) to the case system: which events are reported, and when to retry.

Follows the Standard Webhooks specification (https://www.standardwebhooks.com): a stable
message id, a timestamp, and v1 HMAC-SHA256 signatures over "id.timestamp.body".
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import Enum

from courier.domain.tracking import LegEventType

E = LegEventType

# The one table from our event types to the public ones; a type not here is not reported
# (in transit, a voided acceptance, a carrier alert: staff see them, the case system not).
PUBLIC_TYPES: dict[LegEventType, str] = {
    E.BOOKED: "leg.booked",
    E.BOOKING_UNCERTAIN: "leg.booking_uncertain",
    E.HANDED_OVER: "leg.handed_over",
    E.ACCEPTED: "leg.accepted",
    E.OUT_FOR_DELIVERY: "leg.out_for_delivery",
    E.DELIVERED: "leg.delivered",
    E.DELIVERY_FAILED: "leg.delivery_failed",
    E.RETURNING: "leg.returning",
    E.RETURNED: "leg.returned",
    E.LOST: "leg.lost",
    E.STUCK: "leg.stuck",
    E.RECEIPT_CONFIRMED: "leg.receipt_confirmed",
    E.RECEIPT_DISCREPANCY: "leg.receipt_discrepancy",
    E.RECEIPT_DISCREPANCY_RESOLVED: "leg.receipt_discrepancy_resolved",
    E.RESULT_HANDED_OVER: "case.result_handed_over",
    E.CASE_CLOSED: "case.closed",
}

# The specification's schedule: the delay before each attempt (the first is immediate).
RETRY_SCHEDULE: tuple[timedelta, ...] = tuple(
    timedelta(seconds=s) for s in (0, 5, 300, 1800, 7200, 18000, 36000, 36000)
)
JITTER = 0.1  # up to 10 % later, so that endpoints coming back are not hit all at once
LONGEST_RETRY_AFTER = timedelta(hours=10)
SECRET_PREFIX = "whsec_"


class Verdict(Enum):
    DELIVERED = "delivered"
    RETRY = "retry"  # 429, 5xx, 3xx, other 4xx, no answer: try again on the schedule
    DISABLE = "disable"  # 410 Gone: the endpoint asks never to be called again


def verdict(status_code: int | None) -> Verdict:
    """Judge one attempt by its HTTP status (None: no answer, e.g. a timeout)."""
    if status_code is not None and 200 <= status_code < 300:
        return Verdict.DELIVERED
    return Verdict.DISABLE if status_code == 410 else Verdict.RETRY


def next_attempt_at(
    attempts_made: int, now: datetime, retry_after: timedelta | None, jitter: float
) -> datetime | None:
    """Return when to try again after `attempts_made` failed attempts, or None to give up.

    `jitter` is a number in [0, 1) (random in production); Retry-After can only delay.
    """
    if attempts_made >= len(RETRY_SCHEDULE):
        return None
    delay = RETRY_SCHEDULE[attempts_made] * (1 + JITTER * jitter)
    if retry_after is not None:
        delay = max(delay, min(retry_after, LONGEST_RETRY_AFTER))
    return now + delay


def retry_after_of(header: str | None, now: datetime) -> timedelta | None:
    """Read a Retry-After header: seconds or an HTTP date; None if absent or unreadable."""
    if not header:
        return None
    text = header.strip()
    if text.isdigit():
        return timedelta(seconds=int(text))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(when - now, timedelta(0))


def new_secret() -> str:
    """Return a fresh endpoint secret: whsec_ and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(os.urandom(32)).decode("ascii")


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """Return one v1 signature of a report with a whsec_ secret."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def signature_header(secrets: Sequence[str], message_id: str, timestamp: int, body: bytes) -> str:
    """Return the webhook-signature header: one signature per live secret, space-separated."""
    return " ".join(signature(s, message_id, timestamp, body) for s in secrets)
