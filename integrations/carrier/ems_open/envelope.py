"""The platform's envelopes: the form-encoded request and the JSON reply around a body."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from integrations.carrier.ems_open.codes import OK
from integrations.carrier.ems_open.sm4 import encrypt

CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")
TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded; charset=UTF-8"
REPLY_FIELDS = ("serialNo", "retCode", "retMsg", "retDate", "success", "retBody")


@dataclass(frozen=True)
class Credentials:
    """Who we are to the platform: agreement customer number, authorization code, signKey."""

    sender_no: str
    authorization: str = field(repr=False)
    sign_key: str = field(repr=False)
    user_code: str = ""
    version: str = ""


@dataclass(frozen=True)
class Reply:
    """The platform's reply envelope, `retBody` already read from its JSON string."""

    serial_no: str
    ret_code: str
    ret_msg: str
    ret_date: str
    success: bool
    body: Any

    @property
    def ok(self) -> bool:
        return self.ret_code == OK


def compact(value: Any) -> str:
    """Write JSON as the platform signs it: no spaces, Chinese as is."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def request_form(
    api_code: str, body: str, credentials: Credentials, now: datetime
) -> dict[str, str]:
    """Return the form fields of one call; `body` is the compact JSON business body."""
    form = {
        "apiCode": api_code,
        "senderNo": credentials.sender_no,
        "authorization": credentials.authorization,
        "msgType": "0",
        "timeStamp": now.astimezone(CHINA_STANDARD_TIME).strftime(TIMESTAMP_FORMAT),
        "logitcsInterface": encrypt(body, credentials.sign_key),  # the platform's spelling
    }
    optional = {"version": credentials.version, "userCode": credentials.user_code}
    return {**form, **{name: value for name, value in optional.items() if value}}


def read_reply(raw: bytes) -> Reply:
    """Read a reply envelope; raise ValueError for anything that is not one."""
    try:
        envelope = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not JSON ({exc.__class__.__name__})") from None
    if not isinstance(envelope, dict) or not isinstance(envelope.get("retCode"), str):
        raise ValueError("no retCode in the reply envelope")
    return Reply(
        serial_no=str(envelope.get("serialNo") or ""),
        ret_code=envelope["retCode"],
        ret_msg=str(envelope.get("retMsg") or ""),
        ret_date=str(envelope.get("retDate") or ""),
        success=envelope.get("success") in (True, "true"),
        body=_body(envelope.get("retBody")),
    )


def reply_envelope(serial_no: str, ret_code: str, ret_msg: str, body: Any, now: datetime) -> bytes:
    """Write a reply envelope as the platform does (the simulator and the push receiver)."""
    envelope = {
        "serialNo": serial_no,
        "retCode": ret_code,
        "retMsg": ret_msg,
        "retDate": now.astimezone(CHINA_STANDARD_TIME).strftime(TIMESTAMP_FORMAT),
        "success": ret_code == OK,
        "retBody": compact(body) if body is not None else None,
    }
    return compact(envelope).encode()


def _body(text: object) -> Any:
    if text in (None, ""):
        return None
    if not isinstance(text, str):
        raise ValueError("retBody is not a JSON string")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise ValueError("retBody is not valid JSON") from None
