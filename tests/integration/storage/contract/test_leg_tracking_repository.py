"""The tracking part of legs, read and written in bulk, the same in every store."""

from __future__ import annotations

from courier.domain.leg import LegStatus
from tests.integration.storage.contract.support import NewUow, Offices, minutes, store_case

S = LegStatus


def waybill(n: int) -> str:
    return f"11512389720{n:02d}"


def test_the_tracking_of_legs_comes_back_by_waybill_numbers_in_id_order(
    new_uow: NewUow, offices: Offices
) -> None:
    one = store_case(
        new_uow,
        offices,
        "TR-0001",
        status=S.IN_TRANSIT,
        waybill_no=waybill(1),
        tracked_at=minutes(1),
    )
    two = store_case(new_uow, offices, "TR-0002", status=S.BOOKED, waybill_no=waybill(2))
    store_case(new_uow, offices, "TR-0003", status=S.BOOKED, waybill_no=waybill(3))
    with new_uow() as uow:
        found = uow.legs.tracking_of([waybill(2), waybill(1), waybill(9)])
        assert [(t.id, t.case_id, t.waybill_no) for t in found] == [
            (one.leg_id, one.case_id, waybill(1)),
            (two.leg_id, two.case_id, waybill(2)),
        ]
        assert (found[0].status, found[0].tracked_at, found[0].collected_at) == (
            S.IN_TRANSIT, minutes(1), None,
        )  # fmt: skip
        assert uow.legs.tracking_of([]) == []


def test_saving_the_tracking_of_many_legs_writes_each_and_nothing_else(
    new_uow: NewUow, offices: Offices
) -> None:
    legs = [
        store_case(new_uow, offices, f"TR-001{n}", status=S.BOOKED, waybill_no=waybill(n))
        for n in (1, 2, 3)
    ]
    with new_uow() as uow:
        first, second = uow.legs.tracking_of([waybill(1), waybill(2)])
        first.status, first.tracked_at, first.tracking_note = S.DELIVERED, minutes(9), "已妥投"
        first.collected_at, first.next_poll_at = minutes(2), minutes(60)
        second.status, second.collected_at = S.IN_TRANSIT, minutes(3)
        uow.legs.save_tracking([first, second])
        uow.legs.save_tracking([])
        uow.commit()
    with new_uow() as uow:
        saved = [uow.legs.get(stored.leg_id) for stored in legs]
        assert [(leg.status, leg.collected_at) for leg in saved if leg] == [
            (S.DELIVERED, minutes(2)), (S.IN_TRANSIT, minutes(3)), (S.BOOKED, None),
        ]  # fmt: skip
        delivered = saved[0]
        assert delivered is not None
        assert (delivered.tracked_at, delivered.tracking_note, delivered.next_poll_at) == (
            minutes(9), "已妥投", minutes(60),
        )  # fmt: skip
        assert delivered.case_id == legs[0].case_id and delivered.order_no == "CRTR-0011"


def test_released_polls_are_free_again_and_keep_their_next_poll(
    new_uow: NewUow, offices: Offices
) -> None:
    stored = store_case(new_uow, offices, "TR-0031", status=S.IN_TRANSIT, waybill_no=waybill(31))
    with new_uow() as uow:
        uow.legs.postpone_polls([stored.leg_id], minutes(1))
        uow.commit()
    with new_uow() as uow:
        assert [c.leg_id for c in uow.legs.claim_due_polls(minutes(2), minutes(60), 50)] == [
            stored.leg_id
        ]
        uow.commit()
    with new_uow() as uow:
        assert uow.legs.claim_due_polls(minutes(3), minutes(60), 50) == []  # leased
        uow.legs.release_polls([stored.leg_id])
        uow.commit()
    with new_uow() as uow:
        leg = uow.legs.get(stored.leg_id)
        assert leg is not None and (leg.poll_claimed_until, leg.next_poll_at) == (None, minutes(1))
        assert [c.leg_id for c in uow.legs.claim_due_polls(minutes(3), minutes(60), 50)] == [
            stored.leg_id
        ]
