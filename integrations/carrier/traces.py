"""Read a contract <trace> (QueryTrace reply or push) into the port's TraceEvent."""

from __future__ import annotations

from collections.abc import Mapping

from courier.ports.carrier import TraceEvent
from tracking import parse_op_time

__all__ = ["TRACE_FIELDS", "parse_op_time", "trace_event"]

TRACE_FIELDS = {
    "op_code": "opCode",
    "op_name": "opName",
    "op_desc": "opDesc",
    "op_org_prov_name": "opOrgProvName",
    "op_org_city": "opOrgCity",
    "op_org_code": "opOrgCode",
    "op_org_name": "opOrgName",
    "operator_name": "operatorName",
    "deliver_code": "deliverCode",
    "attempt_delivery_code": "attemptDeliveryCode",
}


def trace_event(waybill_no: str, values: Mapping[str, str]) -> TraceEvent:
    """Build the event from a trace's {local name: text}; raise ValueError for a bad opTime."""
    return TraceEvent(
        waybill_no=waybill_no,
        op_time=parse_op_time(values.get("opTime", "")),
        **{name: values.get(tag, "") for name, tag in TRACE_FIELDS.items()},
    )
