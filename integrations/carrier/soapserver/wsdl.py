"""Serve a contract WSDL self-contained, with the caller's endpoint address."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from integrations.carrier.soapserver.namespaces import SOAP_BINDING, WSDL, XS
from integrations.carrier.soapserver.safexml import parse_trusted_file


def _inline_imports(types: etree._Element, directory: Path) -> None:
    """Replace wrapper schemas that only import sibling files by those files' schemas."""
    for wrapper in types.findall(f"{{{XS}}}schema"):
        imports = wrapper.findall(f"{{{XS}}}import[@schemaLocation]")
        if not imports or len(wrapper) != len(imports):
            continue
        for imported in imports:
            location = directory / Path(imported.get("schemaLocation", "")).name
            wrapper.addprevious(parse_trusted_file(str(location)).getroot())
        types.remove(wrapper)


def served_wsdl(path: Path, address: str) -> bytes:
    """Return the WSDL at `path` with imports inlined and every soap:address set to `address`."""
    document = parse_trusted_file(str(path))
    for types in document.getroot().findall(f"{{{WSDL}}}types"):
        _inline_imports(types, path.parent)
    for location in document.getroot().iter(f"{{{SOAP_BINDING}}}address"):
        location.set("location", address)
    return bytes(etree.tostring(document, xml_declaration=True, encoding="UTF-8"))
