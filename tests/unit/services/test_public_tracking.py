"""The public view of a case: live legs, our words for events, the delivery estimate if known."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from courier.domain.case import CaseStatus, ResultDelivery
from courier.domain.errors import NotFound
from courier.domain.leg import LegKind, LegStatus
from courier.domain.local_time import CHINA_TIME
from courier.domain.places import Party
from courier.ports.carrier import TraceEvent
from courier.ports.public_reads import CaseRecord, LegRecord
from courier.services.public_tracking import NO_MATCH, track_case
from tests import factories

APPLICANT = Party("张小明", "13112341907", factories.address())
HALL = factories.hall().as_party()


class FakeReads:
    def __init__(self, case: CaseRecord) -> None:
        self.case, self.asked = case, []
        self.events = [
            TraceEvent("1151238971060", factories.NOW, "203", "收寄", op_desc="张小明交寄"),
            TraceEvent("1151238971060", factories.NOW + timedelta(hours=2), "704", "妥投",
                       deliver_code="20"),
        ]  # fmt: skip

    def leg_by_waybill(self, waybill_no: str) -> LegRecord | None:
        return None

    def case_by_mobile_tail(self, case_number: str, tail: str) -> CaseRecord | None:
        self.asked.append((case_number, tail))
        return self.case if (case_number, tail) == ("BJ2026112600001", "1907") else None

    def events_for(self, waybills: Sequence[str]) -> list[TraceEvent]:
        return [e for e in self.events if e.waybill_no in waybills]


def record(*legs: LegRecord) -> CaseRecord:
    return CaseRecord("BJ2026112600001", "婚姻登记档案查询", CaseStatus.DECIDED,
                      ResultDelivery.MAIL, list(legs))  # fmt: skip


def test_a_found_case_shows_the_estimate_and_events_in_our_words_newest_first() -> None:
    result = LegRecord(LegKind.RESULT, LegStatus.IN_TRANSIT, "1151238971060", APPLICANT, "",
                       date(2026, 11, 28))  # fmt: skip
    track = track_case(FakeReads(record(result)), "BJ2026112600001", "1907", refuse=False)
    leg = track.legs[0]
    assert leg.expected_delivery == date(2026, 11, 28) and leg.destination == "北京市北京市"
    assert [e.text for e in leg.events] == ["已妥投：他人代收", "邮政已收寄"]
    assert [m.state.value for m in track.milestones][-2:] == ["done", "current"]


def test_a_refused_case_number_runs_the_same_lookup_and_answers_like_a_miss() -> None:
    reads = FakeReads(record(LegRecord(LegKind.ORIGINALS, LegStatus.BOOKED, None, HALL, "")))
    with pytest.raises(NotFound) as refused:
        track_case(reads, "BJ2026112600001", "1907", refuse=True)
    with pytest.raises(NotFound) as missed:
        track_case(reads, "BJ2026112600001", "0000", refuse=False)
    assert refused.value.message == missed.value.message == NO_MATCH
    assert refused.value.field is None and missed.value.field is None
    assert reads.asked == [("BJ2026112600001", "1907"), ("BJ2026112600001", "0000")]


def test_an_applicant_sending_a_supplement_is_told_when_the_postman_comes_until_collected() -> None:
    start = datetime(2026, 12, 4, 9, 0, tzinfo=CHINA_TIME)
    window = {"pickup_type": 1, "pickup_start": start, "pickup_end": start + timedelta(hours=3)}
    booked = LegRecord(LegKind.SUPPLEMENT, LegStatus.BOOKED, "1151238971060", HALL, "", **window)
    collected = replace(booked, status=LegStatus.IN_TRANSIT)
    counter = replace(booked, pickup_type=0, pickup_start=None, pickup_end=None)
    track = track_case(
        FakeReads(record(booked, collected, counter)), "BJ2026112600001", "1907", refuse=False
    )
    assert [leg.collection for leg in track.legs] == [
        "邮政将于 12月4日 09:00–12:00 上门收件",
        None,
        None,
    ]
