"""Courier's /carrier/push endpoint: authenticated, acknowledged only once stored."""

from __future__ import annotations

from flask.testing import FlaskClient
from lxml import etree

from courier.bootstrap import Courier
from integrations.carrier.contract import PUSH_NS
from integrations.carrier.soapserver import build_request
from integrations.carrier.soapserver.xmlmap import payload

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
