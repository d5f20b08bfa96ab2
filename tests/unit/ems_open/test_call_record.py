"""What is kept of a platform call: masked bodies, never the credentials or the form."""

from __future__ import annotations

from courier.ports.carrier import CarrierBusinessError
from integrations.carrier.ems_open.journal import record_exchange, redacted_text
from integrations.carrier.recording import InMemoryCallRecorder
from integrations.carrier.soap.journal import Exchange
from tests.unit.ems_open.samples import fixture, golden_request


def test_names_phones_and_addresses_are_masked_in_the_recorded_request() -> None:
    text = redacted_text(golden_request("020003"))
    for personal in ("张小明", "13112341907", "保俶路", "李窗口", "13800138000"):
        assert personal not in text
    assert "浙江省" in text and "LO202611260001" in text


def test_phones_in_event_descriptions_are_masked_in_the_recorded_reply() -> None:
    text = redacted_text(fixture("040001.reply.json"))
    assert "13112341907" not in text and "本人签收" in text


def test_credentials_are_masked_wherever_they_appear() -> None:
    text = redacted_text('{"authorization":"auth-code-0123","signKey":"k","logitcsInterface":"c"}')
    assert "auth-code" not in text and '"k"' not in text and '"c"' not in text


def test_a_reply_that_is_not_json_is_withheld() -> None:
    assert redacted_text(b"<html>13112341907</html>") == "[unparseable reply withheld: 24 bytes]"


def test_a_refused_call_is_recorded_with_its_code_and_outcome() -> None:
    recorder = InMemoryCallRecorder()
    exchange = Exchange("CreateOrder", "LO1", request=golden_request("020003").encode())
    record_exchange(recorder, exchange, CarrierBusinessError("号段已用完", code="B0104"))
    (call,) = recorder.calls
    assert (call.outcome, call.error_code) == ("business_error", "B0104")
    assert "张小明" not in call.request_xml
