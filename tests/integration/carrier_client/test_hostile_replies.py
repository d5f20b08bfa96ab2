"""Hostile XML replies from a server we control, refused by the client without side effects.

SOAP only: entities, DTDs and XML bombs exist only in XML; the EMS open platform client's
hostile JSON replies are in test_ems_open_hostile_replies.py.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from courier.ports.carrier import CarrierOutcomeUnknown, CarrierProtocolError
from integrations.carrier.soap.client import SoapCarrier
from tests.integration.carrier_client.conftest import serving

pytestmark = pytest.mark.services

ENVELOPE = (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
    '<ParseAddressResponse xmlns="urn:courier:carrier:v1"><prov>{prov}</prov><city>杭州市</city>'
    "<county>西湖区</county><address>保俶路</address></ParseAddressResponse></soap:Body>"
    "</soap:Envelope>"
)
LAUGHS = "".join(
    f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' if n else '<!ENTITY lol0 "lol">' for n in range(10)
)


class HostileServer:
    """Answer each path with a fixed body; count hits on /canary (fetches that must not happen)."""

    def __init__(self) -> None:
        self.replies: dict[str, Callable[[], Iterator[bytes]]] = {}
        self.lengths: dict[str, int] = {}
        self.canary_hits = 0
        self.streamed = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
        path = environ["PATH_INFO"]
        if path.startswith("/canary"):
            self.canary_hits += 1
        reply = self.replies.get(path, lambda: iter([b""]))
        headers = [("Content-Type", "text/xml; charset=utf-8")]
        if path in self.lengths:
            headers.append(("Content-Length", str(self.lengths[path])))
        start_response("200 OK", headers)
        return reply()

    def answer(self, path: str, body: str) -> None:
        data = body.encode()
        self.lengths[path] = len(data)
        self.replies[path] = lambda: iter([data])

    def stream(self, path: str, chunk: bytes, chunks: int) -> None:
        def generate() -> Iterator[bytes]:
            for _ in range(chunks):
                self.streamed += len(chunk)
                yield chunk

        self.replies[path] = generate


@pytest.fixture
def hostile() -> Iterator[tuple[HostileServer, str]]:
    server = HostileServer()
    with serving(server) as url:
        yield server, url


class FifoWatch:
    """A named pipe that notices if anyone opens it for reading (a local file XXE)."""

    def __init__(self, path: Path) -> None:
        os.mkfifo(path)
        self.path, self.opened, self._stop = path, False, threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            try:
                os.close(os.open(self.path, os.O_WRONLY | os.O_NONBLOCK))
                self.opened = True
            except OSError:  # ENXIO: no reader, as it should be
                time.sleep(0.005)

    def stop(self) -> bool:
        self._stop.set()
        self._thread.join(2)
        return self.opened


def refuses(connect: Callable[..., SoapCarrier], url: str, reason: str) -> None:
    carrier = connect(url)
    started = time.monotonic()
    with pytest.raises(CarrierProtocolError, match=reason):
        carrier.parse_address("浙江省杭州市西湖区保俶路88号")
    assert time.monotonic() - started < 2


def test_plain_reply_from_the_hostile_server_is_read(
    connect: Callable[..., SoapCarrier], hostile: tuple[HostileServer, str]
) -> None:
    server, url = hostile
    server.answer("/plain", ENVELOPE.format(prov="浙江省"))
    assert connect(f"{url}/plain").parse_address("x").prov == "浙江省"


def test_external_entity_to_a_local_file_is_never_opened(
    connect: Callable[..., SoapCarrier], hostile: tuple[HostileServer, str], tmp_path: Path
) -> None:
    server, url = hostile
    watch = FifoWatch(tmp_path / "secret")
    doctype = f'<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file://{watch.path}">]>'
    server.answer("/xxe", doctype + ENVELOPE.format(prov="&xxe;"))
    refuses(connect, f"{url}/xxe", "DTD")
    assert watch.stop() is False


def test_external_entity_and_parameter_entity_over_http_are_never_fetched(
    connect: Callable[..., SoapCarrier], hostile: tuple[HostileServer, str]
) -> None:
    server, url = hostile
    doctype = (
        f'<!DOCTYPE soap:Envelope [<!ENTITY % remote SYSTEM "{url}/canary/p.dtd"> %remote;'
        f'<!ENTITY xxe SYSTEM "{url}/canary/x">]>'
    )
    server.answer("/xxe-http", doctype + ENVELOPE.format(prov="&xxe;"))
    refuses(connect, f"{url}/xxe-http", "DTD")
    assert server.canary_hits == 0


def test_external_dtd_is_never_fetched(
    connect: Callable[..., SoapCarrier], hostile: tuple[HostileServer, str]
) -> None:
    server, url = hostile
    doctype = f'<!DOCTYPE soap:Envelope SYSTEM "{url}/canary/evil.dtd">'
    server.answer("/dtd", doctype + ENVELOPE.format(prov="浙江省"))
    refuses(connect, f"{url}/dtd", "DTD")
    assert server.canary_hits == 0


def test_billion_laughs_is_refused_quickly(
    connect: Callable[..., SoapCarrier], hostile: tuple[HostileServer, str]
) -> None:
    server, url = hostile
    server.answer(
        "/laughs", f"<!DOCTYPE soap:Envelope [{LAUGHS}]>" + ENVELOPE.format(prov="&lol9;")
    )
    refuses(connect, f"{url}/laughs", "DTD|amplification")


def test_deeply_nested_reply_is_refused(
    connect: Callable[..., SoapCarrier], hostile: tuple[HostileServer, str]
) -> None:
    server, url = hostile
    server.answer("/deep", ENVELOPE.format(prov="<a>" * 50_000 + "</a>" * 50_000))
    refuses(connect, f"{url}/deep", "malformed XML")


def test_oversized_reply_is_refused_without_reading_it_all(
    connect: Callable[..., SoapCarrier], hostile: tuple[HostileServer, str]
) -> None:
    server, url = hostile
    server.stream("/huge", b"<a>" + b" " * 65_533, chunks=800)  # about 50 MiB, no length
    with pytest.raises(CarrierProtocolError) as caught:
        connect(f"{url}/huge", max_response_bytes=1_000_000).parse_address("x")
    assert caught.value.code == "TOO_LARGE"
    assert server.streamed < 20 * 1024 * 1024


def test_reply_announcing_a_length_over_the_cap_is_refused_before_reading(
    connect: Callable[..., SoapCarrier], hostile: tuple[HostileServer, str]
) -> None:
    server, url = hostile
    server.answer("/long", ENVELOPE.format(prov="浙江省" * 1000))
    with pytest.raises(CarrierProtocolError) as caught:
        connect(f"{url}/long", max_response_bytes=2_000).parse_address("x")
    assert caught.value.code == "TOO_LARGE"


def test_reply_trickling_past_the_read_timeout_leaves_the_outcome_unknown(
    connect: Callable[..., SoapCarrier], hostile: tuple[HostileServer, str]
) -> None:
    server, url = hostile

    def trickle() -> Iterator[bytes]:
        for _ in range(20):
            time.sleep(0.2)  # each read is within the timeout, the whole reply is not
            yield b" "

    server.replies["/slow"] = trickle
    started = time.monotonic()
    with pytest.raises(CarrierOutcomeUnknown) as caught:
        connect(f"{url}/slow", read_timeout=0.5).parse_address("x")
    assert caught.value.code == "READ_TIMEOUT"
    assert time.monotonic() - started < 2
