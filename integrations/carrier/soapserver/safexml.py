"""Parse untrusted XML: no DTD, no entities, no network, capped in size and depth.

Two parsers on purpose. Requests to our servers come from anyone: they are read as a
stream, chunk by chunk, counting bytes and depth as they come, so that a hostile or
unauthenticated message costs little (see `incoming`). Replies to our client come from
the carrier we called, already capped in size by the transport: they are parsed in one
go by a per-thread parser, which is several times faster on the hot booking path.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from typing import IO

from lxml import etree

from integrations.carrier.soapserver.faults import FaultCode, SoapFault

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
CHUNK = 8 * 1024
_HARDENED = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}
_local = threading.local()  # lxml parsers must not be shared between threads


class UnsafeXml(Exception):
    """The document declares a DTD (XXE, entity expansion): refused without resolving it."""


class _RefuseResolver(etree.Resolver):  # type: ignore[misc]
    """Refuse every external resource, should libxml2 ever ask for one."""

    def resolve(self, system_url: str, public_id: str, context: object) -> None:
        raise refuse(f"external resource refused: {system_url}")


def refuse(message: str) -> SoapFault:
    return SoapFault(FaultCode.MALFORMED, message)


def _has_dtd(element: etree._Element) -> bool:
    docinfo = element.getroottree().docinfo
    return (
        bool(docinfo.doctype)
        or docinfo.internalDTD is not None
        or (docinfo.externalDTD is not None)
    )


class StreamingParser:
    """Feed a request chunk by chunk, refusing it as soon as it is too big, deep or has a DTD."""

    def __init__(self, stream: IO[bytes], max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH):
        self._stream = stream
        self._max_bytes = max_bytes
        self._max_depth = max_depth
        self._parser = etree.XMLPullParser(events=("start", "end"), **_HARDENED)
        self._parser.resolvers.add(_RefuseResolver())
        self._depth = 0
        self.bytes_read = 0
        self.root: etree._Element | None = None
        self.broken: str | None = None  # why the document is not well-formed, once known

    def events(self) -> Iterator[tuple[str, etree._Element]]:
        """Yield parse events as the stream is read; stop reading when the caller stops."""
        yield from self._checked(self._parser.read_events())  # left over from the last call
        while self.broken is None:
            chunk = self._stream.read(min(CHUNK, self._max_bytes + 1 - self.bytes_read))
            if not chunk:
                return
            self.bytes_read += len(chunk)
            if self.bytes_read > self._max_bytes:
                raise refuse(f"message larger than {self._max_bytes} bytes")
            try:
                self._parser.feed(chunk)
            except etree.XMLSyntaxError as error:
                # the events before the error still count (credentials come before a bad Body)
                self.broken = f"not well-formed XML: {error.msg}"
            yield from self._checked(self._parser.read_events())

    def _checked(
        self, events: Iterator[tuple[str, etree._Element]]
    ) -> Iterator[tuple[str, etree._Element]]:
        for event, element in events:
            if self.root is None:
                self.root = element
                if _has_dtd(element):
                    raise refuse("DTDs are not allowed in SOAP messages")
            self._depth += 1 if event == "start" else -1
            if self._depth > self._max_depth:
                raise refuse(f"XML nested deeper than {self._max_depth} levels")
            yield event, element

    def close(self) -> etree._Element:
        """Read the rest and return the root element, or raise a Client fault."""
        for _ in self.events():
            pass
        if self.broken is not None:
            raise refuse(self.broken)
        if self.bytes_read == 0:
            raise refuse("empty message")
        try:
            root = self._parser.close()
        except etree.XMLSyntaxError as error:
            raise refuse(f"not well-formed XML: {error.msg}") from None
        if _has_dtd(root):
            raise refuse("DTDs are not allowed in SOAP messages")
        return root


def parse_untrusted(
    data: bytes, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH
) -> etree._Element:
    """Return the root element of `data`, or raise a Client fault for anything hostile."""
    if len(data) > max_bytes:
        raise refuse(f"message larger than {max_bytes} bytes")
    if not data.strip():
        raise refuse("empty message")
    return StreamingParser(io.BytesIO(data), max_bytes, max_depth).close()


def parse_reply(body: bytes) -> etree._Element:
    """Parse a reply to our own call in one go; raise UnsafeXml for a DTD, XMLSyntaxError else."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.XMLParser(**_HARDENED)
    root = etree.fromstring(body, parser=parser)
    if _has_dtd(root):
        raise UnsafeXml()
    return root


def parse_trusted_file(path: str) -> etree._ElementTree:
    """Parse one of our own contract files with the same hardened settings."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(path, parser)
