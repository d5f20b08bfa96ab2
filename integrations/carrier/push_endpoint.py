"""The tracking push protocol (EMS 040002): the `PushReader` port over SOAP, no web framework."""

from __future__ import annotations

import copy
import functools
from datetime import UTC
from typing import IO

from lxml import etree

from courier.ports.carrier import TraceEvent
from courier.ports.push import PushAck, PushedBatch, PushRefused, Refusal, UnreadableEvent
from integrations.carrier.contract import PUSH_NS, PUSH_WSDL
from integrations.carrier.soapserver import (
    ContractSchema,
    FaultCode,
    IncomingRequest,
    SoapFault,
    build_fault,
    build_reply,
    served_wsdl,
)
from integrations.carrier.soapserver.xmlmap import as_dict, children, payload, text
from integrations.carrier.traces import trace_event

REFUSAL_BY_FAULT: dict[str, Refusal] = {
    FaultCode.MALFORMED: Refusal.MALFORMED,
    FaultCode.INVALID: Refusal.INVALID,
    FaultCode.AUTHENTICATION: Refusal.UNAUTHENTICATED,
    FaultCode.UNKNOWN_OPERATION: Refusal.UNKNOWN_OPERATION,
}
FAULT_BY_REFUSAL: dict[Refusal, str] = {refusal: code for code, refusal in REFUSAL_BY_FAULT.items()}
# Tracking events outside these years are nonsense (year 1, 9999); stored, they would sort
# before or after every real event and move a leg to a state it never reached.
PLAUSIBLE_YEARS = range(2000, 2100)
_SERIAL = f"{{{PUSH_NS}}}serialNo"
# stands in for the traces of a batch whose traces were all set aside, to check the rest
_PLACEHOLDER_TRACE = payload(
    PUSH_NS,
    "trace",
    {"waybillNo": "1000000000000", "opTime": "2000-01-01T00:00:00", "opCode": "000"},
)


@functools.cache
def _schema() -> ContractSchema:
    return ContractSchema.from_wsdl(PUSH_WSDL)


def _refused(fault: SoapFault) -> PushRefused:
    return PushRefused(REFUSAL_BY_FAULT.get(fault.code, Refusal.MALFORMED), fault.message)


def _raw(trace: etree._Element) -> str:
    return str(etree.tostring(trace, encoding="unicode", with_tail=False))


def _read_trace(trace: etree._Element) -> tuple[TraceEvent | None, str]:
    """Return the trace's TraceEvent, or why it cannot be stored."""
    fields = as_dict(trace)
    try:
        event = trace_event(fields["waybillNo"], fields)
        year = event.op_time.astimezone(UTC).year
    except (KeyError, ValueError, OverflowError) as error:
        return None, f"opTime {fields.get('opTime', '')!r} unreadable: {error}"
    if year not in PLAUSIBLE_YEARS:
        return None, f"opTime {fields['opTime']!r} outside the years {PLAUSIBLE_YEARS.start}–2099"
    return event, ""


def _checked_alone(batch: etree._Element) -> etree._Element:
    """Return a PushTrace holding only a copy of `batch` (with a placeholder if it is empty)."""
    request = etree.Element(f"{{{PUSH_NS}}}PushTrace", nsmap={None: PUSH_NS})
    request.append(copy.deepcopy(batch))
    if not children(request[0], "trace"):
        request[0].append(copy.deepcopy(_PLACEHOLDER_TRACE))
    return request


def _trace_alone(trace: etree._Element) -> etree._Element:
    request = etree.Element(f"{{{PUSH_NS}}}PushTrace", nsmap={None: PUSH_NS})
    batch = etree.SubElement(request, f"{{{PUSH_NS}}}batch")
    etree.SubElement(batch, _SERIAL).text = "check"
    batch.append(copy.deepcopy(trace))
    return request


def _set_aside_invalid(batch: etree._Element) -> list[UnreadableEvent]:
    """Remove the traces that break the schema from `batch`; return them to be quarantined."""
    invalid = []
    for trace in children(batch, "trace"):
        problem = _schema().problem(_trace_alone(trace))
        if problem is not None:
            invalid.append(UnreadableEvent(_raw(trace), f"schema: {problem.path} {problem.kind}"))
            batch.remove(trace)
    _schema().validate(_checked_alone(batch))  # the rest of the batch must hold, or all is refused
    return invalid


def _set_aside_all_invalid(request: etree._Element) -> list[list[UnreadableEvent]]:
    """Return, batch by batch, the traces set aside; a valid request costs one validation."""
    batches = children(request, "batch")
    if _schema().problem(request) is None:
        return [[] for _ in batches]
    return [_set_aside_invalid(batch) for batch in batches]


def _batch(batch: etree._Element, unreadable: list[UnreadableEvent]) -> PushedBatch:
    events = []
    for trace in children(batch, "trace"):
        event, reason = _read_trace(trace)
        if event is None:
            unreadable.append(UnreadableEvent(_raw(trace), reason))
        else:
            events.append(event)
    return PushedBatch(text(batch, "serialNo"), tuple(events), tuple(unreadable))


class SoapPushRequest:
    """One PushTrace request whose UsernameToken has been read, and nothing after it."""

    def __init__(self, incoming: IncomingRequest) -> None:
        self._incoming = incoming
        self.username = incoming.username
        self.password = incoming.password

    @property
    def bytes_read(self) -> int:
        return self._incoming.bytes_read

    def batches(self) -> list[PushedBatch]:
        try:
            request = self._incoming.read(PUSH_NS)
            if request.operation != "PushTrace":
                raise SoapFault(
                    FaultCode.UNKNOWN_OPERATION, f"unknown operation {request.operation}"
                )
            set_aside = _set_aside_all_invalid(request.payload)
        except SoapFault as fault:
            raise _refused(fault) from None
        return [
            _batch(batch, invalid)
            for batch, invalid in zip(children(request.payload, "batch"), set_aside, strict=True)
        ]


class SoapPushReader:
    """The `PushReader` port over the push contract (push.wsdl)."""

    def open(self, stream: IO[bytes], length: int | None) -> SoapPushRequest:
        try:
            return SoapPushRequest(IncomingRequest(stream, length))
        except SoapFault as fault:
            raise _refused(fault) from None

    def reply(self, acks: list[PushAck]) -> bytes:
        fields = [
            {"serialNo": a.serial_no, "success": a.success, "message": a.message or None}
            for a in acks
        ]
        return build_reply(payload(PUSH_NS, "PushTraceResponse", {"ack": fields}))

    def refusal(self, refused: PushRefused) -> bytes:
        return build_fault(SoapFault(FAULT_BY_REFUSAL[refused.refusal], refused.message), PUSH_NS)

    def wsdl(self, address: str) -> bytes:
        """Return the push WSDL with its soap:address set to `address`."""
        return served_wsdl(PUSH_WSDL, address)
