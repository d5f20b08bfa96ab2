"""In-memory outbox and webhook endpoints for service tests (no relay: that is SQL's job)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any

from courier.domain.webhooks import (
    DeliveryClaim,
    DeliveryResult,
    DeliveryState,
    Endpoint,
    OutboxEntry,
)


class FakeWebhookEndpoints:
    def __init__(self) -> None:
        self.items: dict[int, Endpoint] = {}
        self.secrets: dict[int, list[str]] = {}

    def add(
        self, url: str, description: str, event_types: list[str], secret: str, now: datetime
    ) -> int:
        endpoint_id = len(self.items) + 1
        self.items[endpoint_id] = Endpoint(
            endpoint_id, url, description, tuple(event_types), True, "", now
        )
        self.secrets[endpoint_id] = [secret]
        return endpoint_id

    def get(self, endpoint_id: int) -> Endpoint | None:
        return self.items.get(endpoint_id)

    def all(self) -> list[Endpoint]:
        return list(self.items.values())

    def rotate(self, endpoint_id: int, secret: str, old_until: datetime) -> None:
        self.secrets[endpoint_id] = [secret, self.secrets[endpoint_id][0]]

    def disable(self, endpoint_id: int, reason: str) -> None:
        e = self.items[endpoint_id]
        self.items[endpoint_id] = Endpoint(
            e.id, e.url, e.description, e.event_types, False, reason, e.created_at
        )

    def attempts(self, endpoint_id: int, limit: int) -> list[dict[str, Any]]:
        return []

    def events(self, state: DeliveryState | None, limit: int) -> list[dict[str, Any]]:
        return []

    def troubled(
        self, given_up_only: bool, endpoint_id: int | None, case_number: str, limit: int
    ) -> list[dict[str, Any]]:
        return []

    def event_type(self, event_id: int) -> str | None:
        return None

    def replay(self, event_id: int, endpoint_ids: list[int], now: datetime) -> int:
        return 0


class FakeOutbox:
    """Numbered entries and the deliveries made for subscribed endpoints."""

    def __init__(self, case_number: Callable[[int], str], endpoints: FakeWebhookEndpoints) -> None:
        self.case_number = case_number
        self.endpoints = endpoints
        self.entries: list[OutboxEntry] = []
        self.deliveries: list[tuple[str, int]] = []  # (message id, endpoint id)

    def lock_cases(self, case_ids: Iterable[int]) -> dict[int, tuple[str, int]]:
        return {
            i: (
                self.case_number(i),
                max([e.sequence for e in self.entries if e.case_id == i] or [0]),
            )
            for i in set(case_ids)
        }

    def add(self, entries: Sequence[OutboxEntry], at_: datetime) -> int:
        self.entries += entries
        made = [
            (entry.message_id, e.id)
            for entry in entries
            for e in self.endpoints.all()
            if e.wants(entry.event_type)
        ]
        self.deliveries += made
        return len(made)

    def claim(self, now: datetime, until: datetime, limit: int, token: str) -> list[DeliveryClaim]:
        return []

    def finish(self, results: Sequence[DeliveryResult]) -> None:
        return None
