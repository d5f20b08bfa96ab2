"""Read SOAP 1.1 request envelopes and write reply and Fault envelopes."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from integrations.carrier.soapserver.faults import FaultCode, SoapFault
from integrations.carrier.soapserver.safexml import parse_untrusted

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
PASSWORD_TEXT = (
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0"
    "#PasswordText"
)
_TOKEN = f"{{{SOAP_ENV}}}Header/{{{WSSE}}}Security/{{{WSSE}}}UsernameToken"


@dataclass(frozen=True)
class SoapRequest:
    """The parts of a request envelope a handler needs."""

    operation: str
    payload: etree._Element
    username: str | None
    password: str | None


def _malformed(message: str) -> SoapFault:
    return SoapFault(FaultCode.MALFORMED, message)


def _body_payload(envelope: etree._Element) -> etree._Element:
    if envelope.tag != f"{{{SOAP_ENV}}}Envelope":
        raise _malformed("not a SOAP 1.1 Envelope")
    body = envelope.find(f"{{{SOAP_ENV}}}Body")
    children = [] if body is None else [child for child in body if isinstance(child.tag, str)]
    if len(children) != 1:
        raise _malformed("SOAP Body must hold exactly one element")
    return children[0]


def _credentials(envelope: etree._Element) -> tuple[str | None, str | None]:
    token = envelope.find(_TOKEN)
    if token is None:
        return None, None
    password = token.find(f"{{{WSSE}}}Password")
    if password is not None and password.get("Type", PASSWORD_TEXT) != PASSWORD_TEXT:
        return token.findtext(f"{{{WSSE}}}Username"), None
    return token.findtext(f"{{{WSSE}}}Username"), None if password is None else password.text


def read_request(data: bytes, namespace: str) -> SoapRequest:
    """Parse `data` safely into the operation name, payload and UsernameToken credentials."""
    envelope = parse_untrusted(data)
    payload = _body_payload(envelope)
    qname = etree.QName(payload)
    if qname.namespace != namespace:
        raise SoapFault(FaultCode.UNKNOWN_OPERATION, f"unknown operation {payload.tag}")
    username, password = _credentials(envelope)
    return SoapRequest(qname.localname, payload, username, password)


def _envelope(content: etree._Element, header: etree._Element | None = None) -> bytes:
    envelope = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soap": SOAP_ENV})
    if header is not None:
        etree.SubElement(envelope, f"{{{SOAP_ENV}}}Header").append(header)
    etree.SubElement(envelope, f"{{{SOAP_ENV}}}Body").append(content)
    return bytes(etree.tostring(envelope, xml_declaration=True, encoding="UTF-8"))


def _security(username: str, password: str) -> etree._Element:
    security = etree.Element(f"{{{WSSE}}}Security", nsmap={"wsse": WSSE})
    token = etree.SubElement(security, f"{{{WSSE}}}UsernameToken")
    etree.SubElement(token, f"{{{WSSE}}}Username").text = username
    secret = etree.SubElement(token, f"{{{WSSE}}}Password", Type=PASSWORD_TEXT)
    secret.text = password
    return security


def build_request(payload: etree._Element, username: str, password: str) -> bytes:
    """Wrap a request payload in an envelope with a UsernameToken (PasswordText)."""
    return _envelope(payload, _security(username, password))


def build_reply(payload: etree._Element) -> bytes:
    """Wrap a reply payload in a SOAP envelope."""
    return _envelope(payload)


def build_fault(fault: SoapFault, namespace: str) -> bytes:
    """Build a SOAP 1.1 Fault whose detail is the contract's CarrierFault element."""
    element = etree.Element(f"{{{SOAP_ENV}}}Fault")
    etree.SubElement(element, "faultcode").text = f"soap:{fault.faultcode}"
    etree.SubElement(element, "faultstring").text = fault.message
    detail = etree.SubElement(element, "detail")
    carrier_fault = etree.SubElement(
        detail, f"{{{namespace}}}CarrierFault", nsmap={None: namespace}
    )
    for name, value in (
        ("code", fault.code),
        ("class", fault.fault_class),
        ("message", fault.message),
    ):
        etree.SubElement(carrier_fault, f"{{{namespace}}}{name}").text = str(value)
    return _envelope(element)
