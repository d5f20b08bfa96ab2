"""Turn one request/reply exchange into a redacted `CarrierCall` for the recorder."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from courier.ports.carrier import (
    CarrierBusinessError,
    CarrierError,
    CarrierOutcomeUnknown,
    CarrierProtocolError,
    CarrierUnavailable,
)
from integrations.carrier.recording import (
    CallOutcome,
    CallRecorder,
    CarrierCall,
    current_leg_reference,
    redact_text,
    redact_xml,
)

log = logging.getLogger(__name__)

# Most specific first: CarrierOutcomeUnknown is a CarrierUnavailable.
OUTCOME_BY_ERROR: tuple[tuple[type[CarrierError], CallOutcome], ...] = (
    (CarrierOutcomeUnknown, CallOutcome.OUTCOME_UNKNOWN),
    (CarrierUnavailable, CallOutcome.UNAVAILABLE),
    (CarrierBusinessError, CallOutcome.BUSINESS_ERROR),
    (CarrierProtocolError, CallOutcome.PROTOCOL_ERROR),
)


@dataclass
class Exchange:
    """What one call sent and got back, filled in as the call goes."""

    operation: str
    logistics_order_no: str = ""
    waybill_no: str = ""
    request: bytes = b""
    response: bytes = b""
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    started: float = field(default_factory=time.perf_counter)


def outcome_of(error: CarrierError | None) -> CallOutcome:
    if error is None:
        return CallOutcome.OK
    return next(
        (outcome for kind, outcome in OUTCOME_BY_ERROR if isinstance(error, kind)),
        CallOutcome.PROTOCOL_ERROR,
    )


def carrier_call(exchange: Exchange, error: CarrierError | None) -> CarrierCall:
    return CarrierCall(
        operation=exchange.operation,
        started_at=exchange.started_at,
        duration_ms=round((time.perf_counter() - exchange.started) * 1000),
        outcome=outcome_of(error),
        logistics_order_no=exchange.logistics_order_no,
        waybill_no=exchange.waybill_no,
        leg_reference=current_leg_reference(),
        error_code=error.code if error else "",
        error_message=redact_text(error.message) if error else "",
        request_xml=redact_xml(exchange.request),
        response_xml=redact_xml(exchange.response),
    )


def record_exchange(recorder: CallRecorder, exchange: Exchange, error: CarrierError | None) -> None:
    """Record the call; a failing recorder is logged, never allowed to fail the call."""
    try:
        recorder.record(carrier_call(exchange, error))
    except Exception:  # the booking outcome matters more than its audit record
        log.exception("carrier call %s could not be recorded", exchange.operation)
