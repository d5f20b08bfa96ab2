"""Validate request payloads against the contract's XML Schema."""

from __future__ import annotations

import copy
import threading
from pathlib import Path

from lxml import etree

from integrations.carrier.soapserver.faults import FaultCode, SoapFault
from integrations.carrier.soapserver.safexml import parse_trusted_file

XS = "http://www.w3.org/2001/XMLSchema"
WSDL = "http://schemas.xmlsoap.org/wsdl/"


class ContractSchema:
    """A compiled schema; validation is serialised because lxml keeps one error log."""

    def __init__(self, schema_root: etree._Element) -> None:
        self._schema = etree.XMLSchema(schema_root)
        self._lock = threading.Lock()

    @classmethod
    def from_xsd(cls, path: Path) -> ContractSchema:
        return cls(parse_trusted_file(str(path)).getroot())

    @classmethod
    def from_wsdl(cls, path: Path) -> ContractSchema:
        """Compile the schema inlined in a WSDL's types section."""
        inline = parse_trusted_file(str(path)).find(f"{{{WSDL}}}types/{{{XS}}}schema")
        if inline is None:
            raise ValueError(f"{path} has no inline schema")
        # QName attribute values (type="tns:…") need the WSDL's prefixes declared on the root
        root = etree.Element(inline.tag, dict(inline.attrib), nsmap=inline.nsmap)
        root.extend(copy.deepcopy(child) for child in inline)
        return cls(root)

    def validate(self, payload: etree._Element) -> None:
        """Raise a Client fault naming the first schema violation in `payload`."""
        with self._lock:
            if self._schema.validate(payload):
                return
            error = self._schema.error_log.last_error
        raise SoapFault(FaultCode.INVALID, f"invalid request: {error.message} (line {error.line})")
