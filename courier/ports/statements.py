"""The statement's read side (legs booked, CreateOrder calls) and its PDF renderer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from courier.domain.statement import BookedLeg, OrderCall


@dataclass(frozen=True)
class CarrierAccountChoice:
    """A customer number and the halls or departments that mail under it."""

    customer_no: str
    holders: str


@dataclass(frozen=True)
class StrayCall:
    """A CreateOrder call matching no leg, with the (redacted) request it sent."""

    call: OrderCall
    request_text: str


class StatementReads(Protocol):
    def carrier_accounts(self) -> list[CarrierAccountChoice]: ...

    def legs_booked(self, customer_no: str, start: datetime, end: datetime) -> list[BookedLeg]:
        """Return the legs booked under the account in [start, end), cancelled ones too."""
        ...

    def order_calls_for(self, legs: Sequence[BookedLeg]) -> list[OrderCall]:
        """Return the CreateOrder calls tagged with these legs or their order numbers."""
        ...

    def stray_order_calls(self, start: datetime, end: datetime) -> list[StrayCall]:
        """Return the CreateOrder calls started in [start, end) that match no leg at all."""
        ...


@dataclass(frozen=True)
class StatementPdfData:
    """A statement as printed: every cell already text."""

    title: str
    facts: Sequence[str]
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    totals: Sequence[str]
    findings: Sequence[str]


class StatementRenderer(Protocol):
    def render_statement(self, statement: StatementPdfData) -> bytes: ...
