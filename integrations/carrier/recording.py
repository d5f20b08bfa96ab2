"""A record of every carrier call, with personal data and credentials redacted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from lxml import etree

from integrations.carrier.soapserver import UnsafeXml, parse_reply

REDACTED = "***"
MAX_RECORDED_CHARS = 64_000

# Local names of elements whose text is personal data or a credential.
REDACTED_ELEMENTS = frozenset(
    {
        "name",
        "mobile",
        "phone",
        "address",
        "company",
        "postCode",
        "text",
        "addressText",
        "Username",
        "Password",
        "Nonce",
    }
)
# Mobiles (1 + 10 digits) and landlines (0 + area code + number), not inside longer digit runs.
# Starting with a character class lets the regex engine skip ahead fast (about 10x).
_PHONE_LIKE = re.compile(r"[01](?<!\d[01])(?:\d{10}|\d{2,3}-?\d{7,8})(?!\d)")
_PERSONAL_TAGS = tuple(f"{{*}}{name}" for name in sorted(REDACTED_ELEMENTS))


_leg_reference: ContextVar[str] = ContextVar("carrier_leg_reference", default="")


class CallOutcome(StrEnum):
    OK = "ok"
    BUSINESS_ERROR = "business_error"
    UNAVAILABLE = "unavailable"
    OUTCOME_UNKNOWN = "outcome_unknown"
    PROTOCOL_ERROR = "protocol_error"


@dataclass(frozen=True)
class CarrierCall:
    """One call to the carrier as it is kept for audit and support."""

    operation: str
    started_at: datetime
    duration_ms: int
    outcome: CallOutcome
    logistics_order_no: str = ""
    waybill_no: str = ""
    leg_reference: str = ""
    error_code: str = ""
    error_message: str = ""
    request_xml: str = ""
    response_xml: str = ""


class CallRecorder(Protocol):
    def record(self, call: CarrierCall) -> None: ...


class InMemoryCallRecorder:
    """Keep calls in a list (tests, tools)."""

    def __init__(self) -> None:
        self.calls: list[CarrierCall] = []

    def record(self, call: CarrierCall) -> None:
        self.calls.append(call)


@contextmanager
def leg_reference(reference: str) -> Iterator[None]:
    """Tag the carrier calls made inside this block with the leg they are for."""
    token = _leg_reference.set(reference)
    try:
        yield
    finally:
        _leg_reference.reset(token)


def current_leg_reference() -> str:
    return _leg_reference.get()


def redact_text(text: str) -> str:
    """Mask phone numbers in free text (fault messages, event descriptions)."""
    return _PHONE_LIKE.sub(REDACTED, text)


def redact_xml(body: bytes) -> str:
    """Return the XML with personal data and credentials masked; withhold it if it won't parse."""
    if not body:
        return ""
    try:
        root = parse_reply(body)
    except etree.XMLSyntaxError:
        return f"[unparseable XML withheld: {len(body)} bytes]"
    except UnsafeXml:
        return f"[XML with a DTD withheld: {len(body)} bytes]"
    _redact_tree(root)
    # phone numbers in free text (event descriptions, messages): masked on the serialised text
    text = redact_text(etree.tostring(root, encoding="unicode"))
    return text if len(text) <= MAX_RECORDED_CHARS else text[:MAX_RECORDED_CHARS] + "…[truncated]"


def _redact_tree(root: etree._Element) -> None:
    for element in root.iter(*_PERSONAL_TAGS):
        element.text = REDACTED
        for child in list(element):
            element.remove(child)
