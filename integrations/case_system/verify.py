"""Check a report with the independent Standard Webhooks implementation (`standardwebhooks`)."""

from __future__ import annotations

import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from standardwebhooks.webhooks import EmptyWebhookSecretError, Webhook, WebhookVerificationError

# The library's own tolerance, checked by it: five minutes either way.
TOLERANCE_SECONDS = 300


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one report: its payload when it verified, else why not."""

    payload: dict[str, Any] | None
    reason: str = ""


def check_report(body: bytes, headers: Mapping[str, str], secrets: list[str]) -> Checked:
    """Verify the signature and timestamp against any of the secrets in force."""
    if not secrets:
        return Checked(None, "no secret configured")
    reason = "no matching signature"
    for secret in secrets:
        try:
            payload = Webhook(secret).verify(body, dict(headers))
        except WebhookVerificationError as error:
            reason = str(error)
        except (ValueError, binascii.Error, UnicodeDecodeError):  # malformed header or body
            reason = "malformed signature headers or body"
        else:
            if isinstance(payload, dict):
                return Checked(payload)
            return Checked(None, "the body is not a JSON object")
    return Checked(None, reason)


def fields_of(payload: Mapping[str, Any] | None, body: bytes) -> tuple[str, str, int | None]:
    """Return (event type, case number, sequence) from a payload, or from an unverified body."""
    if payload is None:
        payload = _loose_json(body)
    data = payload.get("data") if isinstance(payload.get("data"), dict) else {}
    assert isinstance(data, dict)
    event_type = str(payload.get("type", ""))[:60]
    case_number = str(data.get("case_number", payload.get("case_number", "")))[:60]
    sequence = data.get("sequence", payload.get("sequence"))
    return event_type, case_number, sequence if isinstance(sequence, int) else None


def _loose_json(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return {}
    return value if isinstance(value, dict) else {}


def is_secret(value: object) -> bool:
    """Tell whether a value is a usable whsec_ secret."""
    if not isinstance(value, str) or not value.startswith("whsec_"):
        return False
    try:
        Webhook(value)
    except (ValueError, binascii.Error, RuntimeError, EmptyWebhookSecretError):
        return False
    return True
