"""The real client over HTTP against the carrier simulator: every operation, both protocols."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest

from courier.ports.carrier import Carrier, CarrierBusinessError, CarrierRequestInvalid
from integrations.carrier.recording import CallOutcome, InMemoryCallRecorder, leg_reference
from tests.integration.carrier_client.conftest import RunningSimulator, both_protocols
from tests.unit.carrier_client.samples import APPLICANT, HALL, order

pytestmark = [pytest.mark.services, both_protocols]


def test_booking_gets_a_13_digit_waybill_and_label_routing(carrier: Carrier) -> None:
    booking = carrier.create_order(order("LO-BOOK-1"))
    assert booking.logistics_order_no == "LO-BOOK-1"
    assert len(booking.waybill_no) == 13 and booking.waybill_no.isdigit()
    assert booking.route_code and booking.mark_destination_name and booking.package_code_name


def test_query_order_finds_the_booked_waybill(carrier: Carrier) -> None:
    booking = carrier.create_order(order("LO-QUERY-1"))
    [found] = carrier.query_order("LO-QUERY-1")
    assert (found.waybill_no, found.cancelled) == (booking.waybill_no, False)
    assert carrier.query_order("LO-NEVER-SENT") == []


def test_cancelled_order_shows_as_cancelled(carrier: Carrier) -> None:
    booking = carrier.create_order(order("LO-CANCEL-1"))
    carrier.cancel_order("LO-CANCEL-1", booking.waybill_no, "申请人撤回")
    assert carrier.query_order("LO-CANCEL-1")[0].cancelled


def test_a_parcel_already_collected_cannot_be_cancelled(
    carrier: Carrier, simulator: RunningSimulator
) -> None:
    booking = carrier.create_order(order("LO-CANCEL-2"))
    simulator.clock.advance(timedelta(hours=1).total_seconds())
    with pytest.raises(CarrierBusinessError) as caught:
        carrier.cancel_order("LO-CANCEL-2", booking.waybill_no, "申请人撤回")
    assert caught.value.code == "B0103"


def test_trace_query_returns_the_events_so_far(
    carrier: Carrier, simulator: RunningSimulator
) -> None:
    booking = carrier.create_order(order("LO-TRACE-1"))
    simulator.clock.advance(timedelta(days=1).total_seconds())
    traces = carrier.query_trace([booking.waybill_no, "9858638312956"])
    events = traces[booking.waybill_no]
    assert [e.op_code for e in events][:2] == ["203", "954"]
    assert events[-1].op_code == "704" and events[-1].deliver_code == "10"
    assert all(e.op_time.tzinfo is not None for e in events)
    assert traces["9858638312956"] == []


def test_address_parsing_and_reachability(carrier: Carrier) -> None:
    parsed = carrier.parse_address("浙江省杭州市西湖区保俶路88号")
    assert (parsed.prov, parsed.city) == ("浙江省", "杭州市")
    assert carrier.check_reachability(HALL, APPLICANT) is True


def test_every_call_is_recorded_with_its_leg_and_without_personal_data(
    carrier: Carrier, recorder: InMemoryCallRecorder
) -> None:
    with leg_reference("case-1/originals"):
        booking = carrier.create_order(order("LO-REC-1"))
    [call] = recorder.calls
    assert (call.operation, call.outcome) == ("CreateOrder", CallOutcome.OK)
    assert (call.logistics_order_no, call.waybill_no) == ("LO-REC-1", booking.waybill_no)
    assert call.leg_reference == "case-1/originals"
    assert booking.waybill_no in call.response_xml
    for secret in (APPLICANT.name, APPLICANT.mobile, APPLICANT.address, "courier-secret"):
        assert secret not in call.request_xml


def test_wrong_credentials_are_a_business_error_for_staff(
    connect: Callable[..., Carrier], simulator: RunningSimulator
) -> None:
    carrier = connect(simulator.endpoint, password="wrong")
    with pytest.raises(CarrierBusinessError) as caught:
        carrier.query_order("LO-1")
    assert caught.value.code == "B0003"
    assert "凭据" in caught.value.message


def test_a_request_breaking_the_contract_is_named_in_words_and_never_sent(
    carrier: Carrier,
    simulator: RunningSimulator,
    recorder: InMemoryCallRecorder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    bad = replace(order("LO-BAD-1"), receiver=replace(APPLICANT, post_code="31001"))

    with pytest.raises(CarrierRequestInvalid) as refused:
        carrier.create_order(bad)

    assert refused.value.message == "收件人邮编格式不正确，未发送给邮政"
    assert simulator.requests_seen == 0
    assert recorder.calls[0].error_message == refused.value.message
    assert "receiver.postCode" in caplog.text and "31001" not in caplog.text
