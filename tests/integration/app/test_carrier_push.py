"""Courier's /carrier/push endpoint: authenticated, acknowledged only once stored."""

from __future__ import annotations

import io

from flask.testing import FlaskClient
from lxml import etree

from courier.bootstrap import Courier
from integrations.carrier.contract import PUSH_NS
from integrations.carrier.soapserver import build_request
from integrations.carrier.soapserver.xmlmap import payload
from tests.integration.app.conftest import basic

XML = {"Content-Type": "text/xml; charset=utf-8"}


def event(waybill_no: str, code: str = "203", at: str = "2026-11-26T10:00:00+08:00") -> dict:
    return {"waybillNo": waybill_no, "opTime": at, "opCode": code, "opName": "收寄"}


def push(batches: list[dict], password: str = "carrier-dev") -> bytes:
    return build_request(payload(PUSH_NS, "PushTrace", {"batch": batches}), "carrier", password)


def acks(reply: bytes) -> list[tuple[str | None, str | None]]:
    found = etree.fromstring(reply).iter(f"{{{PUSH_NS}}}ack")
    ns = f"{{{PUSH_NS}}}"
    return [(a.findtext(f"{ns}serialNo"), a.findtext(f"{ns}success")) for a in found]


def stored(wired: Courier, waybill_no: str) -> list[str]:
    with wired.uow() as uow:
        return [e.op_code for e in uow.tracking.events_for(waybill_no)]


def test_batches_are_stored_then_acknowledged_and_repeats_stored_once(
    client: FlaskClient, wired: Courier
) -> None:
    later = event("1151238971060", "954", "2026-11-26T12:00:00+08:00")
    body = push(
        [
            {"serialNo": "P1", "trace": [event("1151238971060")]},
            {"serialNo": "P2", "trace": [later]},
        ]
    )
    reply = client.post("/carrier/push", data=body, headers=XML)
    assert reply.status_code == 200 and acks(reply.data) == [("P1", "true"), ("P2", "true")]
    again = client.post("/carrier/push", data=body, headers=XML)
    assert acks(again.data) == [("P1", "true"), ("P2", "true")]
    assert stored(wired, "1151238971060") == ["203", "954"]


def test_wrong_credentials_store_nothing(client: FlaskClient, wired: Courier) -> None:
    body = push([{"serialNo": "P9", "trace": [event("9858638312956")]}], password="guess")
    reply = client.post("/carrier/push", data=body, headers=XML)
    assert reply.status_code == 500 and b"B0003" in reply.data
    assert stored(wired, "9858638312956") == []


def test_the_push_wsdl_names_this_server(client: FlaskClient) -> None:
    wsdl = client.get("/carrier/push?wsdl")
    assert wsdl.status_code == 200
    assert b'location="http://localhost/carrier/push"' in wsdl.data


def quarantine(client: FlaskClient, username: str = "admin") -> list[dict]:
    reply = client.get("/api/v1/tracking/quarantine", headers=basic(username))
    assert reply.status_code == 200
    return reply.get_json()["quarantine"]


def test_a_reused_serial_with_new_events_stores_the_new_events(
    client: FlaskClient, wired: Courier
) -> None:
    first = push([{"serialNo": "1", "trace": [event("1151238971060")]}])
    client.post("/carrier/push", data=first, headers=XML)
    later = event("1151238971060", "954", "2026-11-26T12:00:00+08:00")
    # the carrier restarted and numbers its batches from 1 again
    again = push([{"serialNo": "1", "trace": [later]}])

    reply = client.post("/carrier/push", data=again, headers=XML)

    assert acks(reply.data) == [("1", "true")]
    assert stored(wired, "1151238971060") == ["203", "954"]


def test_poison_events_are_quarantined_acknowledged_and_the_rest_of_the_batch_stored(
    client: FlaskClient, wired: Courier
) -> None:
    poison = [
        event("1151238971060", "954", "0001-01-01T00:00:00+08:00"),
        {**event("1151238971060", "305"), "opDesc": "长" * 201},
    ]
    fine = [event("1151238971060"), event("1151238971060", "713", "2026-11-26T24:00:00+08:00")]
    body = push([{"serialNo": "P7", "trace": [poison[0], fine[0], poison[1], fine[1]]}])

    reply = client.post("/carrier/push", data=body, headers=XML)

    assert reply.status_code == 200 and acks(reply.data) == [("P7", "true")]
    assert stored(wired, "1151238971060") == ["203", "713"]
    kept = quarantine(client)
    assert [q["serial_no"] for q in kept] == ["P7", "P7"]
    assert any("0001-01-01" in q["raw"] for q in kept) and any("长" * 201 in q["raw"] for q in kept)


def test_only_administrators_see_the_quarantine(client: FlaskClient) -> None:
    assert client.get("/api/v1/tracking/quarantine").status_code == 401
    reply = client.get("/api/v1/tracking/quarantine", headers=basic("bj-window"))
    assert reply.status_code == 403


def test_a_huge_malformed_body_without_credentials_gets_the_authentication_fault_unread(
    client: FlaskClient, wired: Courier
) -> None:
    envelope = b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
    body = envelope + b"<soap:Body>" + b"<trace>" * 120_000 + b"</not-closed"
    stream = io.BytesIO(body)

    reply = client.post("/carrier/push", input_stream=stream, content_length=len(body), headers=XML)

    assert reply.status_code == 500 and b"B0003" in reply.data
    assert stream.tell() < 20_000 < len(body)  # the rest of the Body was never read
