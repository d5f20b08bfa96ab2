"""Read a carrier reply: parse it safely, raise its fault, check it against the contract."""

from __future__ import annotations

from lxml import etree

from courier.ports.carrier import CarrierError
from integrations.carrier.contract import CARRIER_NS
from integrations.carrier.soap.errors import (
    CarrierFault,
    error_from_fault,
    error_from_http_status,
    protocol_error,
)
from integrations.carrier.soapserver import SOAP_ENV, ContractSchema, UnsafeXml, parse_reply

_BODY = f"{{{SOAP_ENV}}}Body"
_FAULT = f"{{{SOAP_ENV}}}Fault"
_CARRIER_FAULT = f"{{{CARRIER_NS}}}CarrierFault"


def read_payload(
    body: bytes, status: int, operation: str, schema: ContractSchema | None
) -> etree._Element:
    """Return the reply element of `operation`, or raise the port error the reply stands for."""
    envelope = _envelope_or_error(body, status)
    soap_body = envelope.find(_BODY)
    if soap_body is None:
        raise _without_valid_fault(status, "no SOAP Body")
    fault = soap_body.find(_FAULT)
    if fault is not None:
        raise _error_from_fault_element(fault, status, schema)
    if status != 200:
        raise error_from_http_status(status)
    payload = soap_body[0] if len(soap_body) else None
    if payload is None or payload.tag != f"{{{CARRIER_NS}}}{operation}Response":
        raise protocol_error(f"expected {operation}Response")
    problem = schema.problem(payload) if schema is not None else None
    if problem:
        raise protocol_error(str(problem))
    return payload


def _envelope_or_error(body: bytes, status: int) -> etree._Element:
    if not body.strip():
        raise _without_valid_fault(status, "empty body")
    try:
        envelope = parse_reply(body)
    except etree.XMLSyntaxError as exc:
        raise _without_valid_fault(status, f"malformed XML ({exc.msg})") from None
    except UnsafeXml:
        raise protocol_error("XML with a DTD refused") from None
    if envelope.tag != f"{{{SOAP_ENV}}}Envelope":
        raise _without_valid_fault(status, "not a SOAP 1.1 envelope")
    return envelope


def _error_from_fault_element(
    fault: etree._Element, status: int, schema: ContractSchema | None
) -> CarrierError:
    detail = fault.find(f"detail/{_CARRIER_FAULT}")
    if detail is None or (schema is not None and schema.problem(detail)):
        return _without_valid_fault(status, "SOAP fault without a CarrierFault detail")
    return error_from_fault(
        CarrierFault(
            code=detail.findtext(f"{{{CARRIER_NS}}}code", ""),
            fault_class=detail.findtext(f"{{{CARRIER_NS}}}class", ""),
            message=detail.findtext(f"{{{CARRIER_NS}}}message", ""),
        )
    )


def _without_valid_fault(status: int, reason: str) -> CarrierError:
    """A 5xx without a valid fault leaves the outcome unknown; otherwise the reply is bad."""
    return error_from_http_status(status) if status >= 500 else protocol_error(reason)
