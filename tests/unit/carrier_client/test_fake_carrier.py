"""The in-memory carrier that service tests use instead of the SOAP client."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from courier.ports.carrier import (
    Carrier,
    CarrierBusinessError,
    CarrierOutcomeUnknown,
    CarrierProtocolError,
    CarrierUnavailable,
)
from integrations.carrier.fake import FakeCarrier, OnDuplicate
from tests.unit.carrier_client.samples import APPLICANT, HALL, order


def test_fake_carrier_implements_the_carrier_port() -> None:
    carrier: Carrier = FakeCarrier()
    assert carrier.query_order("LO1") == []


def test_bookings_get_distinct_13_digit_waybill_numbers() -> None:
    carrier = FakeCarrier()
    first = carrier.create_order(order("LO1"))
    second = carrier.create_order(order("LO2"))
    assert first.waybill_no != second.waybill_no
    for booking in (first, second):
        assert len(booking.waybill_no) == 13 and booking.waybill_no.isdigit()
        assert booking.mark_destination_name and booking.route_code


def test_a_deduplicating_carrier_answers_a_repeat_with_the_first_waybill() -> None:
    carrier = FakeCarrier(on_duplicate=OnDuplicate.DEDUPLICATE)
    first = carrier.create_order(order())
    assert carrier.create_order(order()) == first
    assert carrier.query_order(order().logistics_order_no) == [first]


def test_a_non_deduplicating_carrier_creates_a_second_waybill_seen_by_query_order() -> None:
    carrier = FakeCarrier(on_duplicate=OnDuplicate.NEW_WAYBILL)
    first, second = carrier.create_order(order()), carrier.create_order(order())
    assert carrier.query_order(order().logistics_order_no) == [first, second]


def test_a_rejecting_carrier_refuses_a_repeat_as_a_duplicate() -> None:
    carrier = FakeCarrier(on_duplicate=OnDuplicate.REJECT)
    carrier.create_order(order())
    with pytest.raises(CarrierBusinessError) as caught:
        carrier.create_order(order())
    assert caught.value.code == "B0101"


@pytest.mark.parametrize(
    "error",
    [
        CarrierBusinessError("x", "B0104"),
        CarrierUnavailable("x", "S0001"),
        CarrierOutcomeUnknown("x"),
        CarrierProtocolError("x"),
    ],
)
def test_the_fake_raises_each_error_kind_once_when_told(error: Exception) -> None:
    carrier = FakeCarrier()
    carrier.fail_next(error)  # type: ignore[arg-type]
    with pytest.raises(type(error)):
        carrier.create_order(order())
    assert carrier.query_order(order().logistics_order_no) == []
    carrier.create_order(order())


def test_an_order_created_before_a_timeout_is_found_by_query_order() -> None:
    carrier = FakeCarrier()
    carrier.fail_next(CarrierOutcomeUnknown("timeout"), after_commit=True)
    with pytest.raises(CarrierOutcomeUnknown):
        carrier.create_order(order())
    [booking] = carrier.query_order(order().logistics_order_no)
    assert booking.logistics_order_no == order().logistics_order_no


def test_cancel_marks_the_waybill_cancelled() -> None:
    carrier = FakeCarrier()
    booking = carrier.create_order(order())
    carrier.cancel_order(booking.logistics_order_no, booking.waybill_no, "撤回")
    assert carrier.query_order(booking.logistics_order_no)[0].cancelled


def test_a_collected_parcel_cannot_be_cancelled() -> None:
    carrier = FakeCarrier()
    booking = carrier.create_order(order())
    carrier.add_event(booking.waybill_no, "203", datetime(2026, 11, 26, tzinfo=UTC))
    with pytest.raises(CarrierBusinessError, match="收寄"):
        carrier.cancel_order(booking.logistics_order_no, booking.waybill_no, "撤回")


def test_cancelling_an_unknown_waybill_is_not_found() -> None:
    with pytest.raises(CarrierBusinessError) as caught:
        FakeCarrier().cancel_order("LO1", "1151238971060", "撤回")
    assert caught.value.code == "B0102"


def test_trace_query_returns_the_events_told_and_nothing_for_unknown_waybills() -> None:
    carrier = FakeCarrier()
    carrier.add_event("1151238971060", "203", datetime(2026, 11, 26, tzinfo=UTC), op_name="收寄")
    traces = carrier.query_trace(["1151238971060", "9858638312956"])
    assert [e.op_name for e in traces["1151238971060"]] == ["收寄"]
    assert traces["9858638312956"] == []


def test_address_parsing_splits_province_city_and_county() -> None:
    parsed = FakeCarrier().parse_address("浙江省杭州市西湖区保俶路88号")
    assert (parsed.prov, parsed.city, parsed.county, parsed.address) == (
        "浙江省",
        "杭州市",
        "西湖区",
        "保俶路88号",
    )


def test_unreachable_province_is_reported_as_such() -> None:
    carrier = FakeCarrier(unreachable_provinces=frozenset({"浙江省"}))
    assert carrier.check_reachability(HALL, APPLICANT) is False
    assert carrier.check_reachability(APPLICANT, HALL) is True


def test_calls_are_recorded_in_order() -> None:
    carrier = FakeCarrier()
    carrier.create_order(order())
    carrier.query_order("LO1")
    assert carrier.operations() == ["create_order", "query_order"]
