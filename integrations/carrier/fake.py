"""A hand-written in-memory carrier for service unit tests (same port as the SOAP client)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from courier.ports.carrier import (
    CarrierBooking,
    CarrierBusinessError,
    CarrierError,
    CarrierParty,
    OrderRequest,
    ParsedAddress,
    TraceEvent,
)

_ADDRESS = re.compile(
    r"^(?P<prov>.+?(?:省|自治区|北京市|上海市|天津市|重庆市))"
    r"(?P<city>.+?(?:市|自治州|地区|盟))?"
    r"(?P<county>.+?(?:区|县|旗|市))?(?P<rest>.*)$"
)


Result = TypeVar("Result")


class OnDuplicate(StrEnum):
    """What a repeated logisticsOrderNo does (EMS itself promises nothing)."""

    DEDUPLICATE = "dedupe"  # answer the waybill already created
    NEW_WAYBILL = "new_waybill"  # create a second waybill
    REJECT = "reject"  # business error B0101


@dataclass(frozen=True)
class FakeCall:
    operation: str
    arguments: dict[str, Any]


@dataclass
class _Failure:
    error: CarrierError
    after_commit: bool


@dataclass
class FakeCarrier:
    """Allocates 13-digit waybills, keeps orders and traces, fails on request."""

    on_duplicate: OnDuplicate = OnDuplicate.DEDUPLICATE
    unreachable_provinces: frozenset[str] = frozenset()
    next_serial: int = 1
    calls: list[FakeCall] = field(default_factory=list)
    orders: dict[str, list[CarrierBooking]] = field(default_factory=dict)
    events: dict[str, list[TraceEvent]] = field(default_factory=dict)
    _failures: list[_Failure] = field(default_factory=list)

    def fail_next(self, error: CarrierError, *, after_commit: bool = False) -> None:
        """Raise `error` on the next call; `after_commit` lets that call's work happen first."""
        self._failures.append(_Failure(error, after_commit))

    def add_event(self, waybill_no: str, op_code: str, op_time: datetime, **fields: str) -> None:
        """Make the carrier report a tracking event for the waybill."""
        event = TraceEvent(waybill_no=waybill_no, op_time=op_time, op_code=op_code, **fields)
        self.events.setdefault(waybill_no, []).append(event)

    def create_order(self, order: OrderRequest) -> CarrierBooking:
        self._begin("create_order", order=order)
        existing = self.orders.get(order.logistics_order_no, [])
        if existing and self.on_duplicate is OnDuplicate.DEDUPLICATE:
            return self._end(existing[0])
        if existing and self.on_duplicate is OnDuplicate.REJECT:
            raise CarrierBusinessError("该订单号已向邮政下过单（重复下单）", code="B0101")
        booking = self._allocate(order)
        self.orders.setdefault(order.logistics_order_no, []).append(booking)
        return self._end(booking)

    def cancel_order(self, logistics_order_no: str, waybill_no: str, reason: str) -> None:
        self._begin("cancel_order", logistics_order_no=logistics_order_no, waybill_no=waybill_no)
        bookings = self.orders.get(logistics_order_no, [])
        index = next((i for i, b in enumerate(bookings) if b.waybill_no == waybill_no), None)
        if index is None:
            raise CarrierBusinessError("邮政查无此订单或运单", code="B0102")
        if any(event.op_code == "203" for event in self.events.get(waybill_no, [])):
            raise CarrierBusinessError("邮件已被邮政收寄，不能再取消", code="B0103")
        bookings[index] = replace(bookings[index], cancelled=True)
        self._end(None)

    def query_order(self, logistics_order_no: str) -> list[CarrierBooking]:
        self._begin("query_order", logistics_order_no=logistics_order_no)
        return self._end(list(self.orders.get(logistics_order_no, [])))

    def query_trace(self, waybill_nos: list[str]) -> dict[str, list[TraceEvent]]:
        self._begin("query_trace", waybill_nos=list(waybill_nos))
        return self._end({no: list(self.events.get(no, [])) for no in waybill_nos})

    def parse_address(self, text: str) -> ParsedAddress:
        self._begin("parse_address", text=text)
        match = _ADDRESS.match(text.strip())
        if match is None or not match["rest"]:
            raise CarrierBusinessError("邮政无法识别该地址，请核对省市区和详细地址", code="B0105")
        prov = match["prov"]
        city = match["city"] or prov  # municipalities: 北京市北京市东城区
        county = match["county"] or ""
        return self._end(ParsedAddress(prov=prov, city=city, county=county, address=match["rest"]))

    def check_reachability(self, sender: CarrierParty, receiver: CarrierParty) -> bool:
        self._begin("check_reachability", sender=sender, receiver=receiver)
        return self._end(receiver.prov not in self.unreachable_provinces)

    def operations(self) -> list[str]:
        """Name the operations called so far, in order."""
        return [call.operation for call in self.calls]

    def _allocate(self, order: OrderRequest) -> CarrierBooking:
        waybill_no = f"11{self.next_serial:011d}"
        self.next_serial += 1
        return CarrierBooking(
            logistics_order_no=order.logistics_order_no,
            waybill_no=waybill_no,
            route_code="010-A01",
            package_code="10001",
            package_code_name=f"{order.receiver.city}集包",
            mark_destination_code="010",
            mark_destination_name=f"{order.receiver.prov} {order.receiver.city}",
        )

    def _begin(self, operation: str, **arguments: Any) -> None:
        self.calls.append(FakeCall(operation, arguments))
        if self._failures and not self._failures[0].after_commit:
            raise self._failures.pop(0).error

    def _end(self, result: Result) -> Result:
        """Raise a failure queued to strike after the work was done, else return `result`."""
        if self._failures and self._failures[0].after_commit:
            raise self._failures.pop(0).error
        return result
