"""Tracking events stored once, push batches, label prints and handovers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from courier.domain.errors import Conflict
from courier.domain.handover import Handover, hand_over
from courier.domain.leg import LegStatus
from courier.ports.carrier import TraceEvent
from courier.ports.push import UnreadableEvent
from tests import factories
from tests.integration.storage.contract.support import NewUow, Offices, minutes, store_case

WAYBILL = "1151238971060"


def event(code: str, at_minute: float, desc: str = "", waybill_no: str = WAYBILL) -> TraceEvent:
    return TraceEvent(waybill_no, minutes(at_minute), code, op_name=code, op_desc=desc)


def test_tracking_events_are_stored_once_keeping_the_first_copy(new_uow: NewUow) -> None:
    accepted, arrived = event("203", 0, "收寄"), event("954", 60, "到达处理中心")
    with new_uow() as uow:
        assert (
            uow.tracking.add_events(
                [arrived, accepted, event("954", 60, "重复")], "push", minutes(90)
            ).new
            == 2
        )
        uow.commit()
    with new_uow() as uow:
        delivered = event("704", 120, "妥投")
        assert uow.tracking.add_events([accepted, delivered], "query", minutes(130)).new == 1
        assert uow.tracking.add_events([], "query", minutes(130)).new == 0
        uow.tracking.add_events([event("203", 5, waybill_no="9858638312956")], "push", minutes(9))
        uow.commit()
    with new_uow() as uow:
        assert uow.tracking.events_for(WAYBILL) == [accepted, arrived, delivered]
        assert uow.tracking.events_for("1151238971061") == []


def test_events_at_the_same_time_come_back_in_the_order_they_arrived(new_uow: NewUow) -> None:
    first, second = event("702", 10), event("704", 10)
    with new_uow() as uow:
        uow.tracking.add_events([first], "push", minutes(11))
        uow.tracking.add_events([second], "push", minutes(12))
        uow.commit()
    with new_uow() as uow:
        assert uow.tracking.events_for(WAYBILL) == [first, second]


def test_quarantined_events_come_back_newest_first(new_uow: NewUow) -> None:
    with new_uow() as uow:
        uow.tracking.record_ack("S-1", (3, 2, 1), minutes(0))
        uow.tracking.quarantine(
            "S-1", [UnreadableEvent("<trace>a</trace>", "too long")], minutes(0)
        )
        uow.tracking.quarantine(
            "S-2", [UnreadableEvent("<trace>b</trace>", "bad time")], minutes(1)
        )
        uow.commit()
    with new_uow() as uow:
        rows = uow.tracking.quarantined(10)
        assert [(r.serial_no, r.raw, r.reason) for r in rows] == [
            ("S-2", "<trace>b</trace>", "bad time"),
            ("S-1", "<trace>a</trace>", "too long"),
        ]
        assert len(uow.tracking.quarantined(1)) == 1


def test_label_prints_are_recorded_in_order_per_leg(new_uow: NewUow, offices: Offices) -> None:
    leg = store_case(new_uow, offices, "CASE-A", status=LegStatus.BOOKED, waybill_no=WAYBILL)
    other = store_case(new_uow, offices, "CASE-B")
    with new_uow() as uow:
        assert not uow.prints.printed_before(leg.leg_id)
        uow.prints.record(leg.leg_id, None, minutes(0), False, "100x150")
        uow.prints.record(other.leg_id, None, minutes(1), False, "100x180")
        uow.prints.record(leg.leg_id, None, minutes(2), True, "76x130")
        uow.commit()
    with new_uow() as uow:
        assert uow.prints.printed_before(leg.leg_id)
        history = uow.prints.history(leg.leg_id)
        assert [{k: v for k, v in row.items() if k != "id"} for row in history] == [
            {"leg_id": leg.leg_id, "account_id": None, "printed_at": minutes(0),
             "reprint": False, "size": "100x150"},
            {"leg_id": leg.leg_id, "account_id": None, "printed_at": minutes(2),
             "reprint": True, "size": "76x130"},
        ]  # fmt: skip
        assert history[0]["id"] < history[1]["id"]  # type: ignore[operator]
        assert uow.prints.history(other.leg_id + 100) == []


def test_a_handover_keeps_its_legs_in_id_order(new_uow: NewUow, offices: Offices) -> None:
    first = store_case(new_uow, offices, "CASE-A", status=LegStatus.BOOKED, waybill_no=WAYBILL)
    second = store_case(new_uow, offices, "CASE-B", status=LegStatus.BOOKED,
                        waybill_no="9858638312956")  # fmt: skip
    with new_uow() as uow:
        legs = [uow.legs.get(second.leg_id), uow.legs.get(first.leg_id)]
        handover = hand_over([leg for leg in legs if leg], factories.NOW, None)
        uow.handovers.add(handover)
        uow.commit()
        handover_id = handover.id
    assert handover_id is not None
    with new_uow() as uow:
        stored = uow.handovers.get(handover_id)
        assert stored is not None and stored.sender_name == "东城区政务服务中心"
        assert stored.handed_over_at == factories.NOW
        assert [leg.id for leg in stored.legs] == [first.leg_id, second.leg_id]
        assert all(leg.status is LegStatus.HANDED_OVER for leg in stored.legs)
        assert uow.handovers.get(handover_id + 100) is None


def test_a_leg_cannot_be_on_two_handovers(new_uow: NewUow, offices: Offices) -> None:
    stored = store_case(new_uow, offices, "CASE-A", status=LegStatus.BOOKED, waybill_no=WAYBILL)
    with new_uow() as uow:
        leg = uow.legs.get(stored.leg_id)
        assert leg is not None
        uow.handovers.add(hand_over([leg], factories.NOW, None))
        uow.commit()
    with new_uow() as uow, pytest.raises(Conflict):
        leg = uow.legs.get(stored.leg_id)
        assert leg is not None
        later = factories.NOW + timedelta(hours=1)
        uow.handovers.add(Handover("东城区政务服务中心", later, [leg]))
        uow.commit()
