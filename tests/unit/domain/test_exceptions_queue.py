"""Which legs the desk's exceptions queue shows, what it says is wrong, and the next action."""

from __future__ import annotations

import pytest

from courier.domain.case import Case, CaseStatus, ResultDelivery
from courier.domain.exceptions_queue import NEEDS_ATTENTION, attention_for
from courier.domain.extra_waybills import ExtraWaybillStatus
from courier.domain.leg import Leg, LegStatus
from courier.domain.receipt import MaterialState, Receipt, ReceiptLine
from tests import factories

S = LegStatus
FINE = [S.DRAFT, S.BOOKING, S.BOOKED, S.HANDED_OVER, S.IN_TRANSIT, S.OUT_FOR_DELIVERY,
        S.DELIVERED, S.RECEIVED]  # fmt: skip


def originals(status: LegStatus, case: Case | None = None) -> tuple[Case, Leg]:
    case = case or factories.case()
    leg = case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    leg.status, leg.id, leg.waybill_no = status, 7, "1151238971060"
    return case, leg


def result(status: LegStatus, delivery: ResultDelivery) -> tuple[Case, Leg]:
    case = factories.case(delivery=delivery)
    case.status = CaseStatus.DECIDED
    leg = case.plan_result_leg(factories.department(), factories.hall(), factories.shipping())
    leg.status = status
    return case, leg


def only(case: Case, leg: Leg, receipt: Receipt | None = None) -> tuple[str, str]:
    rows = attention_for(case, leg, receipt)
    assert len(rows) == 1
    return rows[0].problem, rows[0].next_action


@pytest.mark.parametrize("status", FINE)
def test_a_leg_going_as_it_should_needs_nobody(status: LegStatus) -> None:
    assert attention_for(*originals(status)) == []


def test_a_queued_or_uncertain_booking_must_not_be_placed_again() -> None:
    assert only(*originals(S.BOOKING_UNCERTAIN))[1] == "待邮政确认下单结果，无需重复下单"
    assert "无需重复下单" in only(*originals(S.QUEUED))[1]


def test_a_refused_booking_shows_the_carriers_reason_and_asks_to_check_the_address() -> None:
    case, leg = originals(S.BOOKING_FAILED)
    leg.last_error = "收件地址不完整"
    assert only(case, leg) == ("邮政拒绝下单：收件地址不完整", "请核对地址后重新下单")


def test_a_row_names_the_case_the_leg_and_its_waybill() -> None:
    row = attention_for(*originals(S.LOST))[0]
    assert (row.case_number, row.leg_id, row.leg_kind) == ("BJ2026112600001", 7, "原件寄递")
    assert row.waybill_no == "1151238971060"
    assert row.next_action.startswith("请联系邮政核实轨迹")


def test_a_failed_delivery_to_the_applicant_suggests_calling_them_or_window_pickup() -> None:
    case, leg = result(S.DELIVERY_FAILED, ResultDelivery.MAIL)
    leg.tracking_note = "收件人不在"
    assert only(case, leg) == ("投递未成功：收件人不在", "请联系申请人或改为窗口自取")


def test_a_failed_delivery_to_an_office_goes_to_the_carrier_not_the_applicant() -> None:
    problem, action = only(*result(S.DELIVERY_FAILED, ResultDelivery.PICKUP_AT_HALL))
    assert problem == "投递未成功" and "申请人" not in action and "邮政" in action


@pytest.mark.parametrize("status", [S.RETURNING, S.RETURNED])
def test_a_parcel_coming_back_from_the_applicant_needs_their_address_checked(
    status: LegStatus,
) -> None:
    problem, action = only(*result(status, ResultDelivery.MAIL))
    assert "退回" in problem and "申请人" in action and "窗口自取" in action


def test_a_stuck_parcel_says_why_and_asks_to_check_its_tracking() -> None:
    case, leg = originals(S.IN_TRANSIT)
    leg.exception_reason = "“运输中”已 4 天 无新轨迹（超过 3 天）"
    assert only(case, leg) == (leg.exception_reason, "请联系邮政核实轨迹")


def test_a_stuck_flag_on_a_failed_delivery_is_added_to_the_one_row() -> None:
    case, leg = originals(S.DELIVERY_FAILED)
    leg.exception_reason = "已 2 天 无新轨迹"
    assert only(case, leg)[0] == "投递未成功；已 2 天 无新轨迹"


def test_missing_originals_on_arrival_are_checked_with_the_hall() -> None:
    case, leg = originals(S.RECEIVED)
    leg.materials[0].id = 1
    missing = Receipt(7, 1, factories.NOW, lines=[ReceiptLine(1, MaterialState.MISSING)])
    assert only(case, leg, missing) == (
        "签收发现材料问题：户口簿（缺失）",
        "请与受理大厅核对缺失材料",
    )
    complete = Receipt(7, 1, factories.NOW, lines=[ReceiptLine(1, MaterialState.RECEIVED)])
    assert attention_for(case, leg, complete) == []
    assert attention_for(case, leg, None) == []


def test_damaged_results_at_the_hall_window_are_checked_with_the_department() -> None:
    case, leg = result(S.RECEIVED, ResultDelivery.PICKUP_AT_HALL)
    damaged = Receipt(7, 1, factories.NOW, lines=[ReceiptLine(1, MaterialState.DAMAGED)])
    assert only(case, leg, damaged)[1] == "请与办件部门核对缺失材料"


def test_each_waybill_to_void_by_hand_is_a_row_of_its_own_even_on_a_closed_case() -> None:
    case, leg = originals(S.DELIVERED)
    for number in ("1151238971061", "1151238971062"):
        leg.keep_extra_waybill(number, factories.NOW).status = ExtraWaybillStatus.NEEDS_MANUAL_VOID
    leg.keep_extra_waybill("1151238971063", factories.NOW)  # still cancelled automatically
    case.status = CaseStatus.CLOSED
    rows = attention_for(case, leg)
    assert [r.problem for r in rows] == [
        "邮政多分配了运单号 1151238971061，系统无法自动作废",
        "邮政多分配了运单号 1151238971062，系统无法自动作废",
    ]
    assert rows[0].next_action == "请联系邮政作废运单号 1151238971061，切勿用它寄件"


def test_a_closed_case_or_a_cancelled_leg_needs_nothing_more() -> None:
    case, leg = originals(S.RETURNED)
    case.status = CaseStatus.CLOSED
    assert attention_for(case, leg) == []
    case, leg = originals(S.CANCELLED)
    leg.exception_reason = "已 2 天 无新轨迹"
    assert attention_for(case, leg) == []


def test_every_status_the_queue_takes_has_words_for_the_problem_and_the_action() -> None:
    assert {S.QUEUED, S.BOOKING_UNCERTAIN, S.BOOKING_FAILED, S.DELIVERY_FAILED, S.RETURNING,
            S.RETURNED, S.LOST} == NEEDS_ATTENTION  # fmt: skip
    for status in NEEDS_ATTENTION:
        for kind_case in (originals(status), result(status, ResultDelivery.MAIL)):
            problem, action = only(*kind_case)
            assert problem and action and "{" not in problem + action


def test_a_row_says_since_when_in_china_time() -> None:
    case, leg = originals(S.IN_TRANSIT)
    leg.exception_reason, leg.exception_at = "已 4 天 无新轨迹", factories.NOW
    assert attention_for(case, leg)[0].since_text == "2026-11-26 17:00"
    assert attention_for(*originals(S.LOST))[0].since_text == ""
