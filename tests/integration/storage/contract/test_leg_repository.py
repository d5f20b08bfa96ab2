"""Legs: get, by waybill, the booking lease, and the sets the desk, poll and sweep work on."""

from __future__ import annotations

from courier.domain.leg import LegStatus
from tests.integration.storage.contract.support import NewUow, Offices, minutes, store_case

S = LegStatus


def waybill(n: int) -> str:
    return f"11512389710{n:02d}"


def test_a_leg_is_found_by_id_and_by_waybill(new_uow: NewUow, offices: Offices) -> None:
    stored = store_case(new_uow, offices, "BJ-0001", status=S.BOOKED, waybill_no=waybill(1))
    with new_uow() as uow:
        leg = uow.legs.get(stored.leg_id)
        assert leg is not None and leg.order_no == "CRBJ-0001" and leg.case_id == stored.case_id
        assert uow.legs.get_by_waybill(waybill(1)) is leg
        assert uow.legs.get_by_waybill(waybill(2)) is None
        assert uow.legs.get(stored.leg_id + 100) is None


def test_the_booking_lease_is_taken_only_when_free_or_expired(
    new_uow: NewUow, offices: Offices
) -> None:
    leg_id = store_case(new_uow, offices, "BJ-0001").leg_id
    with new_uow() as uow:
        assert uow.legs.claim(leg_id, minutes(0), minutes(5))
        uow.commit()
    with new_uow() as uow:
        assert not uow.legs.claim(leg_id, minutes(1), minutes(6))
        assert not uow.legs.claim(leg_id, minutes(5), minutes(10))  # ends at, not before
        assert not uow.legs.claim(leg_id + 100, minutes(1), minutes(6))
    with new_uow() as uow:
        assert uow.legs.claim(leg_id, minutes(5.5), minutes(10))
        uow.commit()
    with new_uow() as uow:
        leg = uow.legs.get(leg_id)
        assert leg is not None and leg.claimed_until == minutes(10)


def test_booked_legs_are_those_waiting_for_the_postman_of_one_office(
    new_uow: NewUow, offices: Offices
) -> None:
    a = store_case(new_uow, offices, "CASE-A", status=S.BOOKED, waybill_no=waybill(1))
    b = store_case(new_uow, offices, "CASE-B", status=S.BOOKED, waybill_no=waybill(2),
                   other_hall=True)  # fmt: skip
    c = store_case(new_uow, offices, "CASE-C", status=S.BOOKED, waybill_no=waybill(3),
                   other_department=True)  # fmt: skip
    store_case(new_uow, offices, "CASE-D", status=S.HANDED_OVER, waybill_no=waybill(4))
    store_case(new_uow, offices, "CASE-E", status=S.QUEUED)
    with new_uow() as uow:

        def ids(hall_id: int | None, department_id: int | None) -> list[int | None]:
            return [leg.id for leg in uow.legs.booked(hall_id, department_id)]

        assert ids(None, None) == [a.leg_id, b.leg_id, c.leg_id]
        assert ids(offices.hall, None) == [a.leg_id, c.leg_id]
        assert ids(None, offices.department) == [a.leg_id, b.leg_id]
        assert ids(offices.other_hall, offices.other_department) == []


def test_waybills_in_carrier_hands_are_those_still_moving_least_recently_tracked_first(
    new_uow: NewUow, offices: Offices
) -> None:
    tracked = {S.IN_TRANSIT: minutes(30), S.DELIVERY_FAILED: minutes(10), S.RETURNING: minutes(20)}
    for n, status in enumerate(LegStatus):
        store_case(new_uow, offices, f"CASE-{n:02d}", status=status, waybill_no=waybill(n),
                   tracked_at=tracked.get(status))  # fmt: skip
    # A leg the carrier has, whose waybill is not known yet, cannot be tracked.
    store_case(new_uow, offices, "CASE-NO-WAYBILL", status=S.IN_TRANSIT)
    number = {status: waybill(n) for n, status in enumerate(LegStatus)}
    never_tracked = [S.BOOKED, S.HANDED_OVER, S.OUT_FOR_DELIVERY]
    expected = [number[s] for s in never_tracked] + [
        number[s] for s in (S.DELIVERY_FAILED, S.RETURNING, S.IN_TRANSIT)
    ]
    with new_uow() as uow:
        assert uow.legs.in_carrier_hands(limit=50) == expected
        assert uow.legs.in_carrier_hands(limit=4) == expected[:4]


