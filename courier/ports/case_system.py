"""The case-system port: post one signed status report to a subscribed endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class SignedReport:
    """A report ready to send: the body and its Standard Webhooks headers."""

    url: str
    message_id: str
    timestamp: int
    signature: str  # space-separated v1 signatures
    body: bytes

    def headers(self) -> dict[str, str]:
        return {
            "content-type": "application/json",
            "webhook-id": self.message_id,
            "webhook-timestamp": str(self.timestamp),
            "webhook-signature": self.signature,
        }


@dataclass(frozen=True)
class ReportOutcome:
    """What one attempt got: the status (None: no answer), Retry-After, an error, the time."""

    status_code: int | None
    retry_after: str | None = None
    error: str = ""
    duration_ms: int = 0


class CaseSystem(Protocol):
    def post_report(self, report: SignedReport, timeout: float) -> ReportOutcome:
        """Post the report, waiting at most `timeout` seconds to connect and to read."""
        ...
