"""The receiving desk's use cases over fakes: what is coming, who may confirm, what is recorded."""

from __future__ import annotations

import pytest

from courier.domain.accounts import Account, Role
from courier.domain.errors import Conflict, NotFound, RuleViolation
from courier.domain.leg import LegStatus
from courier.domain.receipt import Receipt
from courier.domain.tracking import LegEventType
from courier.ports.clock import FixedClock
from courier.services import receipts
from courier.services.receipts import ConfirmReceipt
from tests import factories
from tests.fakes import FakeUnitOfWork

WAYBILL = "1151238971060"


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    uow.halls.add(factories.hall())
    uow.departments.add(factories.department())
    for username, role, hall, department in (
        ("dept", Role.DEPARTMENT_STAFF, None, 1),
        ("other", Role.DEPARTMENT_STAFF, None, 2),
        ("window", Role.HALL_STAFF, 1, None),
    ):
        uow.accounts.add(Account(username, username, role, "", hall, department))
    case = factories.case()
    for number, material in enumerate(case.materials, start=1):
        material.id = number
    leg = case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    leg.move_to(LegStatus.BOOKING)
    leg.record_waybill(WAYBILL, leg.routing, factories.NOW)
    leg.move_to(LegStatus.IN_TRANSIT)
    uow.cases.add(case)
    uow.commit()
    return uow


def all_received(uow: FakeUnitOfWork) -> ConfirmReceipt:
    leg = uow.legs.get_by_waybill(WAYBILL)
    assert leg is not None
    items = [{"material_id": m.id, "state": "received"} for m in leg.materials]
    return ConfirmReceipt.parse({"items": items, "note": "完好"})


def test_the_department_sees_the_parcel_coming_and_others_see_nothing(
    uow: FakeUnitOfWork,
) -> None:
    assert [leg.waybill_no for leg in receipts.incoming(uow, 1)] == [WAYBILL]
    assert receipts.incoming(uow, 2) == [] and receipts.incoming(uow, 3) == []


def test_a_confirmation_stores_the_receipt_and_its_event_in_one_commit(
    uow: FakeUnitOfWork,
) -> None:
    commits = uow.commits
    clock = FixedClock(factories.NOW)
    arrival = receipts.confirm_receipt(uow, 1, WAYBILL, all_received(uow), clock)
    assert arrival.leg.status is LegStatus.RECEIVED and uow.commits == commits + 1
    stored = uow.receipts.for_leg(arrival.leg.id or 0)
    assert stored is not None and stored.account_id == 1 and stored.note == "完好"
    assert [e.event_type for e in uow.leg_events.rows] == [LegEventType.RECEIPT_CONFIRMED]
    assert [(e.event_type, e.sequence) for e in uow.outbox.entries] == [
        ("leg.receipt_confirmed", 1)
    ]  # reported to the case system, numbered in its case
    assert receipts.incoming(uow, 1) == []
    with pytest.raises(RuleViolation):
        receipts.confirm_receipt(uow, 1, WAYBILL, all_received(uow), clock)


def test_the_sending_hall_and_another_department_hear_not_found(uow: FakeUnitOfWork) -> None:
    clock = FixedClock(factories.NOW)
    for outsider in (2, 3):
        with pytest.raises(NotFound):
            receipts.confirm_receipt(uow, outsider, WAYBILL, all_received(uow), clock)
        with pytest.raises(NotFound):
            receipts.open_arrival(uow, outsider, WAYBILL)
    assert uow.legs.get_by_waybill(WAYBILL).status is LegStatus.IN_TRANSIT  # type: ignore[union-attr]


def test_a_second_receipt_row_for_a_leg_is_refused_like_the_unique_constraint(
    uow: FakeUnitOfWork,
) -> None:
    receipts.confirm_receipt(uow, 1, WAYBILL, all_received(uow), FixedClock(factories.NOW))
    leg = uow.legs.get_by_waybill(WAYBILL)
    assert leg is not None and leg.id is not None

    with pytest.raises(Conflict):
        uow.receipts.add(Receipt(leg.id, 1, factories.NOW))
