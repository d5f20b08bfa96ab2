"""Record one platform call: the plain JSON body with personal data masked, never the form.

The form carries the authorization code and the encrypted body; neither is kept.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from courier.ports.carrier import CarrierError
from integrations.carrier.recording import (
    MAX_RECORDED_CHARS,
    REDACTED,
    REDACTED_ELEMENTS,
    CallRecorder,
    CarrierCall,
    current_leg_reference,
    redact_text,
)
from integrations.carrier.soap.journal import Exchange, outcome_of

log = logging.getLogger(__name__)
# The XML record's element names, plus what only a JSON body or its envelope carries.
REDACTED_KEYS = REDACTED_ELEMENTS | {"authorization", "signKey", "logitcsInterface"}


def redact_json(value: Any) -> Any:
    """Return the value with personal data and credentials masked, at any depth."""
    if isinstance(value, dict):
        return {k: REDACTED if k in REDACTED_KEYS else redact_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_json(item) for item in value]
    return value


def redacted_text(raw: bytes | str) -> str:
    """Return a JSON text masked for the record; withhold it if it is not JSON."""
    if not raw:
        return ""
    try:
        value = json.loads(raw)
        if isinstance(value, dict) and isinstance(value.get("retBody"), str):
            value["retBody"] = json.loads(value["retBody"] or "null")
    except (UnicodeDecodeError, json.JSONDecodeError):
        return f"[unparseable reply withheld: {len(raw)} bytes]"
    text = redact_text(json.dumps(redact_json(value), ensure_ascii=False))
    return text if len(text) <= MAX_RECORDED_CHARS else text[:MAX_RECORDED_CHARS] + "…[truncated]"


def record_exchange(recorder: CallRecorder, exchange: Exchange, error: CarrierError | None) -> None:
    """Record the call; a failing recorder is logged, never allowed to fail the call."""
    call = CarrierCall(
        operation=exchange.operation,
        started_at=exchange.started_at,
        duration_ms=round((time.perf_counter() - exchange.started) * 1000),
        outcome=outcome_of(error),
        logistics_order_no=exchange.logistics_order_no,
        waybill_no=exchange.waybill_no,
        leg_reference=current_leg_reference(),
        error_code=error.code if error else "",
        error_message=redact_text(error.message) if error else "",
        request_xml=redacted_text(exchange.request),
        response_xml=redacted_text(exchange.response),
    )
    try:
        recorder.record(call)
    except Exception:  # the booking outcome matters more than its audit record
        log.exception("carrier call %s could not be recorded", exchange.operation)
