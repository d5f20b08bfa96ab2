"""Leg events, legs by waybill numbers, and the new events a batch stored."""

from __future__ import annotations

from courier.domain.leg import LegStatus
from courier.domain.tracking import LegEvent, LegEventType
from courier.ports.carrier import TraceEvent
from tests.integration.storage.contract.support import NewUow, Offices, minutes, store_case

S = LegStatus


def waybill(n: int) -> str:
    return f"11512389710{n:02d}"


def test_leg_events_come_back_per_leg_in_the_order_recorded(
    new_uow: NewUow, offices: Offices
) -> None:
    one = store_case(new_uow, offices, "BJ-0001", status=S.BOOKED, waybill_no=waybill(1))
    two = store_case(new_uow, offices, "BJ-0002", status=S.BOOKED, waybill_no=waybill(2))
    delivered = LegEvent(
        one.leg_id, one.case_id, LegEventType.DELIVERED, S.DELIVERED, "已妥投", minutes(5),
        minutes(9),
    )  # fmt: skip
    accepted = LegEvent(
        one.leg_id, one.case_id, LegEventType.ACCEPTED, S.IN_TRANSIT, "邮政已收寄", minutes(1),
        minutes(9),
    )  # fmt: skip
    with new_uow() as uow:
        uow.leg_events.add([accepted, delivered])
        uow.leg_events.add([])
        uow.commit()
    with new_uow() as uow:
        stored = uow.leg_events.for_leg(one.leg_id)
        assert [e.event_type for e in stored] == [LegEventType.ACCEPTED, LegEventType.DELIVERED]
        assert [(e.status, e.reason, e.occurred_at, e.recorded_at) for e in stored] == [
            (S.IN_TRANSIT, "邮政已收寄", minutes(1), minutes(9)),
            (S.DELIVERED, "已妥投", minutes(5), minutes(9)),
        ]
        assert all(e.id is not None and e.case_id == one.case_id for e in stored)
        assert uow.leg_events.for_leg(two.leg_id) == []


def test_legs_are_found_by_a_set_of_waybill_numbers(new_uow: NewUow, offices: Offices) -> None:
    ids = [
        store_case(
            new_uow, offices, f"BJ-000{n}", status=S.IN_TRANSIT, waybill_no=waybill(n)
        ).leg_id
        for n in (1, 2, 3)
    ]
    store_case(new_uow, offices, "BJ-0009")  # no waybill yet
    with new_uow() as uow:
        found = uow.legs.by_waybills([waybill(3), waybill(1), waybill(7)])
        assert [leg.id for leg in found] == [ids[0], ids[2]]
        assert uow.legs.by_waybills([]) == []


def test_adding_events_says_which_were_new(new_uow: NewUow) -> None:
    accepted = TraceEvent(waybill(1), minutes(1), "203")
    arrived = TraceEvent(waybill(1), minutes(2), "954", op_org_code="51000100")
    with new_uow() as uow:
        assert uow.tracking.add_events([accepted], "push", minutes(3)).stored == (accepted,)
        uow.commit()
    with new_uow() as uow:
        added = uow.tracking.add_events([accepted, arrived, arrived], "query", minutes(4))
        assert (added.new, added.stored) == (1, (arrived,))
