"""Staff choose pickup, return receipt and payment per leg; the carrier's order carries them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from courier.domain.accounts import Account, Role
from courier.domain.case import CaseStatus
from courier.domain.errors import ValidationFailed
from courier.domain.local_time import CHINA_TIME
from courier.ports.carrier import OrderRequest, PaymentMode, PickupType
from courier.ports.clock import FixedClock
from courier.services.booking import book_leg
from courier.services.commands import PlanLeg
from courier.services.legs import plan_leg
from integrations.carrier.fake import FakeCarrier
from tests import factories
from tests.fakes import FakeUnitOfWork, RecordingTaskQueue

CLOCK = FixedClock(datetime(2026, 12, 3, 6, 0, tzinfo=UTC))
CASE = "BJ2026112600001"


def staffed(uow: FakeUnitOfWork, receiver_pays: bool = False) -> FakeUnitOfWork:
    uow.halls.add(factories.hall())
    department = factories.department()
    account = replace(department.carrier_account, result_receiver_pays=receiver_pays)
    uow.departments.add(replace(department, carrier_account=account))
    uow.accounts.add(Account("window", "窗口", Role.HALL_STAFF, "x", hall_id=1))
    uow.accounts.add(Account("desk", "部门", Role.DEPARTMENT_STAFF, "x", department_id=1))
    case = factories.case(CASE)
    uow.cases.add(case)
    uow.commit()
    return uow


def booked_order(uow: FakeUnitOfWork, leg_id: int) -> OrderRequest:
    carrier = FakeCarrier()
    book_leg(uow, carrier, CLOCK, leg_id)
    order: OrderRequest = carrier.calls[0].arguments["order"]
    return order


def test_the_options_a_page_form_posts_reach_the_carriers_order() -> None:
    uow = staffed(FakeUnitOfWork())
    form = {
        "kind": "originals",
        "pickup_type": "1",
        "pickup_start": "2026-12-04T09:00",
        "pickup_end": "2026-12-04T12:00",
        "receipt_flag": "true",
    }
    leg_id = plan_leg(uow, 1, CASE, PlanLeg.parse(form), CLOCK)
    order = booked_order(uow, leg_id)
    assert order.pickup_type is PickupType.DOOR_COLLECTION and order.receipt_flag is True
    assert order.pickup_start == datetime(2026, 12, 4, 9, 0, tzinfo=CHINA_TIME)
    assert order.pickup_end == datetime(2026, 12, 4, 12, 0, tzinfo=CHINA_TIME)
    assert order.payment_mode is PaymentMode.SENDER_PAYS


def test_a_leg_planned_without_options_is_dropped_at_the_counter_without_receipt() -> None:
    uow = staffed(FakeUnitOfWork())
    leg_id = plan_leg(uow, 1, CASE, PlanLeg.parse({"kind": "originals"}), CLOCK)
    order = booked_order(uow, leg_id)
    assert (order.pickup_type, order.pickup_start, order.receipt_flag) == (
        PickupType.DROP_AT_COUNTER,
        None,
        False,
    )


def test_a_result_mailed_to_the_applicant_is_paid_by_them_under_the_accounts_default() -> None:
    uow = staffed(FakeUnitOfWork(), receiver_pays=True)
    uow.cases.get(CASE).status = CaseStatus.DECIDED
    leg_id = plan_leg(uow, 2, CASE, PlanLeg.parse({"kind": "result"}), CLOCK)
    assert booked_order(uow, leg_id).payment_mode is PaymentMode.RECEIVER_PAYS


def test_bad_options_are_refused_with_the_fields_named_and_no_leg_planned() -> None:
    tasks = RecordingTaskQueue()
    uow = staffed(FakeUnitOfWork(tasks))
    form = {
        "kind": "originals",
        "pickup_type": "1",
        "pickup_start": "2026-12-04T12:00",
        "pickup_end": "2026-12-04T09:00",
        "payment_mode": "2",
    }
    with pytest.raises(ValidationFailed) as refused:
        plan_leg(uow, 1, CASE, PlanLeg.parse(form), CLOCK)
    assert set(refused.value.errors) == {"pickup_end", "payment_mode"}
    assert tasks.sent == []


def test_an_unknown_pickup_type_is_refused_in_chinese() -> None:
    with pytest.raises(ValidationFailed) as refused:
        PlanLeg.parse({"kind": "originals", "pickup_type": "3"})
    assert refused.value.errors == {"pickup_type": "应为以下之一：0、1。"}
