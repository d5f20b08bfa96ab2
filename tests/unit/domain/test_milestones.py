"""The applicant's stepper follows the case's legs and its result choice."""

from __future__ import annotations

from courier.domain.case import Case, CaseStatus, ResultDelivery
from courier.domain.leg import LegStatus
from courier.domain.milestones import StepState, milestones_of
from tests import factories


def steps(case: Case) -> list[tuple[str, str]]:
    return [(m.name, m.state.value) for m in milestones_of(case)]


def decided(case: Case) -> Case:
    case.advance(CaseStatus.IN_REVIEW)
    case.advance(CaseStatus.DECIDED)
    return case


def test_a_new_case_without_legs_skips_the_originals_steps() -> None:
    assert steps(factories.case()) == [
        ("已受理", "done"), ("办结", "current"), ("结果寄出", "pending"), ("已送达", "pending")
    ]  # fmt: skip


def test_originals_in_transit_make_department_receipt_the_current_step() -> None:
    case = factories.case()
    leg = case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    leg.status = LegStatus.IN_TRANSIT
    names = steps(case)
    assert names[:4] == [
        ("已受理", "done"), ("原件寄出", "done"), ("部门签收", "current"), ("办结", "pending")
    ]  # fmt: skip


def test_a_delivered_result_completes_every_step_even_without_a_handover_scan() -> None:
    case = decided(factories.originals_received(factories.case()))
    result = case.plan_result_leg(factories.department(), factories.hall(), factories.shipping())
    result.status = LegStatus.DELIVERED
    assert [m.state for m in milestones_of(case)] == [StepState.DONE] * 6


def test_pickup_at_the_hall_names_the_hall_in_its_last_steps() -> None:
    case = decided(
        factories.originals_received(factories.case(delivery=ResultDelivery.PICKUP_AT_HALL))
    )
    names = [name for name, _ in steps(case)]
    assert names[-2:] == ["结果寄往大厅", "到达大厅可领取"]
    assert steps(case)[-2][1] == "current"


def test_an_electronic_result_has_no_shipping_step_and_ends_when_closed() -> None:
    case = decided(factories.case(delivery=ResultDelivery.ELECTRONIC, with_originals=False))
    assert [name for name, _ in steps(case)] == ["已受理", "办结", "电子送达"]
    case.advance(CaseStatus.CLOSED)
    assert [m.state for m in milestones_of(case)] == [StepState.DONE] * 3
