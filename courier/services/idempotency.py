"""Run a keyed API request once: claim its key, or answer with what the first request got."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from courier.domain.idempotency import (
    Decision,
    Fingerprint,
    IdempotencyKeyInFlight,
    IdempotencyKeyReused,
    IdempotencyRecord,
    StoredResponse,
    check_key,
)
from courier.domain.text import Text

IN_FLIGHT = Text("使用该 Idempotency-Key 的请求仍在处理中，请稍后重试。")
REUSED = Text("该 Idempotency-Key 已用于另一个请求（方法、路径或内容不同）。")


class IdempotencyStore(Protocol):
    def claim(self, record: IdempotencyRecord) -> bool:
        """Insert the record as in flight; False when the principal already holds this key."""
        ...

    def get(self, account_id: int, key: str) -> IdempotencyRecord | None: ...
    def take_over(self, old: IdempotencyRecord, new: IdempotencyRecord) -> bool:
        """Put `new` in place of `old` unless another request changed it first."""
        ...

    def complete(self, record: IdempotencyRecord, response: StoredResponse) -> None: ...
    def release(self, record: IdempotencyRecord) -> None:
        """Forget a key whose request gave no answer worth keeping."""
        ...

    def purge(self, now: datetime) -> int:
        """Delete every key expired by `now`; return how many."""
        ...


@dataclass(frozen=True)
class Proceed:
    record: IdempotencyRecord  # this request holds the key: do the work, then finish()


@dataclass(frozen=True)
class Replay:
    response: StoredResponse


def begin(
    store: IdempotencyStore,
    account_id: int,
    key: str,
    fingerprint: Fingerprint,
    now: datetime,
    ttl: timedelta,
) -> Proceed | Replay:
    """Claim the key for this request, or tell why not (replay, 422 reuse, 409 in flight)."""
    claim = secrets.token_hex(16)
    record = IdempotencyRecord(account_id, check_key(key), fingerprint, claim, now, now + ttl)
    for _ in range(3):  # the holder may finish, fail or be purged between our two reads
        if store.claim(record):
            return Proceed(record)
        found = store.get(account_id, key)
        if found is None:
            continue
        decision = found.decide(fingerprint, now)
        if decision is Decision.REPLAY and found.response is not None:
            return Replay(found.response)
        if decision is Decision.MISMATCH:
            raise IdempotencyKeyReused(REUSED, "Idempotency-Key")
        if decision is Decision.TAKE_OVER and store.take_over(found, record):
            return Proceed(record)
        if decision is Decision.IN_FLIGHT:
            break
    raise IdempotencyKeyInFlight(IN_FLIGHT, "Idempotency-Key")


def finish(store: IdempotencyStore, record: IdempotencyRecord, response: StoredResponse) -> None:
    """Keep the answer for replays, or free the key when the client should retry."""
    if response.worth_keeping:
        store.complete(record, response)
    else:
        store.release(record)


def purge_expired(store: IdempotencyStore, now: datetime) -> int:
    """Delete expired keys, so that a request with one of them runs again."""
    return store.purge(now)
