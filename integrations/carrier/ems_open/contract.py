"""Between the platform's JSON bodies and Courier's carrier contract (carrier.xsd).

The client checks each body against the contract's rules before sending it, as the SOAP
client does; the simulator's platform front lets its parcel engine answer the same payloads.
"""

from __future__ import annotations

import functools
from datetime import datetime
from typing import Any

from lxml import etree

from integrations.carrier.contract import CARRIER_NS, CARRIER_XSD
from integrations.carrier.ems_open.envelope import CHINA_STANDARD_TIME, TIMESTAMP_FORMAT
from integrations.carrier.soapserver import ContractSchema, FaultCode, SchemaProblem, SoapFault

# JSON objects have no order; the contract's sequences do. One order fits every request type.
FIELD_ORDER = (
    "logisticsOrderNo", "waybillNo", "cancelReason", "customerNo", "bizProductNo",
    "contentsAttribute", "weight", "insuranceFlag", "insuranceAmount", "paymentMode",
    "pickupType", "pickupStartTime", "pickupEndTime", "receiptFlag", "projectId", "remark",
    "sender", "receiver", "cargos", "cargo", "name", "mobile", "phone", "postCode", "prov",
    "city", "county", "address", "company", "cargoName", "cargoQuantity",
)  # fmt: skip
_RANK = {name: rank for rank, name in enumerate(FIELD_ORDER)}
_NS = f"{{{CARRIER_NS}}}"
_PLATFORM_TIMES = frozenset({"pickupStartTime", "pickupEndTime"})
REPLY_LISTS = frozenset({"waybill", "waybillTrace", "trace"})
REPLY_BOOLEANS = frozenset({"cancelled", "reachable"})


@functools.cache
def contract_schema() -> ContractSchema:
    """Compile the contract's schema once per process."""
    return ContractSchema.from_xsd(CARRIER_XSD)


def problem_of(operation: str, body: Any) -> SchemaProblem | None:
    """Return the first way a body breaks the contract's rules, or None when it keeps them."""
    try:
        return contract_schema().problem(request_payload(operation, body))
    except SoapFault as fault:  # not even the shape of a body (e.g. no waybill to trace)
        return SchemaProblem(operation, "SCHEMAV_ELEMENT_CONTENT", fault.message, 0)


def request_payload(operation: str, body: Any) -> etree._Element:
    """Return the contract payload of a platform body (an array); SoapFault if it is none."""
    if not isinstance(body, list) or not body or not all(isinstance(i, dict) for i in body):
        raise SoapFault(FaultCode.MALFORMED, "the body must be a JSON array of objects")
    if operation == "QueryTrace":
        fields: dict[str, Any] = {"waybillNo": [_scalar(i.get("waybillNo")) for i in body]}
    elif len(body) == 1:
        fields = _ordered(body[0])
    else:
        raise SoapFault(FaultCode.INVALID, "one object per call")
    # a prefix (not a default namespace) lets a schema problem name its field path
    root = etree.Element(f"{_NS}{operation}", nsmap={"c": CARRIER_NS})
    _fill(root, fields)
    return root


def _fill(parent: etree._Element, fields: dict[str, Any]) -> None:
    """Add `fields` under `parent`: lists repeat, None is left out (xmlmap's rules, faster)."""
    for name, value in fields.items():
        for item in value if isinstance(value, list) else (value,):
            if item is None:
                continue
            child = etree.SubElement(parent, _NS + name)
            if isinstance(item, dict):
                _fill(child, item)
            else:
                child.text = ("true" if item else "false") if isinstance(item, bool) else str(item)


def _ordered(fields: dict[str, Any]) -> dict[str, Any]:
    ranked = sorted(fields.items(), key=lambda item: _RANK.get(item[0], len(_RANK)))
    return {name: _value(name, value) for name, value in ranked}


def _value(name: str, value: Any) -> Any:
    if name == "cargos" and isinstance(value, list):
        return {"cargo": [_value("cargo", item) for item in value]}
    if isinstance(value, dict):
        return _ordered(value)
    if isinstance(value, list):
        return [_value(name, item) for item in value]
    if name in _PLATFORM_TIMES and isinstance(value, str):
        # the platform's "yyyy-MM-dd HH:mm:ss" is China time → xs:dateTime with its offset
        return value.replace(" ", "T", 1) + "+08:00"
    return _scalar(value)


def _scalar(value: Any) -> Any:
    return value if value is None or isinstance(value, bool) else str(value)


def reply_body(element: etree._Element) -> dict[str, Any]:
    """Return a contract reply payload as the platform's JSON object."""
    body: dict[str, Any] = {}
    for child in element:
        name = etree.QName(child).localname
        value = reply_body(child) if len(child) else _reply_text(name, child.text or "")
        if name in REPLY_LISTS:
            body.setdefault(name, []).append(value)
        else:
            body[name] = value
    return body


def _reply_text(name: str, text: str) -> Any:
    if name in REPLY_BOOLEANS:
        return text.strip() in ("true", "1")
    if name == "opTime":
        moment = datetime.fromisoformat(text)
        return moment.astimezone(CHINA_STANDARD_TIME).strftime(TIMESTAMP_FORMAT)
    return text
