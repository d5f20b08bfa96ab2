"""A parcel's state, reason and last event from its events, in any order, however repeated."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings

from tests.unit.tracking.strategies import START, WAYBILL, arrivals
from tracking import TrackingEvent, TrackingState, derive, order_key


def at(hour: int, code: str, **fields: str) -> TrackingEvent:
    return TrackingEvent(WAYBILL, START + timedelta(hours=hour), code, **fields)


@settings(derandomize=True, deadline=None)  # deterministic, and no timing assertion
@given(arrivals())
def test_any_order_and_duplication_derive_the_state_of_the_time_sorted_set(
    sample: tuple[list[TrackingEvent], list[TrackingEvent]],
) -> None:
    chosen, arrived = sample
    assert derive(arrived) == derive(sorted(chosen, key=order_key))


def test_the_newest_event_decides_whatever_the_arrival_order() -> None:
    events = [at(5, "704", deliver_code="20"), at(1, "203"), at(3, "702")]
    track = derive(events)
    assert track.state is TrackingState.DELIVERED
    assert track.reason == "已妥投：他人代收" and track.last_event == events[0]


def test_a_reversal_undoes_the_delivery() -> None:
    assert derive([at(1, "704"), at(2, "743")]).state is TrackingState.OUT_FOR_DELIVERY


def test_unknown_codes_and_address_changes_do_not_decide_the_state() -> None:
    track = derive([at(1, "203"), at(2, "999"), at(3, "756")])
    assert track.state is TrackingState.ACCEPTED and track.reason == "邮政已收寄"
    assert track.last_event == at(3, "756")


def test_only_unknown_codes_say_unknown_and_no_events_say_pending() -> None:
    assert derive([at(1, "999")]).state is TrackingState.UNKNOWN
    assert derive([at(1, "999")]).reason == "未知轨迹代码 999"
    assert derive([]).state is TrackingState.PENDING and derive([]).last_event is None


def test_at_equal_times_the_state_further_along_wins() -> None:
    assert derive([at(1, "704"), at(1, "702")]).state is TrackingState.DELIVERED
    assert derive([at(1, "702"), at(1, "704")]).state is TrackingState.DELIVERED
