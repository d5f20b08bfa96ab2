"""Idempotency keys of API requests: a repeated request gets the first answer, not new work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from courier.domain.errors import Conflict, DomainError, InvalidValue
from courier.domain.text import Text

HEADER = "Idempotency-Key"
MAX_KEY = 255
# An answer not stored after this long belongs to a request that died with its process.
IN_FLIGHT_LEASE = timedelta(minutes=5)


class BadIdempotencyKey(DomainError):
    """The key is empty, too long or not printable ASCII (answered with 400)."""

    code = "invalid_idempotency_key"


class IdempotencyKeyReused(InvalidValue):
    code = "idempotency_key_reused"


class IdempotencyKeyInFlight(Conflict):
    code = "idempotency_key_in_flight"


def check_key(key: str) -> str:
    """Return the key if it is 1–255 printable ASCII characters, else raise BadIdempotencyKey."""
    if not 1 <= len(key) <= MAX_KEY or any(not " " <= ch <= "~" for ch in key):
        message = Text(
            "{header} 应为 1–{most} 个可打印的 ASCII 字符。", header=HEADER, most=MAX_KEY
        )
        raise BadIdempotencyKey(message, HEADER)
    return key


@dataclass(frozen=True)
class Fingerprint:
    """What makes two requests the same request: method, path and a hash of the body."""

    method: str
    path: str
    body_hash: str


@dataclass(frozen=True)
class StoredResponse:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    @property
    def worth_keeping(self) -> bool:
        """Tell whether a replay should give this answer (server errors may be retried)."""
        return self.status < 500


class Decision(Enum):
    REPLAY = "replay"
    MISMATCH = "mismatch"
    IN_FLIGHT = "in_flight"
    TAKE_OVER = "take_over"  # expired, or abandoned by a request that never answered


@dataclass(frozen=True)
class IdempotencyRecord:
    """One key of one principal: the request it stands for and, once answered, the answer."""

    account_id: int
    key: str
    fingerprint: Fingerprint
    claim: str  # a random id of the request that holds the key
    started_at: datetime
    expires_at: datetime
    response: StoredResponse | None = None

    def decide(self, fingerprint: Fingerprint, now: datetime) -> Decision:
        """Decide what a new request with this key gets while this record holds it."""
        if now >= self.expires_at:
            return Decision.TAKE_OVER
        if fingerprint != self.fingerprint:
            return Decision.MISMATCH
        if self.response is not None:
            return Decision.REPLAY
        if now - self.started_at >= IN_FLIGHT_LEASE:
            return Decision.TAKE_OVER
        return Decision.IN_FLIGHT
