"""Recorded XML keeps the shape of the exchange but no personal data or credentials."""

from __future__ import annotations

from datetime import UTC, datetime

from courier.ports.carrier import CarrierBusinessError, CarrierOutcomeUnknown
from integrations.carrier.recording import (
    CallOutcome,
    InMemoryCallRecorder,
    leg_reference,
    redact_text,
    redact_xml,
)
from integrations.carrier.soap.journal import Exchange, carrier_call, outcome_of, record_exchange
from tests.unit.carrier_client.samples import APPLICANT, HALL, PASSWORD, fixture

PERSONAL = [
    APPLICANT.name,
    APPLICANT.mobile,
    APPLICANT.address,
    HALL.name,
    HALL.mobile,
    HALL.company,
    APPLICANT.post_code,
    PASSWORD,
    ">courier</",
]


def test_create_order_request_is_recorded_without_personal_data_or_credentials() -> None:
    recorded = redact_xml(fixture("create_order.request.xml"))
    for secret in PERSONAL:
        assert secret not in recorded
    assert "LO202611260001" in recorded
    assert "东城区" in recorded  # places without the street are kept for support


def test_phone_numbers_in_free_text_are_masked() -> None:
    recorded = redact_xml(fixture("query_trace.success.xml"))
    assert "13900001111" not in recorded
    assert "收寄" in recorded


def test_free_address_text_sent_for_parsing_is_masked() -> None:
    assert "保俶路88号" not in redact_xml(fixture("parse_address.request.xml"))


def test_unparseable_xml_is_withheld_not_stored() -> None:
    body = fixture("create_order.request.xml")[:500]
    assert redact_xml(body) == f"[unparseable XML withheld: {len(body)} bytes]"


def test_xml_with_a_doctype_is_withheld() -> None:
    assert redact_xml(b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>').startswith("[XML with a DTD")


def test_landline_and_mobile_numbers_are_masked_in_messages() -> None:
    assert redact_text("电话 0571-87654321 或 13112341907") == "电话 *** 或 ***"


def test_outcome_follows_the_most_specific_error_kind() -> None:
    assert outcome_of(None) is CallOutcome.OK
    assert outcome_of(CarrierOutcomeUnknown("x")) is CallOutcome.OUTCOME_UNKNOWN
    assert outcome_of(CarrierBusinessError("x")) is CallOutcome.BUSINESS_ERROR


def test_call_record_carries_leg_keys_error_and_redacted_bodies() -> None:
    exchange = Exchange("CreateOrder", "LO202611260001", started_at=datetime.now(UTC))
    exchange.request = fixture("create_order.request.xml")
    exchange.response = fixture("create_order.business_fault.xml")
    with leg_reference("leg-42"):
        call = carrier_call(exchange, CarrierBusinessError("保价 13112341907", code="B0107"))
    assert call.leg_reference == "leg-42"
    assert (call.outcome, call.error_code) == (CallOutcome.BUSINESS_ERROR, "B0107")
    assert "13112341907" not in call.error_message
    assert APPLICANT.name not in call.request_xml
    assert "B0107" in call.response_xml
    assert call.duration_ms >= 0


class BrokenRecorder:
    def record(self, call: object) -> None:
        raise RuntimeError("database down")


def test_a_failing_recorder_does_not_fail_the_carrier_call() -> None:
    record_exchange(BrokenRecorder(), Exchange("QueryOrder"), None)
    recorder = InMemoryCallRecorder()
    record_exchange(recorder, Exchange("QueryOrder"), None)
    assert [call.outcome for call in recorder.calls] == [CallOutcome.OK]
