"""The push reader: header first, batches with unreadable events set aside, replies."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pytest
from lxml import etree

from courier.ports.carrier import TraceEvent
from courier.ports.push import PushAck, PushRefused, Refusal
from integrations.carrier.contract import PUSH_NS
from integrations.carrier.push_endpoint import SoapPushReader
from integrations.carrier.soapserver import build_request
from integrations.carrier.soapserver.xmlmap import payload

EVENT = {
    "waybillNo": "1151238971060",
    "opTime": "2024-05-06T09:01:00",
    "opCode": "203",
    "opName": "收寄",
    "opOrgName": "广州市天河区揽投部",
}
CST = timezone(timedelta(hours=8))


def push(batches: list[dict], username: str = "carrier", password: str = "pw") -> bytes:
    return build_request(payload(PUSH_NS, "PushTrace", {"batch": batches}), username, password)


def read(body: bytes) -> list:
    return SoapPushReader().open(io.BytesIO(body), len(body)).batches()


def refusal(body: bytes) -> Refusal:
    with pytest.raises(PushRefused) as refused:
        read(body)
    return refused.value.refusal


def test_the_header_gives_the_credentials_before_the_body_is_asked_for():
    pushed = SoapPushReader().open(io.BytesIO(push([{"serialNo": "S1", "trace": [EVENT]}])), None)
    assert (pushed.username, pushed.password) == ("carrier", "pw")


def test_events_become_port_trace_events_in_china_standard_time_when_no_offset_is_given():
    [batch] = read(push([{"serialNo": "S1", "trace": [EVENT]}]))

    assert batch.serial_no == "S1" and batch.unreadable == ()
    assert batch.events == (
        TraceEvent(
            waybill_no="1151238971060",
            op_time=datetime(2024, 5, 6, 9, 1, tzinfo=CST),
            op_code="203",
            op_name="收寄",
            op_org_name="广州市天河区揽投部",
        ),
    )


def test_an_event_at_24_00_is_the_next_midnight():
    [batch] = read(
        push([{"serialNo": "S1", "trace": [{**EVENT, "opTime": "2024-05-06T24:00:00"}]}])
    )
    assert batch.events[0].op_time == datetime(2024, 5, 7, 0, 0, tzinfo=CST)


@pytest.mark.parametrize(
    "op_time",
    [
        "0001-01-01T00:00:00+08:00",
        "9999-12-31T23:59:59-08:00",
        "-0001-05-06T09:00:00",
        "1900-01-01T00:00:00",
    ],
)
def test_an_event_at_an_impossible_time_is_set_aside_and_the_rest_of_its_batch_kept(op_time):
    odd = {**EVENT, "opTime": op_time, "opCode": "954"}
    [batch] = read(push([{"serialNo": "S1", "trace": [odd, EVENT]}]))

    assert [e.op_code for e in batch.events] == ["203"]
    [unreadable] = batch.unreadable
    assert op_time in unreadable.raw and "opTime" in unreadable.reason


def test_an_event_breaking_the_schema_is_set_aside_and_the_rest_of_its_batch_kept():
    too_long = {**EVENT, "opOrgName": "局" * 201, "opCode": "954"}
    [first, second] = read(
        push([{"serialNo": "S1", "trace": [too_long, EVENT]}, {"serialNo": "S2", "trace": [EVENT]}])
    )

    assert [e.op_code for e in first.events] == ["203"] and len(second.events) == 1
    [unreadable] = first.unreadable
    assert "局" * 201 in unreadable.raw and "opOrgName" in unreadable.reason


def test_a_batch_whose_every_event_is_set_aside_is_still_a_batch_to_acknowledge():
    [batch] = read(push([{"serialNo": "S1", "trace": [{**EVENT, "waybillNo": "not-a-number"}]}]))
    assert (batch.serial_no, batch.events, len(batch.unreadable)) == ("S1", (), 1)


def test_a_batch_with_an_invalid_serial_number_refuses_the_request():
    bad = {"serialNo": "no spaces allowed", "trace": [{**EVENT, "waybillNo": "x"}]}
    assert refusal(push([bad])) is Refusal.INVALID


def test_hostile_xml_is_refused_as_malformed(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("TOP-SECRET")
    body = f'<!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]><x>&s;</x>'.encode()

    with pytest.raises(PushRefused) as refused:
        SoapPushReader().open(io.BytesIO(body), len(body))

    assert refused.value.refusal is Refusal.MALFORMED
    assert b"TOP-SECRET" not in SoapPushReader().refusal(refused.value)


def test_a_huge_body_behind_a_wrong_password_is_never_read():
    header = push([{"serialNo": "S1", "trace": [EVENT]}], password="guess")
    cut = header.index(b"<soap:Body>")
    body = header[:cut] + b"<soap:Body>" + b"<x>" * 200_000 + b"</broken"
    stream = io.BytesIO(body)

    pushed = SoapPushReader().open(stream, None)

    assert pushed.password == "guess"  # the caller refuses it: nothing more is read
    assert stream.tell() < 20_000 < len(body)


def test_a_body_announced_larger_than_the_cap_is_refused_before_reading():
    stream = io.BytesIO(b"<x/>")
    with pytest.raises(PushRefused) as refused:
        SoapPushReader().open(stream, 5_000_000)
    assert refused.value.refusal is Refusal.MALFORMED
    assert stream.tell() == 0


def test_the_reply_acknowledges_each_serial_number():
    reply = SoapPushReader().reply([PushAck("S1", True), PushAck("S2", False, "send again")])

    ns = f"{{{PUSH_NS}}}"
    found = [
        (a.findtext(f"{ns}serialNo"), a.findtext(f"{ns}success"))
        for a in etree.fromstring(reply).iter(f"{ns}ack")
    ]
    assert found == [("S1", "true"), ("S2", "false")]


def test_a_refusal_is_a_fault_with_the_contract_code():
    reply = SoapPushReader().refusal(PushRefused(Refusal.UNAUTHENTICATED, "authentication failed"))
    assert next(etree.fromstring(reply).iter(f"{{{PUSH_NS}}}code")).text == "B0003"
