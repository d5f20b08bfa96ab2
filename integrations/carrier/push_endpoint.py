"""The tracking push endpoint (EMS 040002), free of any web framework."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from lxml import etree

from courier.ports.carrier import TraceEvent
from integrations.carrier.contract import PUSH_NS, PUSH_WSDL
from integrations.carrier.soapserver import (
    ContractSchema,
    FaultCode,
    SoapFault,
    build_fault,
    build_reply,
    read_request,
    served_wsdl,
)
from integrations.carrier.soapserver.xmlmap import as_dict, children, payload, text

log = logging.getLogger(__name__)

CredentialsCheck = Callable[[str, str], bool]
EventStore = Callable[[str, list[TraceEvent]], None]

# EMS reports local time; an opTime without offset is read as China Standard Time
CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")

TRACE_FIELDS = {
    "opCode": "op_code",
    "opName": "op_name",
    "opDesc": "op_desc",
    "opOrgProvName": "op_org_prov_name",
    "opOrgCity": "op_org_city",
    "opOrgCode": "op_org_code",
    "opOrgName": "op_org_name",
    "operatorName": "operator_name",
    "deliverCode": "deliver_code",
    "attemptDeliveryCode": "attempt_delivery_code",
}


@functools.cache
def _schema() -> ContractSchema:
    return ContractSchema.from_wsdl(PUSH_WSDL)


def _op_time(value: str) -> datetime:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=CHINA_STANDARD_TIME)


def trace_event(element: etree._Element) -> TraceEvent:
    """Convert one pushed <trace> element into the port's TraceEvent."""
    fields = as_dict(element)
    values = {attr: fields[name] for name, attr in TRACE_FIELDS.items() if name in fields}
    return TraceEvent(waybill_no=fields["waybillNo"], op_time=_op_time(fields["opTime"]), **values)


def _acknowledge(batch: etree._Element, store: EventStore) -> dict[str, object]:
    serial_no = text(batch, "serialNo")
    try:
        store(serial_no, [trace_event(trace) for trace in children(batch, "trace")])
    except Exception:
        log.exception("push batch %s was not stored", serial_no)
        return {"serialNo": serial_no, "success": False, "message": "not stored, send again"}
    return {"serialNo": serial_no, "success": True}


def _authenticate(username: str | None, password: str | None, ok: CredentialsCheck) -> None:
    if username is None or password is None or not ok(username, password):
        raise SoapFault(FaultCode.AUTHENTICATION, "authentication failed")


def _reply(body: bytes, credentials_ok: CredentialsCheck, store: EventStore) -> bytes:
    request = read_request(body, PUSH_NS)
    _authenticate(request.username, request.password, credentials_ok)
    if request.operation != "PushTrace":
        raise SoapFault(FaultCode.UNKNOWN_OPERATION, f"unknown operation {request.operation}")
    _schema().validate(request.payload)
    acks = [_acknowledge(batch, store) for batch in children(request.payload, "batch")]
    return build_reply(payload(PUSH_NS, "PushTraceResponse", {"ack": acks}))


def handle_push(
    body: bytes, credentials_ok: CredentialsCheck, store: EventStore
) -> tuple[int, bytes]:
    """Answer one PushTrace request: (HTTP status, SOAP response), storing batch by batch."""
    try:
        return 200, _reply(body, credentials_ok, store)
    except SoapFault as fault:
        log.info("push refused: %s", fault)
        return 500, build_fault(fault, PUSH_NS)


def push_wsdl(address: str) -> bytes:
    """Return the push WSDL with its soap:address set to `address`."""
    return served_wsdl(PUSH_WSDL, address)
