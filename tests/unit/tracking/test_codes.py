"""Every carrier code has a state and words; a code nobody mapped is unknown, never an error."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tracking import (
    CHINA_TIME,
    EMS_CODES,
    EMSEVT_CODES,
    TrackingEvent,
    TrackingState,
    meaning_of,
    parse_op_time,
    reason_of,
)

AT = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def event(code: str, **fields: str) -> TrackingEvent:
    return TrackingEvent("1151238971060", AT, code, **fields)


def test_an_unmapped_code_is_unknown_and_named_for_staff() -> None:
    meaning = meaning_of(event("999"))
    assert meaning.state is TrackingState.UNKNOWN
    assert reason_of(event(" 999 ")) == "未知轨迹代码 999"


@pytest.mark.parametrize(
    ("code", "state"),
    [
        ("203", TrackingState.ACCEPTED),
        ("207", TrackingState.PENDING),
        ("702", TrackingState.OUT_FOR_DELIVERY),
        ("704", TrackingState.DELIVERED),
        ("705", TrackingState.DELIVERY_FAILED),
        ("711", TrackingState.RETURNED),
        ("651", TrackingState.EXCEPTION),
        ("988", TrackingState.LOST),
        ("756", None),
        ("EMA", TrackingState.ACCEPTED),
        ("EME", TrackingState.IN_TRANSIT),
        ("EMH", TrackingState.DELIVERY_FAILED),
        ("EMI", TrackingState.DELIVERED),
    ],
)
def test_ems_and_upu_codes_mean_a_state(code: str, state: TrackingState | None) -> None:
    assert meaning_of(event(code)).state is state


def test_the_upu_table_covers_ema_to_emk() -> None:
    assert sorted(EMSEVT_CODES) == [f"EM{letter}" for letter in "ABCDEFGHIJK"]
    assert not set(EMSEVT_CODES) & set(EMS_CODES)


def test_delivery_and_failure_details_are_said_in_words() -> None:
    assert reason_of(event("704", deliver_code="50")) == "已妥投：快递柜代收"
    assert reason_of(event("705", attempt_delivery_code="7")) == "投递未成功：收件人拒收"
    assert reason_of(event("EMH", attempt_delivery_code="3")) == "投递未成功：查无此人"
    assert reason_of(event("704", deliver_code="77")) == "已妥投"  # unknown detail: left out


def test_a_time_without_offset_is_china_time_and_24_oclock_is_the_next_midnight() -> None:
    assert parse_op_time("2026-11-26T09:30:00") == datetime(2026, 11, 26, 9, 30, tzinfo=CHINA_TIME)
    assert parse_op_time("2026-11-26T24:00:00Z") == datetime(2026, 11, 27, tzinfo=UTC)
    assert parse_op_time("2026-11-26T24:00:00") - parse_op_time("2026-11-26T23:00:00") == (
        timedelta(hours=1)
    )


@pytest.mark.parametrize("text", ["", "yesterday", "2026-13-01T00:00:00", "2026-11-26T25:00:00"])
def test_an_impossible_time_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_op_time(text)
