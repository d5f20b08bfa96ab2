"""In-memory unit of work for service tests: same interface as the SQL one."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Self

from courier.domain.accounts import Account
from courier.domain.case import Case
from courier.domain.leg import Leg, LegStatus
from courier.ports.carrier import TraceEvent


class _Store:
    """Objects keyed by id, handing out ids on add like a database would."""

    def __init__(self) -> None:
        self.items: dict[int, Any] = {}
        self.ids = itertools.count(1)

    def add(self, item: Any) -> None:
        if item.id is None:
            item.id = next(self.ids)
        self.items[item.id] = item

    def get(self, item_id: int) -> Any:
        return self.items.get(item_id)

    def find(self, **match: Any) -> Any:
        return next(
            (i for i in self.items.values() if all(getattr(i, k) == v for k, v in match.items())),
            None,
        )

    def list(self) -> list[Any]:
        return list(self.items.values())


class FakeCases(_Store):
    def __init__(self, legs: FakeLegs) -> None:
        super().__init__()
        self.legs = legs

    def add(self, case: Case) -> None:
        super().add(case)

    def get(self, case_number: str) -> Case | None:  # type: ignore[override]
        return self.find(case_number=case_number)

    def get_by_id(self, case_id: int) -> Case | None:
        return self.items.get(case_id)

    def list(self, hall_id: int | None = None, department_id: int | None = None) -> list[Case]:  # type: ignore[override]
        return [
            c
            for c in self.items.values()
            if hall_id in (None, c.hall_id) and department_id in (None, c.department_id)
        ]

    def find_by_mobile_tail(self, case_number: str, tail: str) -> Case | None:
        case = self.get(case_number)
        return case if case and case.applicant.mobile.endswith(tail) else None

    def flush(self) -> None:
        for case in self.items.values():
            for leg in case.legs:
                leg.case_id = case.id
                self.legs.add(leg)


class FakeLegs(_Store):
    def get_by_waybill(self, waybill_no: str) -> Leg | None:
        return self.find(waybill_no=waybill_no)

    def claim(self, leg_id: int, now: datetime, until: datetime) -> bool:
        leg = self.get(leg_id)
        if leg is None or (leg.claimed_until is not None and leg.claimed_until >= now):
            return False
        leg.claimed_until = until
        return True

    def booked(self, hall_id: int | None, department_id: int | None) -> list[Leg]:
        return [leg for leg in self.items.values() if leg.status is LegStatus.BOOKED]

    def in_carrier_hands(self, limit: int) -> list[str]:
        moving = {LegStatus.BOOKED, LegStatus.HANDED_OVER, LegStatus.IN_TRANSIT}
        return [leg.waybill_no for leg in self.items.values() if leg.status in moving][:limit]

    def needing_booking(self, now: datetime) -> list[int]:
        waiting = {
            LegStatus.DRAFT,
            LegStatus.QUEUED,
            LegStatus.BOOKING,
            LegStatus.BOOKING_UNCERTAIN,
        }
        return [
            leg.id
            for leg in self.items.values()
            if (leg.status in waiting or leg.reconcile_due(now) or leg.extra_waybills_due(now))
            and (leg.claimed_until is None or leg.claimed_until < now)
        ]

    def waybill_taken(self, waybill_no: str, leg_id: int) -> bool:
        return any(leg.waybill_no == waybill_no and leg.id != leg_id for leg in self.items.values())


class FakeOrganizations(_Store):
    def get_by_code(self, code: str) -> Any:
        return self.find(code=code)


class FakeAccounts(_Store):
    def get_by_username(self, username: str) -> Account | None:
        return self.find(username=username)


class FakeTracking:
    def __init__(self) -> None:
        self.events: dict[tuple[str, datetime, str], TraceEvent] = {}
        self.batches: set[str] = set()

    def add_events(self, events: Sequence[TraceEvent], source: str, at: datetime) -> int:
        new = {(e.waybill_no, e.op_time, e.op_code): e for e in events}.keys() - self.events.keys()
        self.events.update({(e.waybill_no, e.op_time, e.op_code): e for e in events})
        return len(new)

    def batch_seen(self, serial_no: str) -> bool:
        return serial_no in self.batches

    def add_batch(self, serial_no: str, event_count: int, at: datetime) -> None:
        self.batches.add(serial_no)

    def events_for(self, waybill_no: str) -> list[TraceEvent]:
        return sorted(
            (e for e in self.events.values() if e.waybill_no == waybill_no), key=lambda e: e.op_time
        )


class FakeUnitOfWork:
    """Commits are counted; nothing is rolled back (tests check state after success)."""

    def __init__(self) -> None:
        self.legs = FakeLegs()
        self.cases = FakeCases(self.legs)
        self.halls = FakeOrganizations()
        self.departments = FakeOrganizations()
        self.accounts = FakeAccounts()
        self.tracking = FakeTracking()
        self.commits = 0

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def commit(self) -> None:
        self.cases.flush()
        self.commits += 1

    def rollback(self) -> None:
        return None
