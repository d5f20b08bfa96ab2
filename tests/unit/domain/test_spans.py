"""Spans of time and `name=span` lists as settings write them; bad ones are refused, named."""

from __future__ import annotations

from datetime import timedelta

import pytest

from courier.domain.leg import LegStatus
from courier.domain.poll_schedule import PollSchedule
from courier.domain.spans import parse_span, parse_spans
from courier.domain.stuck import StuckThresholds


@pytest.mark.parametrize(
    ("text", "span"),
    [("90s", timedelta(seconds=90)), ("30m", timedelta(minutes=30)), (" 48H ", timedelta(days=2)),
     ("1.5d", timedelta(hours=36)), ("30d", timedelta(days=30))],
)  # fmt: skip
def test_a_span_is_a_number_and_a_unit(text: str, span: timedelta) -> None:
    assert parse_span(text) == span


@pytest.mark.parametrize("text", ["", "48", "h", "2 days", "-1h", "1w", "0s", "31d", "1e3s"])
def test_a_span_without_a_unit_or_out_of_range_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"span|at most 30d"):
        parse_span(text)


def test_a_list_of_spans_names_each_once() -> None:
    assert parse_spans("a=1h, b=2d,", ["a", "b", "c"]) == {
        "a": timedelta(hours=1), "b": timedelta(days=2),
    }  # fmt: skip
    assert parse_spans("", ["a"]) == {}


@pytest.mark.parametrize(
    ("text", "says"),
    [("a", "not name=span"), ("z=1h", "'z' is not one of a, b"), ("a=1h,a=2h", "given twice"),
     ("a=soon", "'soon' is not a span")],
)  # fmt: skip
def test_a_bad_list_of_spans_says_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_spans(text, ["a", "b"])


def test_poll_intervals_given_replace_only_their_defaults() -> None:
    schedule = PollSchedule.from_text("near_delivery=10m,final_for=7d")
    assert schedule.near_delivery == timedelta(minutes=10)
    assert schedule.final_for == timedelta(days=7)
    assert schedule.idle == PollSchedule().idle
    assert PollSchedule.from_text("") == PollSchedule()


def test_stuck_thresholds_are_given_per_stage_and_keep_the_others() -> None:
    thresholds = StuckThresholds.from_text("in_transit=48h,out_for_delivery=12h")
    assert thresholds.limits[LegStatus.IN_TRANSIT] == timedelta(hours=48)
    assert thresholds.limits[LegStatus.OUT_FOR_DELIVERY] == timedelta(hours=12)
    assert thresholds.limits[LegStatus.BOOKED] == StuckThresholds().limits[LegStatus.BOOKED]
    assert thresholds.shortest == timedelta(hours=12)


def test_a_stuck_threshold_for_a_final_stage_is_refused() -> None:
    with pytest.raises(ValueError, match="'delivered' is not one of booked"):
        StuckThresholds.from_text("delivered=1d")
