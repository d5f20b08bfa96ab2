"""Reply parsers and the error mapping, fed the golden reply files of every operation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from lxml import etree

from courier.ports.carrier import (
    CarrierBooking,
    CarrierBusinessError,
    CarrierOutcomeUnknown,
    CarrierProtocolError,
    CarrierUnavailable,
    ParsedAddress,
)
from integrations.carrier.soap import parsers
from integrations.carrier.soap.contract import LoadedContract
from integrations.carrier.soap.reply import read_payload
from tests.unit.carrier_client.samples import fixture

PARSERS: dict[str, tuple[str, Callable[[etree._Element], Any]]] = {
    "create_order": ("CreateOrder", parsers.booking),
    "cancel_order": ("CancelOrder", parsers.cancelled),
    "query_order": ("QueryOrder", parsers.bookings),
    "query_trace": ("QueryTrace", parsers.traces),
    "parse_address": ("ParseAddress", parsers.parsed_address),
    "check_reachability": ("CheckReachability", parsers.reachable),
}
OPERATIONS = sorted(PARSERS)
BEIJING = timezone(timedelta(hours=8))


def parse_reply(
    name: str, contract: LoadedContract, status: int = 200, body: bytes | None = None
) -> Any:
    operation, parse = PARSERS[name]
    reply = fixture(f"{name}.success.xml") if body is None else body
    return parse(read_payload(reply, status, operation, contract.schema))


def test_create_order_reply_gives_the_waybill_and_label_routing(contract: LoadedContract) -> None:
    assert parse_reply("create_order", contract) == CarrierBooking(
        logistics_order_no="LO202611260001",
        waybill_no="1151238971060",
        route_code="310-XH-07",
        package_code="31001",
        package_code_name="杭州集包",
        mark_destination_code="571",
        mark_destination_name="浙江 杭州 西湖",
    )


def test_query_order_reply_lists_every_waybill_including_cancelled_ones(
    contract: LoadedContract,
) -> None:
    bookings = parse_reply("query_order", contract)
    assert [(b.waybill_no, b.cancelled) for b in bookings] == [
        ("1151238971060", True),
        ("1151238971077", False),
    ]
    assert {b.logistics_order_no for b in bookings} == {"LO202611260001"}


def test_cancel_reply_confirms_the_cancellation(contract: LoadedContract) -> None:
    assert parse_reply("cancel_order", contract) is True


def test_trace_reply_gives_events_per_waybill_in_beijing_time(contract: LoadedContract) -> None:
    traces = parse_reply("query_trace", contract)
    assert traces["9858638312956"] == []
    events = traces["1151238971060"]
    assert [e.op_code for e in events] == ["203", "954", "702", "704"]
    assert events[2].op_time == datetime(2026, 11, 28, 9, 12, tzinfo=BEIJING)
    assert events[3].deliver_code == "10"
    assert events[0].op_org_name == "北京东城揽投部"
    assert events[1].operator_name == ""


def test_parse_address_reply_gives_the_places(contract: LoadedContract) -> None:
    assert parse_reply("parse_address", contract) == ParsedAddress(
        prov="浙江省", city="杭州市", county="西湖区", address="保俶路88号"
    )


def test_reachability_reply_says_whether_the_carrier_delivers(contract: LoadedContract) -> None:
    assert parse_reply("check_reachability", contract) is True


@pytest.mark.parametrize("name", OPERATIONS)
def test_business_fault_is_a_business_error_with_a_chinese_message(
    name: str, contract: LoadedContract
) -> None:
    with pytest.raises(CarrierBusinessError) as caught:
        parse_reply(name, contract, 500, fixture(f"{name}.business_fault.xml"))
    assert caught.value.code.startswith("B")
    assert caught.value.code in caught.value.message
    assert any("\u4e00" <= char <= "\u9fff" for char in caught.value.message)


@pytest.mark.parametrize("name", OPERATIONS)
def test_system_fault_means_unavailable_not_unknown(name: str, contract: LoadedContract) -> None:
    with pytest.raises(CarrierUnavailable) as caught:
        parse_reply(name, contract, 500, fixture(f"{name}.system_fault.xml"))
    assert type(caught.value) is CarrierUnavailable
    assert caught.value.code == "S0001"
    assert "稍后再试" in caught.value.message


@pytest.mark.parametrize("name", OPERATIONS)
@pytest.mark.parametrize("kind", ["malformed", "empty"])
def test_malformed_or_empty_reply_with_200_is_a_protocol_error(
    name: str, kind: str, contract: LoadedContract
) -> None:
    with pytest.raises(CarrierProtocolError):
        parse_reply(name, contract, 200, fixture(f"{name}.{kind}.xml"))


@pytest.mark.parametrize("name", OPERATIONS)
@pytest.mark.parametrize("kind", ["malformed", "empty"])
def test_malformed_or_empty_reply_with_5xx_leaves_the_outcome_unknown(
    name: str, kind: str, contract: LoadedContract
) -> None:
    with pytest.raises(CarrierOutcomeUnknown):
        parse_reply(name, contract, 502, fixture(f"{name}.{kind}.xml"))


def test_reply_breaking_the_schema_is_a_protocol_error(contract: LoadedContract) -> None:
    body = fixture("create_order.success.xml").replace(b"1151238971060", b"not-a-waybill")
    with pytest.raises(CarrierProtocolError, match="waybillNo"):
        parse_reply("create_order", contract, 200, body)


def test_reply_of_another_operation_is_a_protocol_error(contract: LoadedContract) -> None:
    with pytest.raises(CarrierProtocolError, match="CreateOrderResponse"):
        parse_reply("create_order", contract, 200, fixture("cancel_order.success.xml"))


def test_fault_with_an_unknown_class_is_no_valid_fault(contract: LoadedContract) -> None:
    body = fixture("create_order.system_fault.xml").replace(b">system<", b">cosmic<")
    with pytest.raises(CarrierProtocolError):
        parse_reply("create_order", contract, 200, body)
    with pytest.raises(CarrierOutcomeUnknown):
        parse_reply("create_order", contract, 500, body)


def test_fault_without_carrier_detail_on_5xx_leaves_the_outcome_unknown(
    contract: LoadedContract,
) -> None:
    body = etree.tostring(etree.fromstring(fixture("create_order.system_fault.xml")))
    root = etree.fromstring(body)
    detail = root.find(".//detail")
    detail.getparent().remove(detail)
    with pytest.raises(CarrierOutcomeUnknown):
        parse_reply("create_order", contract, 500, etree.tostring(root))


def test_reply_with_a_doctype_is_refused_without_expanding_it(contract: LoadedContract) -> None:
    body = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + fixture(
        "parse_address.success.xml"
    ).split(b"?>", 1)[1].replace("西湖区".encode(), b"&x;")
    with pytest.raises(CarrierProtocolError, match="DTD"):
        parse_reply("parse_address", contract, 200, body)


def test_an_op_time_of_24_00_is_the_next_midnight_and_an_offset_is_kept():
    from datetime import datetime, timedelta

    from integrations.carrier.traces import parse_op_time

    utc = UTC
    assert parse_op_time("2026-11-26T24:00:00Z") == datetime(2026, 11, 27, tzinfo=utc)
    assert parse_op_time(" 2026-11-26T09:30:00 ").utcoffset() == timedelta(hours=8)
