"""Fakes of the intake ports: API tokens and idempotency keys, in memory."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from courier.domain.api_tokens import ApiToken
from courier.domain.idempotency import IdempotencyRecord, StoredResponse
from tests.fake_store import Store


class FakeApiTokens(Store):
    unique = ("token_hash",)

    def get_by_digest(self, token_hash: str) -> ApiToken | None:
        return self.find(token_hash=token_hash)  # type: ignore[no-any-return]

    def list(self) -> list[Any]:
        return sorted(self.items.values(), key=lambda token: token.id)


class FakeIdempotencyStore:
    """Keys by (principal, key), with the SQL store's rule: a held key cannot be claimed."""

    def __init__(self) -> None:
        self.records: dict[tuple[int, str], IdempotencyRecord] = {}

    def claim(self, record: IdempotencyRecord) -> bool:
        return self.records.setdefault((record.account_id, record.key), record) is record

    def get(self, account_id: int, key: str) -> IdempotencyRecord | None:
        return self.records.get((account_id, key))

    def take_over(self, old: IdempotencyRecord, new: IdempotencyRecord) -> bool:
        if not self._holds(old):
            return False
        self.records[(new.account_id, new.key)] = new
        return True

    def complete(self, record: IdempotencyRecord, response: StoredResponse) -> None:
        if self._holds(record):
            self.records[(record.account_id, record.key)] = replace(record, response=response)

    def release(self, record: IdempotencyRecord) -> None:
        if self._holds(record):
            del self.records[(record.account_id, record.key)]

    def purge(self, now: datetime) -> int:
        expired = [key for key, record in self.records.items() if record.expires_at <= now]
        for key in expired:
            del self.records[key]
        return len(expired)

    def _holds(self, record: IdempotencyRecord) -> bool:
        held = self.records.get((record.account_id, record.key))
        return held is not None and held.claim == record.claim
