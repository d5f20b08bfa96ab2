"""The read side of public tracking: a case and its legs in one statement, events in one more."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from courier.domain.case import CaseStatus, ResultDelivery
from courier.domain.leg import LegKind, LegStatus
from courier.domain.places import Party
from courier.ports.carrier import TraceEvent


@dataclass(frozen=True)
class LegRecord:
    kind: LegKind
    status: LegStatus
    waybill_no: str | None
    receiver: Party
    tracking_note: str
    expected_delivery: date | datetime | None = None
    # how the carrier collects it: 1 at the sender's door in this window (the leg's pickup_type)
    pickup_type: int = 0
    pickup_start: datetime | None = None
    pickup_end: datetime | None = None


@dataclass(frozen=True)
class CaseRecord:
    case_number: str
    matter_name: str
    status: CaseStatus
    result_delivery: ResultDelivery
    legs: list[LegRecord]  # live legs only, in booking order


class PublicReads(Protocol):
    def leg_by_waybill(self, waybill_no: str) -> LegRecord | None: ...

    def case_by_mobile_tail(self, case_number: str, tail: str) -> CaseRecord | None:
        """Find a case by number and the keyed hash of its mobile tail (one statement)."""
        ...

    def events_for(self, waybills: Sequence[str]) -> list[TraceEvent]: ...
