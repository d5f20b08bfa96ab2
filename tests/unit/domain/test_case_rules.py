"""The rules of a case and its legs, without a database."""

from __future__ import annotations

import pytest

from courier.domain.case import CaseStatus, ResultDelivery
from courier.domain.errors import InvalidValue, RuleViolation, ValidationFailed
from courier.domain.leg import LegKind, LegStatus, Routing
from courier.domain.result_handover import Collector, ResultHandover
from tests import factories


def decided_case(delivery: ResultDelivery = ResultDelivery.MAIL):
    case = factories.originals_received(factories.case(delivery=delivery))
    case.advance(CaseStatus.IN_REVIEW)
    case.advance(CaseStatus.DECIDED)
    return case


def test_originals_leg_goes_from_the_accepting_hall_to_the_owning_department() -> None:
    case = factories.case()
    leg = case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    assert leg.kind is LegKind.ORIGINALS
    assert leg.sender.organization == "东城区政务服务中心"
    assert leg.receiver.organization == "杭州市民政局"
    assert [m.name for m in leg.materials] == ["户口簿"]
    assert leg.status is LegStatus.DRAFT


def test_originals_leg_refuses_another_hall_or_department() -> None:
    case = factories.case()
    with pytest.raises(RuleViolation):
        case.plan_originals_leg(factories.hall(2), factories.department(), factories.shipping())
    with pytest.raises(RuleViolation):
        case.plan_originals_leg(factories.hall(), factories.department(9), factories.shipping())


def test_case_has_at_most_one_live_leg_of_each_kind() -> None:
    case = factories.case()
    case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping("CR1"))
    with pytest.raises(RuleViolation, match="未取消"):
        case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping("CR2"))


def test_cancelled_leg_may_be_rebooked_with_a_new_order_number() -> None:
    case = factories.case()
    first = case.plan_originals_leg(
        factories.hall(), factories.department(), factories.shipping("CR1")
    )
    first.cancel()
    second = case.plan_originals_leg(
        factories.hall(), factories.department(), factories.shipping("CR2")
    )
    assert case.live_leg(LegKind.ORIGINALS) is second
    assert {leg.order_no for leg in case.legs} == {"CR1", "CR2"}


def test_result_leg_cannot_be_booked_before_case_is_decided() -> None:
    case = factories.case()
    with pytest.raises(RuleViolation, match="尚未办结"):
        case.plan_result_leg(factories.department(), factories.hall(), factories.shipping())


def test_result_leg_goes_to_the_applicant_when_mailed() -> None:
    leg = decided_case().plan_result_leg(
        factories.department(), factories.hall(), factories.shipping()
    )
    assert leg.receiver.name == "张小明"
    assert leg.receiver.address.street.startswith("人民路100号")


def test_result_leg_goes_to_the_hall_for_pickup_at_the_window() -> None:
    case = decided_case(ResultDelivery.PICKUP_AT_HALL)
    leg = case.plan_result_leg(factories.department(), factories.hall(), factories.shipping())
    assert leg.receiver.organization == "东城区政务服务中心"


def test_result_leg_is_refused_for_electronic_delivery() -> None:
    case = decided_case(ResultDelivery.ELECTRONIC)
    with pytest.raises(RuleViolation, match="电子送达"):
        case.plan_result_leg(factories.department(), factories.hall(), factories.shipping())


def test_mailing_choice_needs_an_applicant_address() -> None:
    with pytest.raises(InvalidValue, match="邮寄地址"):
        _case_without_address()


def _case_without_address() -> None:
    from courier.domain.case import Case

    Case("BJ0001", "事项", factories.applicant(with_address=False), 1, 1, ResultDelivery.MAIL)


def test_originals_return_goes_from_the_department_to_the_applicant_once_decided() -> None:
    case = factories.case()
    with pytest.raises(RuleViolation, match="签收确认、办件办结后"):
        case.plan_originals_return_leg(factories.department(), factories.shipping())
    originals = case.plan_originals_leg(factories.hall(), factories.department(), shipping("A"))
    originals.status = LegStatus.RECEIVED
    case.advance(CaseStatus.IN_REVIEW)
    assert not case.leg_due_now(LegKind.ORIGINALS_RETURN)  # still being checked
    case.advance(CaseStatus.DECIDED)
    assert case.leg_due_now(LegKind.ORIGINALS_RETURN)
    leg = case.plan_originals_return_leg(factories.department(), shipping("B"))
    assert leg.sender.organization == "杭州市民政局" and leg.receiver.name == "张小明"


def shipping(letter: str):
    return factories.shipping(f"CR20261126{letter * 10}")


def test_supplement_goes_from_the_applicant_to_hall_or_department() -> None:
    case = factories.case()
    leg = case.plan_supplement_leg(factories.department(), factories.shipping())
    assert leg.sender.name == "张小明" and leg.receiver.organization == "杭州市民政局"
    with pytest.raises(RuleViolation):
        factories.case().plan_supplement_leg(factories.hall(5), factories.shipping())


def test_case_status_moves_only_forward_one_step() -> None:
    case = factories.originals_received(factories.case())
    with pytest.raises(RuleViolation):
        case.advance(CaseStatus.DECIDED)
    case.advance(CaseStatus.IN_REVIEW)
    case.advance(CaseStatus.DECIDED)
    result = case.plan_result_leg(factories.department(), factories.hall(), factories.shipping())
    result.status = LegStatus.DELIVERED
    case.advance(CaseStatus.CLOSED)
    with pytest.raises(RuleViolation):
        case.advance(CaseStatus.IN_REVIEW)


