"""The simulator's tracking push (040002) over the EMS open platform: encrypted form, JSON acks."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import requests

from integrations.carrier.ems_open.codes import PUSH_TRACE
from integrations.carrier.ems_open.envelope import (
    CHINA_STANDARD_TIME,
    FORM_CONTENT_TYPE,
    TIMESTAMP_FORMAT,
    Credentials,
    compact,
    read_reply,
    request_form,
)
from integrations.carrier.simulator.settings import SimulatorSettings


def _platform_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(CHINA_STANDARD_TIME).strftime(TIMESTAMP_FORMAT)
    return value


def push_body(batches: list[dict[str, Any]]) -> str:
    """Return the 040002 body: batches of events, times as the platform writes them."""
    return compact(
        [
            {
                "serialNo": batch["serialNo"],
                "trace": [
                    {k: _platform_value(v) for k, v in event.items() if v not in (None, "")}
                    for event in batch["trace"]
                ],
            }
            for batch in batches
        ]
    )


def acknowledged(raw: bytes) -> set[str]:
    """Return the serial numbers a 040002 reply acknowledges with success true."""
    try:
        reply = read_reply(raw)
    except ValueError as error:
        raise OSError(f"push reply unreadable: {error}") from None
    if not reply.ok or not isinstance(reply.body, list):
        raise OSError(f"push refused: {reply.ret_code} {reply.ret_msg}")
    acks = [ack for ack in reply.body if isinstance(ack, dict)]
    return {str(ack.get("serialNo")) for ack in acks if ack.get("success") is True}


def deliver(settings: SimulatorSettings, batches: list[dict[str, Any]], now: datetime) -> set[str]:
    """Post the batches to Courier's 040002 receiver; return the acknowledged serials."""
    credentials = Credentials(
        settings.ems_sender_no, settings.ems_authorization, settings.ems_sign_key
    )
    form = request_form(PUSH_TRACE, push_body(batches), credentials, now)
    reply = requests.post(
        str(settings.push_url),
        data=urlencode(form).encode(),
        headers={"Content-Type": FORM_CONTENT_TYPE},
        timeout=settings.push_timeout_seconds,
    )
    if reply.status_code != 200:
        raise OSError(f"push answered HTTP {reply.status_code}")
    return acknowledged(reply.content)
