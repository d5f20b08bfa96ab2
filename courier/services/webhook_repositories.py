"""The outbox and webhook-endpoint repositories of the unit of work."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol

from courier.domain.webhooks import (
    DeliveryClaim,
    DeliveryResult,
    DeliveryState,
    Endpoint,
    OutboxEntry,
)


class OutboxRepository(Protocol):
    def lock_cases(self, case_ids: Iterable[int]) -> dict[int, tuple[str, int]]:
        """Lock the cases until commit; return each one's case number and last report number."""
        ...

    def add(self, entries: Sequence[OutboxEntry], at_: datetime) -> int:
        """Store reports and a delivery per subscribed endpoint; return how many deliveries."""
        ...

    def claim(self, now: datetime, until: datetime, limit: int, token: str) -> list[DeliveryClaim]:
        """Lease due deliveries that are next in their case's order at their endpoint."""
        ...

    def finish(self, results: Sequence[DeliveryResult]) -> None: ...


class WebhookEndpointRepository(Protocol):
    def add(
        self, url: str, description: str, event_types: list[str], secret: str, now: datetime
    ) -> int: ...
    def get(self, endpoint_id: int) -> Endpoint | None: ...
    def all(self) -> list[Endpoint]: ...
    def rotate(self, endpoint_id: int, secret: str, old_until: datetime) -> None: ...
    def disable(self, endpoint_id: int, reason: str) -> None: ...
    def attempts(self, endpoint_id: int, limit: int) -> list[dict[str, Any]]: ...
    def events(self, state: DeliveryState | None, limit: int) -> list[dict[str, Any]]: ...
    def troubled(
        self, given_up_only: bool, endpoint_id: int | None, case_number: str, limit: int
    ) -> list[dict[str, Any]]: ...
    def event_type(self, event_id: int) -> str | None: ...
    def replay(self, event_id: int, endpoint_ids: list[int], now: datetime) -> int: ...
