"""The framework-free tracking push handler."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from lxml import etree

from courier.ports.carrier import TraceEvent
from integrations.carrier.contract import PUSH_NS
from integrations.carrier.push_endpoint import handle_push
from integrations.carrier.soapserver import build_request
from integrations.carrier.soapserver.xmlmap import payload

EVENT = {
    "waybillNo": "1151238971060",
    "opTime": "2024-05-06T09:01:00",
    "opCode": "203",
    "opName": "收寄",
    "opOrgName": "广州市天河区揽投部",
}


def push(batches: list[dict], username: str = "carrier", password: str = "pw") -> bytes:
    return build_request(payload(PUSH_NS, "PushTrace", {"batch": batches}), username, password)


def allow(username: str, password: str) -> bool:
    return (username, password) == ("carrier", "pw")


def acks(reply: bytes) -> list[tuple[str, str]]:
    found = etree.fromstring(reply).iter(f"{{{PUSH_NS}}}ack")
    return [
        (a.findtext(f"{{{PUSH_NS}}}serialNo"), a.findtext(f"{{{PUSH_NS}}}success")) for a in found
    ]


def fault_code(reply: bytes) -> str:
    return next(etree.fromstring(reply).iter(f"{{{PUSH_NS}}}code")).text


def test_each_stored_batch_is_acknowledged_with_its_serial_number():
    stored: list[tuple[str, list[TraceEvent]]] = []
    body = push([{"serialNo": "S1", "trace": [EVENT]}, {"serialNo": "S2", "trace": [EVENT]}])

    status, reply = handle_push(body, allow, lambda serial, events: stored.append((serial, events)))

    assert status == 200
    assert acks(reply) == [("S1", "true"), ("S2", "true")]
    assert [serial for serial, _ in stored] == ["S1", "S2"]


def test_events_become_port_trace_events_in_china_standard_time_when_no_offset_is_given():
    stored: list[TraceEvent] = []

    handle_push(push([{"serialNo": "S1", "trace": [EVENT]}]), allow, lambda _, e: stored.extend(e))

    cst = timezone(timedelta(hours=8))
    assert stored == [
        TraceEvent(
            waybill_no="1151238971060",
            op_time=datetime(2024, 5, 6, 9, 1, tzinfo=cst),
            op_code="203",
            op_name="收寄",
            op_org_name="广州市天河区揽投部",
        )
    ]


def test_a_batch_whose_store_fails_is_not_acknowledged_but_the_others_are():
    def store(serial: str, events: list[TraceEvent]) -> None:
        if serial == "S1":
            raise RuntimeError("database down")

    body = push([{"serialNo": "S1", "trace": [EVENT]}, {"serialNo": "S2", "trace": [EVENT]}])

    status, reply = handle_push(body, allow, store)

    assert status == 200
    assert acks(reply) == [("S1", "false"), ("S2", "true")]


def test_wrong_credentials_are_a_client_fault_and_nothing_is_stored():
    stored: list[str] = []

    status, reply = handle_push(
        push([{"serialNo": "S1", "trace": [EVENT]}], password="guess"),
        allow,
        lambda serial, _: stored.append(serial),
    )

    assert (status, fault_code(reply), stored) == (500, "B0003", [])


def test_a_batch_breaking_the_schema_is_refused_as_a_whole():
    bad = {**EVENT, "waybillNo": "not-a-number"}

    status, reply = handle_push(push([{"serialNo": "S1", "trace": [bad]}]), allow, lambda *_: None)

    assert (status, fault_code(reply)) == (500, "B0002")


def test_hostile_xml_is_refused_before_authentication(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("TOP-SECRET")
    body = f'<!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]><x>&s;</x>'.encode()

    status, reply = handle_push(body, allow, lambda *_: None)

    assert (status, fault_code(reply)) == (500, "B0001")
    assert b"TOP-SECRET" not in reply
