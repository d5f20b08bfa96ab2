"""Read a SOAP request header first: credentials are known before the Body is parsed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from lxml import etree

from integrations.carrier.soapserver.faults import FaultCode, SoapFault
from integrations.carrier.soapserver.namespaces import PASSWORD_TEXT, SOAP_ENV, WSSE
from integrations.carrier.soapserver.safexml import MAX_BYTES, StreamingParser, refuse

_ENVELOPE = f"{{{SOAP_ENV}}}Envelope"
_HEADER = f"{{{SOAP_ENV}}}Header"
_BODY = f"{{{SOAP_ENV}}}Body"
_TOKEN = f"{_HEADER}/{{{WSSE}}}Security/{{{WSSE}}}UsernameToken"
# A UsernameToken header takes well under 1 KB; what is read before the caller is known
# must stay small whatever the sender puts in front of its Body.
MAX_HEADER_BYTES = 32 * 1024


@dataclass(frozen=True)
class SoapRequest:
    """The parts of a request envelope a handler needs."""

    operation: str
    payload: etree._Element
    username: str | None
    password: str | None


class IncomingRequest:
    """A request whose header has been read; `read` parses the rest (after authentication)."""

    def __init__(
        self, stream: IO[bytes], length: int | None = None, max_bytes: int = MAX_BYTES
    ) -> None:
        if length is not None and length > max_bytes:
            raise refuse(f"message larger than {max_bytes} bytes")
        self._parser = StreamingParser(stream, max_bytes)
        self.username, self.password = self._read_header()

    @property
    def bytes_read(self) -> int:
        """Say how much of the stream has been read so far."""
        return self._parser.bytes_read

    def _read_header(self) -> tuple[str | None, str | None]:
        for event, element in self._parser.events():
            if element.tag != _ENVELOPE and element is self._parser.root:
                raise refuse("not a SOAP 1.1 Envelope")
            if (event, element.tag) in (("end", _HEADER), ("start", _BODY)):
                return _credentials(element.getparent())
            if self._parser.bytes_read > MAX_HEADER_BYTES:
                raise refuse(f"SOAP Header larger than {MAX_HEADER_BYTES} bytes")
        if self._parser.broken is not None:
            raise refuse(self._parser.broken)
        raise refuse("SOAP Body missing" if self._parser.bytes_read else "empty message")

    def read(self, namespace: str) -> SoapRequest:
        """Parse the Body: the operation (in `namespace`) and its payload."""
        payload = _body_payload(self._parser.close())
        qname = etree.QName(payload)
        if qname.namespace != namespace:
            raise SoapFault(FaultCode.UNKNOWN_OPERATION, f"unknown operation {payload.tag}")
        return SoapRequest(qname.localname, payload, self.username, self.password)


def _body_payload(envelope: etree._Element) -> etree._Element:
    body = envelope.find(_BODY)
    children = [] if body is None else [child for child in body if isinstance(child.tag, str)]
    if len(children) != 1:
        raise refuse("SOAP Body must hold exactly one element")
    return children[0]


def _credentials(envelope: etree._Element | None) -> tuple[str | None, str | None]:
    token = None if envelope is None else envelope.find(_TOKEN)
    if token is None:
        return None, None
    username = token.findtext(f"{{{WSSE}}}Username")
    password = token.find(f"{{{WSSE}}}Password")
    if password is None or password.get("Type", PASSWORD_TEXT) != PASSWORD_TEXT:
        return username, None
    return username, password.text
