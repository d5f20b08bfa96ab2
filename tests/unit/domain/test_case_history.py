"""A leg's timeline and a case's history, in words and in time order."""

from __future__ import annotations

from datetime import timedelta

from courier.domain.case import Case
from courier.domain.case_history import EVENT_WORDS, case_history, event_text, leg_timeline
from courier.domain.leg import Leg, LegStatus
from courier.domain.tracking import LegEventType, leg_event
from tests import factories
from tracking import TrackingEvent

NOW = factories.NOW


def booked_originals() -> tuple[Case, Leg]:
    case = factories.case()
    leg = case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    leg.id, leg.status, leg.waybill_no = 7, LegStatus.BOOKED, "1151238971060"
    return case, leg


def test_every_event_type_has_words() -> None:
    assert set(EVENT_WORDS) == set(LegEventType)
    assert all(words and not words.isascii() for words in EVENT_WORDS.values())  # Chinese


def test_an_event_is_worded_with_its_reason() -> None:
    _, leg = booked_originals()
    assert (
        event_text(leg_event(leg, LegEventType.CANCELLED, NOW, "申请人撤回"))
        == "已取消：申请人撤回"
    )
    assert event_text(leg_event(leg, LegEventType.BOOKED, NOW)) == "下单成功，取得运单号"


def test_a_leg_timeline_merges_our_steps_and_the_carriers_scans_oldest_first() -> None:
    _, leg = booked_originals()
    booked = leg_event(leg, LegEventType.BOOKED, NOW)
    accepted = leg_event(leg, LegEventType.ACCEPTED, NOW + timedelta(hours=2))  # repeats the scan
    handed = leg_event(leg, LegEventType.HANDED_OVER, NOW + timedelta(hours=1))
    scan = TrackingEvent(
        leg.waybill_no or "", NOW + timedelta(hours=2), "203", op_org_city="北京市"
    )
    entries = leg_timeline([booked, accepted, handed], [scan])
    assert [e.text for e in entries] == ["下单成功，取得运单号", "已交邮政揽投员", "邮政已收寄"]
    assert entries[-1].place == "北京市" and entries[-1].at == NOW + timedelta(hours=2)


def test_the_history_starts_with_the_opening_and_names_each_leg() -> None:
    case, leg = booked_originals()
    later = leg_event(leg, LegEventType.RECEIPT_DISCREPANCY, NOW + timedelta(days=1), "缺户口簿")
    events = {7: [later, leg_event(leg, LegEventType.BOOKED, NOW + timedelta(minutes=5))]}
    history = case_history(case, events)
    assert [e.text for e in history] == [
        "受理办件",
        f"原件寄递（{leg.order_no}）：下单成功，取得运单号",
        f"原件寄递（{leg.order_no}）：签收确认发现材料不符：缺户口簿",
    ]


def test_a_cancellation_without_a_stored_time_is_told_last_and_says_so() -> None:
    case, leg = booked_originals()
    leg.status = LegStatus.CANCELLED
    history = case_history(case, {7: [leg_event(leg, LegEventType.BOOKED, NOW)]})
    assert history[-1].at is None and history[-1].text.endswith("已取消（未记录取消时间）")
    cancelled = leg_event(leg, LegEventType.CANCELLED, NOW + timedelta(hours=1), "重复下单")
    told = case_history(case, {7: [cancelled]})
    assert told[-1].at is not None and told[-1].text.endswith("已取消：重复下单")
