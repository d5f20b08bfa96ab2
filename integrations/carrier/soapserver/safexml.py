"""Parse untrusted XML: no DTD, no entities, no network, capped in size and depth."""

from __future__ import annotations

from lxml import etree

from integrations.carrier.soapserver.faults import FaultCode, SoapFault

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
_CHUNK = 64 * 1024


class _RefuseResolver(etree.Resolver):  # type: ignore[misc]
    """Refuse every external resource, should libxml2 ever ask for one."""

    def resolve(self, system_url: str, public_id: str, context: object) -> None:
        raise _refuse(f"external resource refused: {system_url}")


def _parser() -> etree.XMLPullParser:
    parser = etree.XMLPullParser(
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    parser.resolvers.add(_RefuseResolver())
    return parser


def _refuse(message: str) -> SoapFault:
    return SoapFault(FaultCode.MALFORMED, message)


def _feed(parser: etree.XMLPullParser, data: bytes, max_depth: int) -> None:
    """Feed in chunks so that a too-deep document is refused before it is fully built."""
    depth = 0
    for start in range(0, len(data), _CHUNK):
        parser.feed(data[start : start + _CHUNK])
        for event, _ in parser.read_events():
            depth += 1 if event == "start" else -1
            if depth > max_depth:
                raise _refuse(f"XML nested deeper than {max_depth} levels")


def parse_untrusted(
    data: bytes, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH
) -> etree._Element:
    """Return the root element of `data`, or raise a Client fault for anything hostile."""
    if len(data) > max_bytes:
        raise _refuse(f"message larger than {max_bytes} bytes")
    if not data.strip():
        raise _refuse("empty message")
    parser = _parser()
    try:
        _feed(parser, data, max_depth)
        root = parser.close()
    except etree.XMLSyntaxError as error:
        raise _refuse(f"not well-formed XML: {error.msg}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise _refuse("DTDs are not allowed in SOAP messages")
    return root


def parse_trusted_file(path: str) -> etree._ElementTree:
    """Parse one of our own contract files with the same hardened settings."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(path, parser)