def test_legs_needing_booking_are_unbooked_or_uncertain_and_not_leased(
    new_uow: NewUow, offices: Offices
) -> None:
    ids = {
        status: store_case(new_uow, offices, f"CASE-{n:02d}", status=status).leg_id
        for n, status in enumerate(LegStatus)
    }
    leased = store_case(new_uow, offices, "CASE-LEASED", status=S.QUEUED,
                        claimed_until=minutes(5)).leg_id  # fmt: skip
    expired = store_case(new_uow, offices, "CASE-EXPIRED", status=S.BOOKING_UNCERTAIN,
                         claimed_until=minutes(-1)).leg_id  # fmt: skip
    waiting = [S.DRAFT, S.BOOKING, S.QUEUED, S.BOOKING_UNCERTAIN]
    with new_uow() as uow:
        assert uow.legs.needing_booking(minutes(0)) == [*sorted(ids[s] for s in waiting), expired]
        assert leased in uow.legs.needing_booking(minutes(6))


def due_at(new_uow: NewUow, leg_id: int, at: float | None) -> None:
    """Set a leg's next poll time (test set-up writes state directly)."""
    with new_uow() as uow:
        leg = uow.legs.get(leg_id)
        assert leg is not None
        leg.next_poll_at = None if at is None else minutes(at)
        uow.commit()


def test_due_polls_are_claimed_earliest_first_within_the_limit_and_leased(
    new_uow: NewUow, offices: Offices
) -> None:
    legs = [
        store_case(new_uow, offices, f"CASE-{n}", status=S.IN_TRANSIT, waybill_no=waybill(n)).leg_id
        for n in range(1, 6)
    ]
    for leg_id, at in zip(legs, [3, 1, None, 20, 2], strict=True):
        due_at(new_uow, leg_id, at)
    with new_uow() as uow:
        claims = uow.legs.claim_due_polls(minutes(10), minutes(15), 2)
        uow.commit()
    assert [c.leg_id for c in claims] == [legs[1], legs[4]]
    assert claims[0].waybill_no == waybill(2) and claims[0].customer_no
    with new_uow() as uow:
        assert [c.leg_id for c in uow.legs.claim_due_polls(minutes(10), minutes(15), 9)] == [
            legs[0]
        ]  # the others are leased, not due, or never to be polled
        uow.commit()


def test_postponed_polls_are_released_and_due_later(new_uow: NewUow, offices: Offices) -> None:
    leg_id = store_case(new_uow, offices, "CASE-A", status=S.BOOKED, waybill_no=waybill(1)).leg_id
    due_at(new_uow, leg_id, 0)
    with new_uow() as uow:
        assert uow.legs.claim_due_polls(minutes(1), minutes(6), 50)
        uow.legs.postpone_polls([leg_id], minutes(3))
        uow.commit()
    with new_uow() as uow:
        assert uow.legs.claim_due_polls(minutes(2), minutes(7), 50) == []
        assert [c.leg_id for c in uow.legs.claim_due_polls(minutes(3), minutes(8), 50)] == [leg_id]


def test_quiet_legs_are_moving_ones_without_news_since_the_cutoff_and_flagged_ones(
    new_uow: NewUow, offices: Offices
) -> None:
    quiet = store_case(new_uow, offices, "CASE-A", status=S.IN_TRANSIT, waybill_no=waybill(1),
                       tracked_at=minutes(0)).leg_id  # fmt: skip
    store_case(new_uow, offices, "CASE-B", status=S.IN_TRANSIT, waybill_no=waybill(2),
               tracked_at=minutes(30))  # fmt: skip
    store_case(new_uow, offices, "CASE-C", status=S.DELIVERED, waybill_no=waybill(3),
               tracked_at=minutes(0))  # fmt: skip
    flagged = store_case(new_uow, offices, "CASE-D", status=S.DELIVERED, waybill_no=waybill(4),
                         tracked_at=minutes(0)).leg_id  # fmt: skip
    with new_uow() as uow:
        leg = uow.legs.get(flagged)
        assert leg is not None
        leg.exception_reason = "“运输中”已 3 天无新轨迹"
        uow.commit()
    with new_uow() as uow:
        assert [leg.id for leg in uow.legs.quiet_since(minutes(10))] == [quiet, flagged]


def test_the_desk_lists_a_leg_the_carrier_collected_before_it_was_handed_over(
    new_uow: NewUow, offices: Offices
) -> None:
    collected = store_case(new_uow, offices, "CASE-A", status=S.IN_TRANSIT, waybill_no=waybill(1))
    listed = store_case(new_uow, offices, "CASE-B", status=S.IN_TRANSIT, waybill_no=waybill(2))
    with new_uow() as uow:
        leg = uow.legs.get(listed.leg_id)
        assert leg is not None
        leg.handed_over_at = minutes(0)
        uow.commit()
    with new_uow() as uow:
        assert [leg.id for leg in uow.legs.booked(None, None)] == [collected.leg_id]
