"""The SOAP client checks a request against the contract's schema before sending it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from courier.ports.carrier import CarrierRequestInvalid
from integrations.carrier.recording import InMemoryCallRecorder
from integrations.carrier.soap.client import SoapCarrier
from tests.integration.carrier_client.conftest import RunningSimulator
from tests.unit.carrier_client.samples import APPLICANT, order

pytestmark = pytest.mark.services


def test_a_request_breaking_the_contract_is_named_in_words_and_never_sent(
    carrier: SoapCarrier,
    simulator: RunningSimulator,
    recorder: InMemoryCallRecorder,
    caplog: pytest.LogCaptureFixture,
) -> None:
    bad = replace(order("LO-BAD-1"), receiver=replace(APPLICANT, post_code="31001"))

    with pytest.raises(CarrierRequestInvalid) as refused:
        carrier.create_order(bad)

    assert refused.value.message == "收件人邮编格式不正确，未发送给邮政"
    assert simulator.requests_seen == 0
    assert recorder.calls[0].error_message == refused.value.message
    assert "receiver.postCode" in caplog.text and "31001" not in caplog.text
