"""A record of every carrier call, with personal data and credentials redacted."""

from __future__ import annotations

import re

from lxml import etree

# The call record and its recorder port live in courier.ports; kept importable from here.
from courier.ports.call_log import CallOutcome as CallOutcome
from courier.ports.call_log import CallRecorder as CallRecorder
from courier.ports.call_log import CarrierCall as CarrierCall
from courier.ports.call_log import current_leg_reference as current_leg_reference
from courier.ports.call_log import leg_reference as leg_reference
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


class InMemoryCallRecorder:
    """Keep calls in a list (tests, tools)."""

    def __init__(self) -> None:
        self.calls: list[CarrierCall] = []

    def record(self, call: CarrierCall) -> None:
        self.calls.append(call)


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
