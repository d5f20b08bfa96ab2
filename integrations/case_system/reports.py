"""What the case-system simulator received and how it was told to answer; thread-safe."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

MAX_REPORTS = 100_000  # a bound, so a runaway sender cannot exhaust memory


@dataclass(frozen=True)
class Report:
    """One report as it arrived: who sent what, whether it verified, and what we answered."""

    webhook_id: str
    event_type: str
    case_number: str
    sequence: int | None
    verified: bool
    duplicate: bool
    status: int
    received_at: str
    reason: str = ""

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Controls:
    """How the next reports are answered: failures, a delay, or gone for good."""

    fail_count: int = 0
    fail_status: int = 503
    retry_after: int | None = None
    delay_seconds: float = 0.0
    gone: bool = False


@dataclass
class ReportBook:
    """The reports received, in order, and the secrets and controls in force."""

    secrets: list[str] = field(default_factory=list)
    controls: Controls = field(default_factory=Controls)
    reports: list[Report] = field(default_factory=list)
    _accepted_ids: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add_secret(self, secret: str) -> None:
        with self._lock:
            if secret not in self.secrets:
                self.secrets.append(secret)

    def set_secrets(self, secrets: list[str]) -> None:
        with self._lock:
            self.secrets = list(dict.fromkeys(secrets))

    def current_secrets(self) -> list[str]:
        with self._lock:
            return list(self.secrets)

    def configure(self, **changes: Any) -> Controls:
        with self._lock:
            for name, value in changes.items():
                setattr(self.controls, name, value)
            return Controls(**asdict(self.controls))

    def take_answer(self) -> tuple[float, int | None, int | None]:
        """Return (delay, status to answer instead of accepting, Retry-After) for one report."""
        with self._lock:
            c = self.controls
            if c.gone:
                return c.delay_seconds, 410, None
            if c.fail_count > 0:
                c.fail_count -= 1
                return c.delay_seconds, c.fail_status, c.retry_after
            return c.delay_seconds, None, None

    def record(self, report: Report) -> Report:
        """Keep a report; an accepted one is a duplicate when its webhook-id was accepted before."""
        with self._lock:
            if report.status < 300:
                duplicate = report.webhook_id in self._accepted_ids
                self._accepted_ids.add(report.webhook_id)
                report = Report(**{**asdict(report), "duplicate": duplicate})
            if len(self.reports) < MAX_REPORTS:
                self.reports.append(report)
            return report

    def reset(self) -> None:
        """Forget the reports and the controls; the secrets stay."""
        with self._lock:
            self.reports, self._accepted_ids, self.controls = [], set(), Controls()

    def listing(self) -> dict[str, Any]:
        """Return every report in arrival order, and the accepted ones per case."""
        with self._lock:
            reports = list(self.reports)
        cases: dict[str, list[dict[str, Any]]] = {}
        for report in reports:
            if report.verified and report.status < 300:
                cases.setdefault(report.case_number, []).append(report.as_json())
        return {"reports": [r.as_json() for r in reports], "cases": cases}


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
