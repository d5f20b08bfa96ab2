"""The domain's sentences stay the Chinese they were, and keep their catalogue key and values."""

from __future__ import annotations

from datetime import timedelta

import pytest

from courier.domain.case import CASE_STATUS_NAMES, RESULT_DELIVERY_NAMES, Applicant, CaseStatus
from courier.domain.case_history import EVENT_WORDS, STATUS_WORDS
from courier.domain.errors import InvalidValue, RuleViolation, ValidationFailed
from courier.domain.exceptions_queue import attention_for
from courier.domain.extra_waybills import EXTRA_WAYBILL_STATUS_NAMES
from courier.domain.leg import LEG_KIND_NAMES, STATUS_NAMES, LegStatus
from courier.domain.materials import Material
from courier.domain.notifications import NotificationStep, text_for
from courier.domain.promise import DISTANCE_NAMES
from courier.domain.receipt import (
    MATERIAL_STATE_NAMES,
    MaterialState,
    check_lines,
    discrepancy_reason,
)
from courier.domain.result_handover import COLLECTOR_NAMES
from courier.domain.stuck import StuckThresholds, stuck_reason
from courier.domain.text import Text
from tests import factories
from tests.factories import NOW
from tests.unit.domain.test_receipt import delivered_originals, receipt

NAME_MAPS = [
    CASE_STATUS_NAMES,
    RESULT_DELIVERY_NAMES,
    EVENT_WORDS,
    STATUS_WORDS,
    EXTRA_WAYBILL_STATUS_NAMES,
    LEG_KIND_NAMES,
    STATUS_NAMES,
    DISTANCE_NAMES,
    MATERIAL_STATE_NAMES,
    COLLECTOR_NAMES,
]


@pytest.mark.parametrize("names", NAME_MAPS, ids=lambda names: type(next(iter(names))).__name__)
def test_every_name_of_a_status_or_kind_is_a_sentence_of_the_catalogue(names: dict) -> None:
    assert all(isinstance(name, Text) and name.msgid == name for name in names.values())


def test_a_refused_move_of_a_case_names_both_statuses_as_values() -> None:
    case = factories.case()
    with pytest.raises(RuleViolation) as refused:
        case.advance(CaseStatus.CLOSED)
    message = refused.value.message
    assert message == "办件状态不能从“已受理”变为“办结送达”。"
    assert (
        isinstance(message, Text) and message.msgid == "办件状态不能从“{current}”变为“{wanted}”。"
    )
    assert message.params == {"current": "已受理", "wanted": "办结送达"}
    assert message.params["wanted"].msgid == "办结送达"


def test_a_case_that_cannot_close_says_where_its_result_is_in_a_sentence_of_its_own() -> None:
    case = factories.case()
    case.status = CaseStatus.DECIDED
    blocker = case.close_blocker()
    assert blocker == (
        "结果尚未送达申请人（尚未寄出结果），不能办结送达。请先寄出结果，待承运商妥投后再办结。"
    )
    assert isinstance(blocker, Text) and blocker.params["where"].msgid == "尚未寄出结果"
    case.plan_result_leg(factories.department(), factories.hall(), factories.shipping())
    blocker = case.close_blocker()
    assert isinstance(blocker, Text)
    where = blocker.params["where"]
    assert where == "结果寄递：待下单" and where.params == {"status": STATUS_NAMES[LegStatus.DRAFT]}


def test_a_missing_field_is_named_by_its_label_as_a_value() -> None:
    with pytest.raises(InvalidValue) as refused:
        Applicant.create(" ", "13112341907", "11010519491231002X", None)
    message = refused.value.message
    assert message == "请填写申请人姓名。" and message.msgid == "请填写{label}。"
    assert message.params["label"].msgid == "申请人姓名"


def test_a_bad_number_of_pages_keeps_its_bounds_as_values() -> None:
    with pytest.raises(InvalidValue) as refused:
        Material.create("申请表", pages=0)
    message = refused.value.message
    assert message == "页数应在 1 至 2000 之间。"
    assert message.params == {"label": "页数", "low": 1, "high": 2000}


def test_materials_found_wrong_on_arrival_are_listed_item_by_item() -> None:
    leg = delivered_originals()
    reason = discrepancy_reason(leg, receipt(leg, MaterialState.MISSING, MaterialState.DAMAGED))
    assert reason == "签收发现材料问题：户口簿（缺失）、申请表（损坏）"
    listed = reason.params["materials"]
    assert listed.msgid == "{items}、{item}"
    assert listed.params["items"].params == {"material": "户口簿", "state": "缺失"}
    assert listed.params["item"].params["state"].msgid == "损坏"


def test_a_refused_receipt_list_says_how_many_materials_to_confirm() -> None:
    leg = delivered_originals()
    with pytest.raises(ValidationFailed) as refused:
        check_lines(leg, [])
    message = refused.value.errors["items"]
    assert message == "请逐项确认全部 2 项材料，还有未确认的材料。"
    assert isinstance(message, Text) and message.params == {"count": 2}
    assert refused.value.message.msgid == "提交的信息有误，请检查标出的字段。"


def test_a_refused_booking_keeps_the_carriers_reason_as_a_value_of_the_problem() -> None:
    case = factories.case()
    leg = case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    leg.status, leg.last_error = LegStatus.BOOKING_FAILED, "收件地址不完整"
    [row] = attention_for(case, leg)
    assert row.problem == "邮政拒绝下单：收件地址不完整"
    assert isinstance(row.problem, Text) and row.problem.msgid == "{problem}：{note}"
    assert row.problem.params["problem"].msgid == "邮政拒绝下单"
    assert row.problem.params["note"] == "收件地址不完整"  # the carrier's words: data


def test_a_stuck_leg_says_how_long_in_sentences_of_days_and_hours() -> None:
    case = factories.case()
    leg = case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    leg.move_to(LegStatus.BOOKING)
    leg.record_waybill("1151238971060", leg.routing, NOW)
    reason = stuck_reason(leg, NOW + timedelta(days=2, hours=1), StuckThresholds())
    assert reason == "已取号 2 天 1 小时，邮政尚未揽收（超过 2 天）"
    assert reason is not None and reason.msgid == "已取号 {waited}，邮政尚未揽收（超过 {limit}）"
    assert reason.params["waited"].params == {"days": 2, "hours": 1}
    assert reason.params["limit"].msgid == "{days} 天"


def test_the_text_to_the_applicant_is_sent_in_chinese_as_it_is() -> None:
    text = text_for(NotificationStep.RESULT_ON_ITS_WAY, "BJ2026112600001", "https://x.example")
    assert text == (
        "【政务寄递】您的办件BJ2026112600001的办理结果已交邮政寄出。"
        "查询进度：https://x.example/track"
    )
    assert not isinstance(text, Text)  # the gateway's registered wording, in every language
