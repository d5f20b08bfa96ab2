"""The post counter of the demo: one parcel shown as already carried, without the carrier.

The embedded carrier simulator only answers once the server listens, after the demo is
seeded; a demo case that is past its originals' arrival needs its waybill before that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from courier.ports.carrier import (
    CarrierBooking,
    CarrierParty,
    CarrierUnavailable,
    OrderRequest,
    ParsedAddress,
    TraceEvent,
)

NOT_HERE = "演示数据的寄递记录只在载入时生成，不能在此查询或取消。"


@dataclass(frozen=True)
class CarriedParcel:
    """Book one order under a known waybill and tell its journey, from posting to delivery."""

    waybill_no: str
    destination: str  # the destination marking (大头笔) of the label
    posted_at: str  # the post office that accepted the parcel
    delivered_by: str  # the delivery office

    def create_order(self, order: OrderRequest) -> CarrierBooking:
        return CarrierBooking(
            order.logistics_order_no, self.waybill_no, mark_destination_name=self.destination
        )

    def journey(self, at: datetime) -> list[TraceEvent]:
        """Return the acceptance (203) and the delivery, signed by the addressee (704)."""
        return [
            TraceEvent(self.waybill_no, at, "203", "收寄", "已收寄", op_org_name=self.posted_at),
            TraceEvent(
                self.waybill_no, at, "704", "妥投", "已签收", op_org_name=self.delivered_by,
                deliver_code="10",
            ),
        ]  # fmt: skip

    def cancel_order(self, logistics_order_no: str, waybill_no: str, reason: str) -> None:
        raise CarrierUnavailable(NOT_HERE)

    def query_order(self, logistics_order_no: str) -> list[CarrierBooking]:
        raise CarrierUnavailable(NOT_HERE)

    def query_trace(self, waybill_nos: list[str]) -> dict[str, list[TraceEvent]]:
        raise CarrierUnavailable(NOT_HERE)

    def parse_address(self, text: str) -> ParsedAddress:
        raise CarrierUnavailable(NOT_HERE)

    def check_reachability(self, sender: CarrierParty, receiver: CarrierParty) -> bool:
        raise CarrierUnavailable(NOT_HERE)
