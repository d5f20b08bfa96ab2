"""Validate contract elements against the contract's XML Schema (client and servers alike)."""

from __future__ import annotations

import copy
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from integrations.carrier.soapserver.faults import FaultCode, SoapFault
from integrations.carrier.soapserver.namespaces import WSDL, XS
from integrations.carrier.soapserver.safexml import parse_trusted_file

_STEP = re.compile(r"^(?:[^:\[\]]+:)?([^\[\]]+)(?:\[\d+\])?$")
_ELEMENT = re.compile(r"^Element '(?:\{[^}]*\})?([^']+)'")


@dataclass(frozen=True)
class SchemaProblem:
    """The first schema violation: where (local names, dotted), which rule, libxml2's words.

    `message` quotes the offending value, which may be personal data: never log it as is.
    """

    path: str
    kind: str
    message: str
    line: int

    def __str__(self) -> str:
        return f"{self.message} (line {self.line})"


def _dotted(path: str, message: str) -> str:
    """Return the path as local names; libxml2 writes `*` for steps without a prefix."""
    steps = (_STEP.match(step) for step in path.strip("/").split("/") if step)
    names = [match.group(1) for match in steps if match]
    element = _ELEMENT.match(message)
    if names and names[-1] == "*" and element:
        names[-1] = element.group(1)  # the offending element, at least, by name
    return ".".join(name for name in names if name != "*")


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

    def problem(self, element: etree._Element) -> SchemaProblem | None:
        """Return the first way `element` breaks the contract, or None when it is valid."""
        with self._lock:
            if self._schema.validate(element):
                return None
            error = self._schema.error_log[0]
        path = _dotted(error.path or "", error.message)
        return SchemaProblem(path, error.type_name, error.message, error.line)

    def validate(self, element: etree._Element) -> None:
        """Raise a Client fault naming the first schema violation in `element`."""
        problem = self.problem(element)
        if problem is not None:
            raise SoapFault(FaultCode.INVALID, f"invalid request: {problem}")
