"""Receipt rules: who receives a leg, which states may be confirmed, every material once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from courier.domain.accounts import Account, Role
from courier.domain.case import CaseStatus, ResultDelivery
from courier.domain.errors import NotFound, RuleViolation, ValidationFailed
from courier.domain.leg import Leg, LegStatus
from courier.domain.materials import Material
from courier.domain.receipt import (
    RECEIVABLE,
    MaterialState,
    Office,
    Receipt,
    ReceiptLine,
    check_receiver,
    confirm,
    destination,
    receiving_office,
)
from courier.domain.stuck import StuckThresholds, review
from courier.domain.tracking import LegEventType, follow
from courier.ports.carrier import TraceEvent
from tests import factories
from tests.factories import NOW

R, M, D = MaterialState.RECEIVED, MaterialState.MISSING, MaterialState.DAMAGED


def delivered_originals() -> Leg:
    case = factories.case()
    case.add_material(Material.create("申请表", original=True))
    for number, material in enumerate(case.materials, start=1):
        material.id = number
    leg = case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    leg.id, leg.case_id = 7, 3
    leg.move_to(LegStatus.BOOKING)
    leg.record_waybill("1151238971060", leg.routing, NOW)
    leg.move_to(LegStatus.DELIVERED)
    return leg


def receipt(leg: Leg, *states: MaterialState) -> Receipt:
    lines = [ReceiptLine(m.id or 0, s) for m, s in zip(leg.materials, states, strict=True)]
    return Receipt(leg.id or 0, 5, NOW, "", lines)


def staff(role: Role, hall_id: int | None = None, department_id: int | None = None) -> Account:
    return Account("u", "某人", role, "", hall_id=hall_id, department_id=department_id)


def test_a_delivered_leg_received_in_full_is_confirmed_without_an_exception() -> None:
    leg = delivered_originals()
    events = confirm(leg, receipt(leg, R, R))
    assert leg.status is LegStatus.RECEIVED and leg.exception_reason is None
    assert [e.event_type for e in events] == [LegEventType.RECEIPT_CONFIRMED]
    assert leg.next_poll_at is None


def test_a_missing_or_damaged_material_is_an_exception_and_a_discrepancy_event() -> None:
    leg = delivered_originals()
    events = confirm(leg, receipt(leg, M, D))
    assert leg.exception_reason == "签收发现材料问题：户口簿（缺失）、申请表（损坏）"
    assert leg.exception_at == NOW
    assert [e.event_type for e in events] == [
        LegEventType.RECEIPT_CONFIRMED,
        LegEventType.RECEIPT_DISCREPANCY,
    ]
    assert events[1].reason == leg.exception_reason and events[1].status is LegStatus.RECEIVED


def test_a_second_confirmation_is_refused() -> None:
    leg = delivered_originals()
    confirm(leg, receipt(leg, R, R))
    with pytest.raises(RuleViolation, match="不能重复确认"):
        confirm(leg, receipt(leg, R, R))


@pytest.mark.parametrize("status", sorted(set(LegStatus) - RECEIVABLE, key=str))
def test_a_leg_not_yet_on_its_way_or_already_settled_cannot_be_confirmed(
    status: LegStatus,
) -> None:
    leg = delivered_originals()
    leg.status = status
    with pytest.raises(RuleViolation):
        confirm(leg, receipt(leg, R, R))


def test_a_leg_still_in_transit_that_the_department_holds_may_be_confirmed() -> None:
    leg = delivered_originals()
    leg.status = LegStatus.IN_TRANSIT
    confirm(leg, receipt(leg, R, R))
    assert leg.status is LegStatus.RECEIVED


def test_every_material_is_named_exactly_once() -> None:
    leg = delivered_originals()
    first, second = (m.id or 0 for m in leg.materials)
    with pytest.raises(ValidationFailed) as missing:
        confirm(leg, Receipt(7, 5, NOW, "", [ReceiptLine(first, R)]))
    assert set(missing.value.errors) == {"items"}
    twice = [ReceiptLine(first, R), ReceiptLine(first, M), ReceiptLine(second, R)]
    with pytest.raises(ValidationFailed) as repeated:
        confirm(leg, Receipt(7, 5, NOW, "", twice))
    assert set(repeated.value.errors) == {"items.1.material_id"}
    stranger = [ReceiptLine(first, R), ReceiptLine(second, R), ReceiptLine(99, R)]
    with pytest.raises(ValidationFailed) as foreign:
        confirm(leg, Receipt(7, 5, NOW, "", stranger))
    assert foreign.value.errors == {"items.2.material_id": "该材料不属于本邮件。"}
    assert leg.status is LegStatus.DELIVERED


def test_only_staff_of_the_destination_may_receive_and_others_hear_not_found() -> None:
    case, leg = factories.case(department_id=4), delivered_originals()
    office = destination(case, leg, "某部门")
    assert office == Office("department", 4)
    check_receiver(office, receiving_office(staff(Role.DEPARTMENT_STAFF, department_id=4)))
    for outsider in (
        staff(Role.DEPARTMENT_STAFF, department_id=5),
        staff(Role.HALL_STAFF, hall_id=1),
        staff(Role.ADMIN),
    ):
        with pytest.raises(NotFound):
            check_receiver(office, receiving_office(outsider))


def test_a_result_for_window_pickup_is_received_by_the_hall_and_a_mailed_one_by_nobody() -> None:
    window = factories.case(delivery=ResultDelivery.PICKUP_AT_HALL, hall_id=2)
    window.status = window.status.DECIDED
    leg = window.plan_result_leg(factories.department(), factories.hall(2), factories.shipping())
    assert destination(window, leg, "") == Office("hall", 2)
    mailed = factories.case()
    mailed.status = mailed.status.DECIDED
    leg = mailed.plan_result_leg(factories.department(), factories.hall(), factories.shipping())
    assert destination(mailed, leg, "") is None


def test_a_received_leg_keeps_its_discrepancy_through_the_stuck_sweep_and_late_events() -> None:
    leg = delivered_originals()
    confirm(leg, receipt(leg, M, R))
    reason = leg.exception_reason
    assert not review(leg, NOW + timedelta(days=30), StuckThresholds())
    follow(leg, TraceEvent(leg.waybill_no or "", NOW + timedelta(hours=1), "704"))
    assert leg.status is LegStatus.RECEIVED and leg.exception_reason == reason


def test_a_case_goes_to_review_only_after_its_originals_are_confirmed_on_arrival() -> None:
    case = factories.case()
    case.add_material(Material.create("申请表", original=True))
    for number, material in enumerate(case.materials, start=1):
        material.id = number
    leg = case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    leg.move_to(LegStatus.BOOKING)
    leg.record_waybill("1151238971060", leg.routing, NOW)
    leg.move_to(LegStatus.DELIVERED)
    department = staff(Role.DEPARTMENT_STAFF, department_id=1)
    assert case.next_statuses(department) == []
    with pytest.raises(RuleViolation, match=r"原件尚未签收确认（原件寄递：已妥投）.*收件台"):
        case.advance(CaseStatus.IN_REVIEW)
    confirm(leg, receipt(leg, R, M))
    assert case.next_statuses(department) == [CaseStatus.IN_REVIEW]
    case.advance(CaseStatus.IN_REVIEW)
    assert case.status is CaseStatus.IN_REVIEW


def test_a_case_with_originals_never_sent_is_held_back_from_review_with_what_to_do() -> None:
    case = factories.case()
    department = staff(Role.DEPARTMENT_STAFF, department_id=1)
    assert case.next_statuses(department) == []
    assert case.waiting_for(department) == [
        "原件尚未寄出，不能进入审查。"
        "请受理大厅先在本办件下寄出原件，待原件送达、在收件台签收确认后再推进办件。"
    ]
    with pytest.raises(
        RuleViolation, match=r"原件尚未寄出，不能进入审查。请受理大厅先在本办件下寄出原件"
    ):
        case.advance(CaseStatus.IN_REVIEW)
    assert case.status is CaseStatus.ACCEPTED


def test_a_case_whose_originals_leg_was_cancelled_is_held_back_until_they_are_sent_again() -> None:
    case = factories.case()
    leg = case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    leg.move_to(LegStatus.CANCELLED)
    with pytest.raises(RuleViolation, match=r"原件尚未寄出（原运单已取消），不能进入审查"):
        case.advance(CaseStatus.IN_REVIEW)
    again = case.plan_originals_leg(
        factories.hall(), factories.department(), factories.shipping("CR20261126BBBBBBBBBB")
    )
    again.status = LegStatus.RECEIVED
    case.advance(CaseStatus.IN_REVIEW)
    assert case.status is CaseStatus.IN_REVIEW


def test_a_case_with_no_original_materials_goes_to_review_without_any_leg() -> None:
    for copies_only in (
        factories.case(with_originals=False),
        factories.case(delivery=ResultDelivery.ELECTRONIC, with_originals=False),
    ):
        assert [m.original for m in copies_only.materials] == [False]
        department = staff(Role.DEPARTMENT_STAFF, department_id=1)
        assert copies_only.next_statuses(department) == [CaseStatus.IN_REVIEW]
        copies_only.advance(CaseStatus.IN_REVIEW)
        assert copies_only.status is CaseStatus.IN_REVIEW and copies_only.legs == []


def test_a_result_for_window_pickup_without_a_material_list_is_confirmed_with_no_items() -> None:
    window = factories.case(delivery=ResultDelivery.PICKUP_AT_HALL)
    window.status = CaseStatus.DECIDED
    leg = window.plan_result_leg(factories.department(), factories.hall(), factories.shipping())
    leg.id, leg.case_id = 8, 3
    leg.move_to(LegStatus.BOOKING)
    leg.record_waybill("1151238971060", leg.routing, NOW)
    leg.move_to(LegStatus.DELIVERED)
    events = confirm(leg, Receipt(8, 5, NOW))
    assert leg.status is LegStatus.RECEIVED and len(events) == 1
