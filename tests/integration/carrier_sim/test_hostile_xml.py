"""Hostile XML is refused before any file or network resource is read.

SOAP only: the EMS front reads a form and JSON, in which no entity or DTD can hide.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.integration.carrier_sim.conftest import Sim, fault_detail

ENVELOPE = (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
    '<soap:Body><QueryOrder xmlns="urn:courier:carrier:v1">'
    "<logisticsOrderNo>{value}</logisticsOrderNo>"
    "</QueryOrder></soap:Body></soap:Envelope>"
)


class Bait:
    """An HTTP server that records every request made to it."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        bait = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                bait.requests.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b'<!ENTITY stolen "LEAKED-BY-DTD">')

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"


@pytest.fixture
def bait() -> Iterator[Bait]:
    server = Bait()
    thread = threading.Thread(target=server.server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def post(sim: Sim, xml: str) -> tuple[int, dict[str, str], bytes]:
    response = sim.http.post(f"{sim.url}/carrier", data=xml.encode(), timeout=5)
    return response.status_code, fault_detail(response), response.content


def test_an_external_dtd_is_never_fetched(sim: Sim, bait: Bait):
    xml = f'<?xml version="1.0"?><!DOCTYPE x SYSTEM "{bait.url}/evil.dtd">' + ENVELOPE.format(
        value="&stolen;"
    )

    status, detail, body = post(sim, xml)

    assert (status, detail["faultcode"], detail["code"]) == (500, "soap:Client", "B0001")
    assert bait.requests == []
    assert b"LEAKED" not in body


def test_an_external_parameter_entity_is_never_fetched(sim: Sim, bait: Bait):
    dtd = f'<!DOCTYPE x [<!ENTITY % remote SYSTEM "{bait.url}/evil.dtd"> %remote;]>'
    _, detail, _ = post(sim, dtd + ENVELOPE.format(value="&stolen;"))

    assert detail["code"] == "B0001"
    assert bait.requests == []


def test_an_xxe_pointing_at_a_local_file_leaks_nothing(sim: Sim, tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    dtd = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'

    _, detail, body = post(sim, dtd + ENVELOPE.format(value="&xxe;"))

    assert detail["code"] == "B0001"
    assert b"TOP-SECRET" not in body


def test_an_xxe_over_http_is_never_fetched(sim: Sim, bait: Bait):
    dtd = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{bait.url}/steal">]>'

    _, detail, _ = post(sim, dtd + ENVELOPE.format(value="&xxe;"))

    assert detail["code"] == "B0001"
    assert bait.requests == []


def test_a_billion_laughs_is_refused(sim: Sim):
    entities = '<!ENTITY a "ha">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    _, detail, body = post(sim, f"<!DOCTYPE x [{entities}]>" + ENVELOPE.format(value="&j;"))

    assert detail["code"] == "B0001"
    assert len(body) < 2000


def signed(sim: Sim, value: str) -> str:
    """Return the envelope with the simulator's UsernameToken in its header."""
    token = (
        '<soap:Header><wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/'
        'oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken>'
        f"<wsse:Username>{sim.settings.username}</wsse:Username>"
        f"<wsse:Password>{sim.settings.password}</wsse:Password>"
        "</wsse:UsernameToken></wsse:Security></soap:Header>"
    )
    return ENVELOPE.format(value=value).replace("<soap:Body>", token + "<soap:Body>")


@pytest.mark.parametrize("depth", [100, 50_000])
def test_deep_nesting_is_refused(sim: Sim, depth: int):
    deep = "<a>" * depth + "</a>" * depth

    status, detail, _ = post(sim, signed(sim, deep))

    assert (status, detail["faultcode"], detail["code"]) == (500, "soap:Client", "B0001")


def test_a_deep_body_without_credentials_gets_the_authentication_fault(sim: Sim):
    deep = "<a>" * 50_000 + "</a>" * 50_000

    status, detail, _ = post(sim, ENVELOPE.format(value=deep))

    assert (status, detail["code"]) == (500, "B0003")  # the Body was not parsed at all


def test_a_malformed_body_with_wrong_credentials_gets_the_authentication_fault(sim: Sim):
    broken = signed(sim, "x").replace(sim.settings.password, "guess").replace("</soap:Body>", "")

    status, detail, _ = post(sim, broken)

    assert (status, detail["code"]) == (500, "B0003")


def test_an_oversized_body_is_refused_as_a_client_fault(sim: Sim):
    status, detail, _ = post(sim, ENVELOPE.format(value="x" * 2_000_000))

    assert (status, detail["faultcode"], detail["code"]) == (500, "soap:Client", "B0001")
