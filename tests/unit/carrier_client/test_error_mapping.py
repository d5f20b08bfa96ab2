"""The one table from carrier faults and transport failures to the port's errors."""

from __future__ import annotations

import re

import requests
from urllib3.exceptions import MaxRetryError, NameResolutionError, NewConnectionError, ProtocolError

from courier.ports.carrier import (
    CarrierBusinessError,
    CarrierOutcomeUnknown,
    CarrierUnavailable,
)
from integrations.carrier.contract import CARRIER_XSD
from integrations.carrier.soap.errors import (
    ERROR_BY_FAULT_CLASS,
    STAFF_MESSAGE_BY_FAULT_CODE,
    CarrierFault,
    error_from_fault,
    error_from_http_status,
    error_from_transport,
)

URL = "http://127.0.0.1:9/carrier"


def contract_fault_codes() -> dict[str, str]:
    """Read the code table documented in the XSD: code → class."""
    rows = re.findall(r"^\s+([BS]\d{4})\s+(business|system)\s", CARRIER_XSD.read_text(), re.M)
    return dict(rows)


def test_every_fault_code_of_the_contract_has_words_for_staff() -> None:
    assert set(contract_fault_codes()) == set(STAFF_MESSAGE_BY_FAULT_CODE)


def test_fault_class_decides_retry_business_never_system_later() -> None:
    assert {
        "business": CarrierBusinessError,
        "system": CarrierUnavailable,
    } == ERROR_BY_FAULT_CLASS
    for code, fault_class in contract_fault_codes().items():
        error = error_from_fault(CarrierFault(code, fault_class, "detail"))
        assert type(error) is ERROR_BY_FAULT_CLASS[fault_class]
        assert error.message.startswith(STAFF_MESSAGE_BY_FAULT_CODE[code])


def test_unknown_fault_code_still_follows_its_class() -> None:
    error = error_from_fault(CarrierFault("B9999", "business", "new rule"))
    assert isinstance(error, CarrierBusinessError)
    assert "B9999" in error.message


def test_http_5xx_leaves_the_outcome_unknown_and_4xx_is_unavailable() -> None:
    assert isinstance(error_from_http_status(503), CarrierOutcomeUnknown)
    error = error_from_http_status(404)
    assert type(error) is CarrierUnavailable


def refused() -> requests.ConnectionError:
    cause = NewConnectionError(None, "Connection refused")  # type: ignore[arg-type]
    return requests.ConnectionError(MaxRetryError(None, URL, cause))  # type: ignore[arg-type]


def test_refused_connection_means_the_carrier_never_saw_the_request() -> None:
    assert type(error_from_transport(refused(), sent=False)) is CarrierUnavailable


def test_dns_failure_means_the_carrier_never_saw_the_request() -> None:
    cause = NameResolutionError("carrier.invalid", None, OSError("no such host"))  # type: ignore[arg-type]
    exc = requests.ConnectionError(MaxRetryError(None, URL, cause))  # type: ignore[arg-type]
    assert type(error_from_transport(exc, sent=False)) is CarrierUnavailable


def test_connect_timeout_is_unavailable() -> None:
    assert type(error_from_transport(requests.ConnectTimeout(), sent=False)) is CarrierUnavailable


def test_read_timeout_leaves_the_outcome_unknown() -> None:
    error = error_from_transport(requests.ReadTimeout(), sent=False)
    assert isinstance(error, CarrierOutcomeUnknown)
    assert error.code == "READ_TIMEOUT"


def test_connection_reset_after_sending_leaves_the_outcome_unknown() -> None:
    exc = requests.ConnectionError(ProtocolError("Connection aborted.", ConnectionResetError()))
    assert isinstance(error_from_transport(exc, sent=False), CarrierOutcomeUnknown)


def test_anything_lost_while_reading_the_reply_leaves_the_outcome_unknown() -> None:
    assert isinstance(error_from_transport(refused(), sent=True), CarrierOutcomeUnknown)
