"""Which steps are texted, what the texts say, and when they may go."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from courier.domain.case import ResultDelivery
from courier.domain.errors import InvalidValue
from courier.domain.leg import LegKind
from courier.domain.notifications import (
    NotificationStep,
    NotificationSubject,
    RetryPolicy,
    step_for,
    text_for,
)
from courier.domain.quiet_hours import DEFAULT_QUIET_HOURS, QuietHours
from tests import factories

N, K, D = NotificationStep, LegKind, ResultDelivery
BASE = "https://courier.example.gov.cn"


def subject(
    kind: LegKind, delivery: ResultDelivery = D.MAIL, opted_in: bool = True
) -> NotificationSubject:
    return NotificationSubject(1, kind, delivery, opted_in)


@pytest.mark.parametrize(
    ("kind", "delivery", "event_type", "step"),
    [
        (K.ORIGINALS, D.MAIL, "delivered", N.ORIGINALS_ARRIVED),
        (K.ORIGINALS, D.PICKUP_AT_HALL, "receipt_confirmed", N.ORIGINALS_ARRIVED),
        (K.RESULT, D.MAIL, "accepted", N.RESULT_ON_ITS_WAY),
        (K.RESULT, D.PICKUP_AT_HALL, "accepted", N.RESULT_ON_ITS_WAY),
        (K.RESULT, D.PICKUP_AT_HALL, "delivered", N.RESULT_AT_WINDOW),
        (K.RESULT, D.MAIL, "delivered", None),
        (K.ORIGINALS, D.MAIL, "accepted", None),
        (K.ORIGINALS, D.MAIL, "in_transit", None),
        (K.ORIGINALS_RETURN, D.MAIL, "delivered", None),
        (K.SUPPLEMENT, D.MAIL, "delivered", None),
    ],
)
def test_only_the_three_steps_an_applicant_waits_for_are_texted(
    kind: LegKind, delivery: ResultDelivery, event_type: str, step: NotificationStep | None
) -> None:
    assert step_for(subject(kind, delivery), event_type) is step


def test_an_applicant_who_opted_out_is_never_texted() -> None:
    for kind, delivery, event_type in [
        (K.ORIGINALS, D.MAIL, "delivered"),
        (K.RESULT, D.MAIL, "accepted"),
        (K.RESULT, D.PICKUP_AT_HALL, "delivered"),
    ]:
        assert step_for(subject(kind, delivery, opted_in=False), event_type) is None


@pytest.mark.parametrize("step", list(NotificationStep))
def test_a_text_carries_the_case_number_and_the_tracking_link_and_no_personal_data(
    step: NotificationStep,
) -> None:
    case = factories.case()
    text = text_for(step, case.case_number, BASE + "/")
    assert text.startswith("【政务寄递】") and case.case_number in text
    assert f"{BASE}/track" in text and "//track" not in text
    a = case.applicant
    assert a.address is not None
    for personal in (a.name, a.name[1:], a.mobile, a.mobile[-4:], a.id_number, a.address.street):
        assert personal not in text
    rest = text.replace(case.case_number, "").replace(BASE, "")
    assert re.search(r"\d", rest) is None  # no number at all but the case number


def test_the_texts_are_short() -> None:
    for step in NotificationStep:
        assert len(text_for(step, "BJ2026112600001", BASE)) <= 120


def at_china(hour: int, minute: int = 0, day: int = 2) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


def test_the_default_quiet_hours_run_from_nine_at_night_to_eight_in_the_morning() -> None:
    quiet = QuietHours.parse(DEFAULT_QUIET_HOURS)
    assert not quiet.contains(at_china(20, 59))
    assert quiet.contains(at_china(21, 0)) and quiet.contains(at_china(3))
    assert quiet.contains(at_china(7, 59)) and not quiet.contains(at_china(8, 0))


def test_a_text_planned_inside_quiet_hours_goes_at_their_end() -> None:
    quiet = QuietHours.parse("21:00-08:00")
    assert quiet.send_at(at_china(22, 30)) == at_china(8, 0, day=3)
    assert quiet.send_at(at_china(6, 15)) == at_china(8, 0)
    assert quiet.send_at(at_china(12, 0)) == at_china(12, 0)
    assert quiet.send_at(at_china(22, 30)).tzinfo == UTC


def test_quiet_hours_within_one_day_and_none_at_all() -> None:
    lunch = QuietHours.parse("12:00-13:30")
    assert lunch.contains(at_china(12, 45)) and not lunch.contains(at_china(13, 30))
    assert lunch.send_at(at_china(12, 45)) == at_china(13, 30)
    for off in ("off", "", "08:00-08:00"):
        assert not QuietHours.parse(off).contains(at_china(23))


@pytest.mark.parametrize("bad", ["21-08", "25:00-08:00", "21:00–08:00", "9:00-8:00", "nightly"])
def test_malformed_quiet_hours_are_refused_in_chinese(bad: str) -> None:
    with pytest.raises(InvalidValue, match="免打扰时段"):
        QuietHours.parse(bad)


def test_an_unavailable_gateway_is_retried_with_doubling_waits_then_given_up() -> None:
    policy = RetryPolicy(timedelta(minutes=1), timedelta(minutes=10), attempts=6)
    now = factories.NOW
    waits = [policy.next_attempt(n, now) for n in range(1, 7)]
    assert [w - now for w in waits[:5] if w] == [timedelta(minutes=m) for m in (1, 2, 4, 8, 10)]
    assert waits[5] is None
