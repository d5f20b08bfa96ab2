"""Write SOAP 1.1 envelopes: requests with a UsernameToken, replies and Faults."""

from __future__ import annotations

from lxml import etree

from integrations.carrier.soapserver.faults import SoapFault
from integrations.carrier.soapserver.namespaces import PASSWORD_TEXT, SOAP_ENV, WSSE


def _envelope(content: etree._Element, header: etree._Element | None = None) -> bytes:
    envelope = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soap": SOAP_ENV})
    if header is not None:
        etree.SubElement(envelope, f"{{{SOAP_ENV}}}Header").append(header)
    etree.SubElement(envelope, f"{{{SOAP_ENV}}}Body").append(content)
    return bytes(etree.tostring(envelope, xml_declaration=True, encoding="UTF-8"))


def security_header(username: str, password: str) -> etree._Element:
    """Build the WS-Security header block: a UsernameToken with a PasswordText."""
    security = etree.Element(f"{{{WSSE}}}Security", nsmap={"wsse": WSSE})
    token = etree.SubElement(security, f"{{{WSSE}}}UsernameToken")
    etree.SubElement(token, f"{{{WSSE}}}Username").text = username
    secret = etree.SubElement(token, f"{{{WSSE}}}Password", Type=PASSWORD_TEXT)
    secret.text = password
    return security


def build_request(payload: etree._Element, username: str, password: str) -> bytes:
    """Wrap a request payload in an envelope with a UsernameToken (PasswordText)."""
    return _envelope(payload, security_header(username, password))


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
