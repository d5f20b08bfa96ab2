"""The tracking push (040002) over the EMS open platform: the encrypted form in, JSON acks out.

The push is authenticated by what only EMS and we share: our agreement number and a body
that decrypts and verifies under our signKey.
"""

from __future__ import annotations

import hmac
import json
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from courier.ports.carrier import TraceEvent
from courier.ports.push import PushAck, PushedBatch, PushRefused, Refusal, UnreadableEvent
from integrations.carrier.ems_open.codes import PUSH_TRACE
from integrations.carrier.ems_open.envelope import compact, reply_envelope
from integrations.carrier.ems_open.parsers import trace_event
from integrations.carrier.ems_open.sm4 import BodyUnreadable, decrypt
from integrations.carrier.push_endpoint import PLAUSIBLE_YEARS

RET_CODE_BY_REFUSAL: dict[Refusal, str] = {
    Refusal.MALFORMED: "B0001",
    Refusal.INVALID: "B0002",
    Refusal.UNAUTHENTICATED: "B0003",
    Refusal.UNKNOWN_OPERATION: "B0004",
}


class EmsPushReader:
    """Read 040002 pushes sent to one agreement number; say the acknowledgements in JSON."""

    def __init__(self, sender_no: str, sign_key: str) -> None:
        self._sender_no = sender_no
        self._sign_key = sign_key

    def __repr__(self) -> str:
        return f"EmsPushReader(sender_no={self._sender_no!r})"

    def batches(self, form: Mapping[str, str]) -> list[PushedBatch]:
        """Authenticate the push, then read its batches; raise PushRefused to refuse it whole."""
        body = self._authenticated_body(form)
        if form.get("apiCode") != PUSH_TRACE:
            raise PushRefused(Refusal.UNKNOWN_OPERATION, f"unknown apiCode {form.get('apiCode')}")
        try:
            items = json.loads(body)
        except json.JSONDecodeError:
            raise PushRefused(Refusal.MALFORMED, "the body is not JSON") from None
        if not isinstance(items, list) or not all(_is_batch(item) for item in items):
            raise PushRefused(Refusal.INVALID, "the body must be an array of batches")
        return [_batch(item) for item in items]

    def reply(self, acks: list[PushAck]) -> bytes:
        body = [{"serialNo": a.serial_no, "success": a.success, "message": a.message} for a in acks]
        return reply_envelope(uuid.uuid4().hex, "00000", "", body, datetime.now(UTC))

    def refusal(self, refused: PushRefused) -> bytes:
        code = RET_CODE_BY_REFUSAL[refused.refusal]
        return reply_envelope(uuid.uuid4().hex, code, refused.message, None, datetime.now(UTC))

    def _authenticated_body(self, form: Mapping[str, str]) -> str:
        given = form.get("senderNo", "")
        if not hmac.compare_digest(given.encode(), self._sender_no.encode()):
            raise PushRefused(Refusal.UNAUTHENTICATED, "authentication failed")
        try:
            return decrypt(form.get("logitcsInterface", ""), self._sign_key)
        except BodyUnreadable:
            raise PushRefused(Refusal.UNAUTHENTICATED, "authentication failed") from None


def _is_batch(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("serialNo"), str)
        and bool(item["serialNo"])
        and isinstance(item.get("trace", []), list)
    )


def _batch(item: dict[str, Any]) -> PushedBatch:
    events: list[TraceEvent] = []
    unreadable: list[UnreadableEvent] = []
    for trace in item.get("trace", []):
        event, reason = _read_trace(trace)
        if event is None:
            unreadable.append(UnreadableEvent(compact(trace), reason))
        else:
            events.append(event)
    return PushedBatch(item["serialNo"], tuple(events), tuple(unreadable))


def _read_trace(trace: Any) -> tuple[TraceEvent | None, str]:
    """Return the trace's TraceEvent, or why it cannot be stored."""
    if not isinstance(trace, dict) or not str(trace.get("waybillNo") or "").isalnum():
        return None, "not an event with a waybillNo"
    if not str(trace.get("opCode") or "").strip():
        return None, "no opCode"
    try:
        event = trace_event(str(trace["waybillNo"]), trace)
        year = event.op_time.astimezone(UTC).year
    except (ValueError, OverflowError) as error:
        return None, f"opTime {trace.get('opTime', '')!r} unreadable: {error}"
    if year not in PLAUSIBLE_YEARS:
        return None, f"opTime {trace.get('opTime')!r} outside the years 2000–2099"
    return event, ""