def test_a_mailed_result_closes_the_case_only_once_the_carrier_delivered_it() -> None:
    case = decided_case()
    with pytest.raises(RuleViolation, match="尚未寄出结果"):
        case.advance(CaseStatus.CLOSED)
    result = case.plan_result_leg(factories.department(), factories.hall(), factories.shipping())
    for status in (LegStatus.BOOKED, LegStatus.IN_TRANSIT, LegStatus.DELIVERY_FAILED):
        result.status = status
        with pytest.raises(RuleViolation, match="待承运商妥投后再办结"):
            case.advance(CaseStatus.CLOSED)
    result.status = LegStatus.DELIVERED
    case.advance(CaseStatus.CLOSED)
    assert case.status is CaseStatus.CLOSED


def test_a_result_for_window_pickup_closes_only_when_handed_over_after_its_arrival() -> None:
    case = decided_case(ResultDelivery.PICKUP_AT_HALL)
    result = case.plan_result_leg(factories.department(), factories.hall(), factories.shipping())
    result.status = LegStatus.DELIVERED
    with pytest.raises(RuleViolation, match="在收件台扫描签收"):
        case.advance(CaseStatus.CLOSED)
    with pytest.raises(RuleViolation, match="结果尚未在大厅签收"):
        case.hand_over_result(handover())
    result.status = LegStatus.RECEIVED
    with pytest.raises(RuleViolation, match="登记领取人和身份核验"):
        case.advance(CaseStatus.CLOSED)  # closing is the hand-over itself
    assert case.can_hand_over_result()
    assert case.hand_over_result(handover()) is result
    assert case.status is CaseStatus.CLOSED and not case.can_hand_over_result()
    with pytest.raises(RuleViolation, match="不能重复登记"):
        case.hand_over_result(handover())


def test_only_a_window_pickup_result_is_handed_over() -> None:
    case = decided_case()
    with pytest.raises(RuleViolation, match="未选择窗口自取"):
        case.hand_over_result(handover())


def handover(collector: Collector = Collector.APPLICANT, name: str = "", checked: bool = True):
    return ResultHandover.create(7, collector, name, checked, factories.NOW)


def test_a_hand_over_names_an_agent_and_explains_an_unchecked_identity() -> None:
    with pytest.raises(ValidationFailed) as refused:
        ResultHandover.create(7, Collector.AGENT, " ", False, factories.NOW, "")
    assert set(refused.value.errors) == {"collector_name", "note"}
    agent = ResultHandover.create(7, Collector.AGENT, "李四", False, factories.NOW, "凭授权委托书")
    assert agent.describe() == "代领人领取，未核验身份"
    assert handover().collector_name == "" and handover().describe() == "申请人本人领取，已核验身份"
    assert handover(Collector.APPLICANT, "ignored").collector_name == ""


def test_an_electronic_result_closes_when_decided_and_a_cancelled_leg_does_not_count() -> None:
    electronic = decided_case(ResultDelivery.ELECTRONIC)
    electronic.advance(CaseStatus.CLOSED)
    mailed = decided_case()
    result = mailed.plan_result_leg(factories.department(), factories.hall(), factories.shipping())
    result.status = LegStatus.CANCELLED
    with pytest.raises(RuleViolation, match="尚未寄出结果"):
        mailed.advance(CaseStatus.CLOSED)


def test_case_number_is_validated() -> None:
    with pytest.raises(InvalidValue):
        factories.case(case_number="x")


def test_leg_status_follows_the_transition_table() -> None:
    leg = factories.case().plan_originals_leg(
        factories.hall(), factories.department(), factories.shipping()
    )
    with pytest.raises(RuleViolation):
        leg.move_to(LegStatus.DELIVERED)
    leg.move_to(LegStatus.BOOKING)
    leg.record_waybill("9858638312956", Routing(route_code="571-01"), factories.NOW)
    assert leg.status is LegStatus.BOOKED and leg.routing.route_code == "571-01"
    leg.move_to(LegStatus.HANDED_OVER)
    with pytest.raises(RuleViolation, match="不能取消"):
        leg.cancel()


def test_a_booked_leg_never_takes_a_second_waybill() -> None:
    leg = factories.case().plan_originals_leg(
        factories.hall(), factories.department(), factories.shipping()
    )
    leg.move_to(LegStatus.BOOKING)
    leg.record_waybill("9858638312956", Routing(), factories.NOW)
    with pytest.raises(RuleViolation, match="第二个"):
        leg.record_waybill("1151238971060", Routing(), factories.NOW)


def test_leg_weight_and_insured_value_are_bounded() -> None:
    from decimal import Decimal

    from courier.domain.case import Shipping
    from courier.domain.organizations import CarrierAccount

    case = factories.case()
    with pytest.raises(InvalidValue):
        case.plan_originals_leg(
            factories.hall(), factories.department(), Shipping("CR9", CarrierAccount("1"), 0)
        )
    with pytest.raises(InvalidValue):
        case.plan_originals_leg(
            factories.hall(),
            factories.department(),
            Shipping("CR9", CarrierAccount("1"), 100, Decimal("-1")),
        )
    assert case.legs == []
