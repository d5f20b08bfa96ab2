"""Request builders and reply parsers per operation, against golden JSON bodies."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from courier.ports.carrier import CarrierBooking, ParsedAddress
from integrations.carrier.contract import CARRIER_XSD
from integrations.carrier.ems_open import builders, codes, parsers
from integrations.carrier.ems_open.contract import request_payload
from integrations.carrier.ems_open.envelope import CHINA_STANDARD_TIME, compact
from integrations.carrier.soapserver import ContractSchema
from tests.unit.carrier_client.samples import APPLICANT, HALL, order
from tests.unit.ems_open.samples import golden_reply_body, golden_request

REQUESTS: dict[str, Any] = {
    codes.CREATE_ORDER: builders.create_order(order()),
    codes.CANCEL_ORDER: builders.cancel_order("LO202611260001", "1151238971060", "申请人撤回"),
    codes.QUERY_ORDER: builders.query_order("LO202611260001"),
    codes.QUERY_TRACE: builders.query_trace(["1151238971060", "9858638312956"]),
    codes.PARSE_ADDRESS: builders.parse_address("浙江省杭州市西湖区保俶路88号"),
    codes.CHECK_REACHABILITY: builders.check_reachability(HALL, APPLICANT),
}


@pytest.mark.parametrize("api_code", REQUESTS)
def test_each_request_body_matches_its_golden_file(api_code: str) -> None:
    assert compact(REQUESTS[api_code]) == golden_request(api_code)


@pytest.mark.parametrize("api_code", REQUESTS)
def test_each_golden_request_is_a_valid_contract_request_for_the_simulator(api_code: str) -> None:
    operation = codes.OPERATION_BY_API_CODE[api_code]
    element = request_payload(operation, REQUESTS[api_code])
    assert ContractSchema.from_xsd(CARRIER_XSD).problem(element) is None


def test_an_order_leaves_out_what_is_not_set() -> None:
    body = builders.create_order(order().__class__("LO1", HALL, APPLICANT))[0]
    assert "insuranceAmount" not in body and "pickupStartTime" not in body
    assert "cargos" not in body and "phone" not in body["sender"]


def test_the_create_reply_gives_the_waybill_and_the_label_routing() -> None:
    assert parsers.booking(golden_reply_body(codes.CREATE_ORDER)) == CarrierBooking(
        "LO202611260001",
        "1151238971060",
        "330-106",
        "33999900",
        "杭州处理中心",
        "330106",
        "浙-杭州",
    )


def test_the_order_query_reply_gives_every_waybill_with_its_cancellation() -> None:
    found = parsers.bookings(golden_reply_body(codes.QUERY_ORDER))
    assert [(b.waybill_no, b.cancelled) for b in found] == [
        ("1151238971060", True),
        ("1151238971074", False),
    ]


def test_the_cancel_reply_says_cancelled() -> None:
    assert parsers.cancelled(golden_reply_body(codes.CANCEL_ORDER)) is True


def test_the_trace_reply_gives_events_per_waybill_in_china_time() -> None:
    traces = parsers.traces(golden_reply_body(codes.QUERY_TRACE))
    assert traces["9858638312956"] == []
    accepted, delivered = traces["1151238971060"]
    assert accepted.op_time == datetime(2026, 11, 26, 14, 5, tzinfo=CHINA_STANDARD_TIME)
    assert (delivered.op_code, delivered.deliver_code, delivered.operator_name) == (
        "704",
        "10",
        "陈静",
    )


def test_the_address_reply_gives_province_city_and_county() -> None:
    assert parsers.parsed_address(golden_reply_body(codes.PARSE_ADDRESS)) == ParsedAddress(
        "浙江省", "杭州市", "西湖区", "保俶路88号"
    )


def test_the_reachability_reply_says_whether_ems_delivers() -> None:
    assert parsers.reachable(golden_reply_body(codes.CHECK_REACHABILITY)) is False


@pytest.mark.parametrize(
    "body",
    [None, "text", [], [{}, {}], {"waybillNo": {"nested": 1}}, {"logisticsOrderNo": "LO1"}],
    ids=["null", "text", "empty array", "two objects", "object for text", "no waybill"],
)
def test_a_create_reply_of_the_wrong_shape_is_refused(body: Any) -> None:
    with pytest.raises(ValueError):
        parsers.booking(body)


def test_a_trace_with_a_bad_time_is_refused() -> None:
    body = {
        "waybillTrace": [{"waybillNo": "1", "trace": [{"opTime": "yesterday", "opCode": "203"}]}]
    }
    with pytest.raises(ValueError):
        parsers.traces(body)


def test_a_pickup_window_is_sent_in_china_time_and_read_back_as_china_time() -> None:
    window = replace(
        order(),
        pickup_start=datetime(2026, 11, 28, 6, tzinfo=UTC),
        pickup_end=datetime(2026, 11, 28, 9, tzinfo=UTC),
    )

    body = builders.create_order(window)[0]
    element = request_payload("CreateOrder", builders.create_order(window))

    assert (body["pickupStartTime"], body["pickupEndTime"]) == (
        "2026-11-28 14:00:00",
        "2026-11-28 17:00:00",
    )
    start = element.findtext(".//{*}pickupStartTime")
    assert datetime.fromisoformat(start) == datetime(2026, 11, 28, 14, tzinfo=CHINA_STANDARD_TIME)
