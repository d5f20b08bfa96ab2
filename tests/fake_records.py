"""Fakes of the record-keeping repositories: tracking, leg events, prints, handovers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from courier.domain.errors import Conflict
from courier.domain.handover import Handover
from courier.domain.tracking import LegEvent
from courier.ports.carrier import TraceEvent
from courier.ports.push import EventsAdded, QuarantinedEvent, UnreadableEvent
from courier.storage.uow import CONCURRENT_CHANGE
from tests.fake_store import Store


class FakeTracking:
    def __init__(self) -> None:
        self.events: dict[tuple[str, datetime, str, str], TraceEvent] = {}
        self.acks: list[tuple[str, tuple[int, int, int]]] = []
        self.quarantine_rows: list[QuarantinedEvent] = []

    def add_events(self, events: Sequence[TraceEvent], source: str, at: datetime) -> EventsAdded:
        """Keep the first copy of each event, as the SQL insert that ignores duplicates does."""
        new = []
        for event in events:
            if event.identity not in self.events:
                self.events[event.identity] = event
                new.append(event)
        return EventsAdded(len(new), stored=tuple(new))

    def record_ack(self, serial_no: str, counts: tuple[int, int, int], at: datetime) -> None:
        self.acks.append((serial_no, counts))

    def quarantine(self, serial_no: str, events: Sequence[UnreadableEvent], at: datetime) -> None:
        self.quarantine_rows += [QuarantinedEvent(serial_no, e.raw, e.reason, at) for e in events]

    def quarantined(self, limit: int) -> list[QuarantinedEvent]:
        return self.quarantine_rows[::-1][:limit]

    def events_for(self, waybill_no: str) -> list[TraceEvent]:
        return sorted(
            (e for e in self.events.values() if e.waybill_no == waybill_no), key=lambda e: e.op_time
        )


class FakeLegEvents:
    def __init__(self) -> None:
        self.rows: list[LegEvent] = []

    def add(self, events: Sequence[LegEvent]) -> None:
        if any(e.recorded_at is None or e.leg_id is None or e.case_id is None for e in events):
            raise ValueError("a leg event needs its leg, its case and when it was recorded")
        self.rows += [replace(e, id=len(self.rows) + n) for n, e in enumerate(events, 1)]

    def for_leg(self, leg_id: int) -> list[LegEvent]:
        return [e for e in self.rows if e.leg_id == leg_id]


class FakePrints:
    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []

    def printed_before(self, leg_id: int) -> bool:
        return any(row["leg_id"] == leg_id for row in self.rows)

    def record(
        self, leg_id: int, account_id: int | None, at: datetime, reprint: bool, size: str
    ) -> None:
        row = {
            "id": len(self.rows) + 1, "leg_id": leg_id, "account_id": account_id,
            "printed_at": at, "reprint": reprint, "size": size,
        }  # fmt: skip
        self.rows.append(row)

    def history(self, leg_id: int) -> list[dict[str, object]]:
        return [dict(row) for row in self.rows if row["leg_id"] == leg_id]


class FakeHandovers(Store):
    def add(self, handover: Handover) -> None:
        others = [h for h in self.items.values() if h is not handover]
        handed = {id(leg) for other in others for leg in other.legs}
        if any(id(leg) in handed for leg in handover.legs):
            # One row per leg ever: the database refuses a second handover of a leg.
            raise Conflict(CONCURRENT_CHANGE)
        super().add(handover)

    def get(self, handover_id: int) -> Handover | None:
        handover: Handover | None = self.items.get(handover_id)
        if handover is not None:
            handover.legs.sort(key=lambda leg: leg.id or 0)  # SQL loads them by id
        return handover
