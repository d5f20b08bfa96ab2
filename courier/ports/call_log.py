"""The carrier call log: what one call record holds, who keeps it, and which leg it is for."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

_leg_reference: ContextVar[str] = ContextVar("carrier_leg_reference", default="")


class CallOutcome(StrEnum):
    OK = "ok"
    BUSINESS_ERROR = "business_error"
    UNAVAILABLE = "unavailable"
    OUTCOME_UNKNOWN = "outcome_unknown"
    PROTOCOL_ERROR = "protocol_error"


@dataclass(frozen=True)
class CarrierCall:
    """One call to the carrier as it is kept for audit and support."""

    operation: str
    started_at: datetime
    duration_ms: int
    outcome: CallOutcome
    logistics_order_no: str = ""
    waybill_no: str = ""
    leg_reference: str = ""
    error_code: str = ""
    error_message: str = ""
    request_xml: str = ""
    response_xml: str = ""


class CallRecorder(Protocol):
    def record(self, call: CarrierCall) -> None: ...


@contextmanager
def leg_reference(reference: str) -> Iterator[None]:
    """Tag the carrier calls made inside this block with the leg they are for."""
    token = _leg_reference.set(reference)
    try:
        yield
    finally:
        _leg_reference.reset(token)


def current_leg_reference() -> str:
    return _leg_reference.get()
