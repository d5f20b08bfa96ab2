"""The SMS port: send one text to one mobile number through a gateway."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class SmsAccepted:
    """The gateway took the text; `gateway_id` is its own reference, if it gave one."""

    gateway_id: str = ""


@dataclass(frozen=True)
class SmsRefused:
    """The gateway will never send this text (bad number, blocked content): do not retry."""

    reason: str


@dataclass(frozen=True)
class SmsUnavailable:
    """The gateway could not be reached or failed for now: try again later."""

    reason: str


SmsOutcome = SmsAccepted | SmsRefused | SmsUnavailable


class SmsGateway(Protocol):
    def send(self, mobile: str, text: str, reference: str) -> SmsOutcome:
        """Send `text` to `mobile`; `reference` is ours, the same on every retry of one text."""
        ...


class SmsOutbox(Protocol):
    """The embedded default's adapter: it keeps what it would have sent, numbers masked."""

    def kept(self, limit: int = 200) -> list[dict[str, Any]]:
        """Return the newest texts kept (at, to, text, ref), newest first."""
        ...
