"""Read a contract <trace> (QueryTrace reply or push) into the port's TraceEvent."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone

from courier.ports.carrier import TraceEvent

# EMS reports Beijing time; a time without an offset is read as such.
BEIJING = timezone(timedelta(hours=8))
_END_OF_DAY = re.compile(r"T24:00:00(?:\.0+)?")

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


def parse_op_time(text: str) -> datetime:
    """Read an xs:dateTime; 24:00:00 is the next midnight (XSD allows it, Python does not)."""
    text = text.strip()
    next_day = "T24" in text and _END_OF_DAY.search(text) is not None  # cheap test first
    moment = datetime.fromisoformat(_END_OF_DAY.sub("T00:00:00", text) if next_day else text)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=BEIJING)
    return moment + timedelta(days=1) if next_day else moment


def trace_event(waybill_no: str, values: Mapping[str, str]) -> TraceEvent:
    """Build the event from a trace's {local name: text}; raise ValueError for a bad opTime."""
    return TraceEvent(
        waybill_no=waybill_no,
        op_time=parse_op_time(values.get("opTime", "")),
        **{name: values.get(tag, "") for name, tag in TRACE_FIELDS.items()},
    )
