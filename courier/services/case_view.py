"""What the case page shows: the case, its legs with their timelines, and its history."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from courier.domain.accounts import Account
from courier.domain.case import RESULT_DELIVERY_NAMES, Case
from courier.domain.case_history import Entry, case_history, leg_timeline
from courier.domain.destinations import destination_words
from courier.domain.leg import Leg, LegKind
from courier.domain.receipt import Receipt
from courier.domain.tracking import LegEvent
from courier.services.cases import actor, load_case
from courier.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class LegView:
    leg: Leg
    timeline: list[Entry]
    receipt: Receipt | None = None


@dataclass(frozen=True)
class CaseView:
    case: Case
    account: Account
    department_name: str
    result_name: str
    legs: list[LegView]
    history: list[Entry]
    # where each leg that may be booked now would go, in words
    destinations: dict[LegKind, str]

    @property
    def legs_version(self) -> str:
        """Return a short digest that changes whenever the legs section would show otherwise."""
        shown = [
            (_shown(view.leg), view.timeline, view.receipt and view.receipt.resolved_at)
            for view in self.legs
        ]
        return hashlib.sha256(repr(shown).encode()).hexdigest()[:16]


def case_view(uow: UnitOfWork, account_id: int, case_number: str) -> CaseView:
    """Load a case the account may see, with each leg's events and scans, in one transaction."""
    with uow:
        account = actor(uow, account_id)
        case = load_case(uow, account, case_number)
        department = uow.departments.get(case.department_id)
        hall = uow.halls.get(case.hall_id)
        department_name, hall_name = (
            (department.name if department else ""),
            (hall.name if hall else ""),
        )
        events = {leg.id or 0: uow.leg_events.for_leg(leg.id or 0) for leg in case.legs}
        legs = [
            LegView(
                leg, _timeline(uow, leg, events[leg.id or 0]), uow.receipts.for_leg(leg.id or 0)
            )
            for leg in case.legs
        ]
        destinations = {
            kind: destination_words(case, kind, hall_name, department_name)
            for kind in case.bookable_kinds(account)
        }
        return CaseView(
            case,
            account,
            department_name,
            RESULT_DELIVERY_NAMES[case.result_delivery],
            legs,
            case_history(case, events),
            destinations,
        )


def _timeline(uow: UnitOfWork, leg: Leg, events: list[LegEvent]) -> list[Entry]:
    scans = uow.tracking.events_for(leg.waybill_no) if leg.waybill_no else []
    return leg_timeline(events, scans)


def _shown(leg: Leg) -> tuple[object, ...]:
    extras = [(e.waybill_no, e.status.value) for e in leg.extra_waybills]
    return (
        leg.id, leg.status.value, leg.waybill_no, leg.last_error, leg.tracking_note,
        leg.exception_reason, leg.collected_at, extras,
    )  # fmt: skip
