"""Wire the ports to their adapters once per process, from settings."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from courier.config import Settings
from courier.domain.poll_schedule import PollSchedule
from courier.domain.quiet_hours import QuietHours
from courier.domain.stuck import StuckThresholds
from courier.domain.tariff import Tariff, read_tariff
from courier.ports.carrier import Carrier
from courier.ports.case_system import CaseSystem
from courier.ports.clock import Clock, SystemClock
from courier.ports.labels import LabelRenderer
from courier.ports.push import PushReader
from courier.ports.rate_limit import RateLimiter
from courier.ports.sms import SmsGateway, SmsOutbox
from courier.ports.statements import StatementReads, StatementRenderer
from courier.ports.tasks import TaskQueue
from courier.services.booking import BookingPolicy
from courier.services.notifications import NotificationPolicy
from courier.services.polling import PollPolicy
from courier.services.relay import RelayPolicy
from courier.storage.call_log import SqlCallRecorder
from courier.storage.crypto import FieldCipher, decode_key
from courier.storage.database import make_engine, make_session_factory
from courier.storage.orm import start_mappers
from courier.storage.statements import SqlStatementReads
from courier.storage.uow import SqlUnitOfWork
from labels import PdfLabelRenderer, PdfStatementRenderer


class NoTaskQueue:
    """Drop jobs; the periodic sweep picks their work up (used by one-shot CLI commands)."""

    def enqueue(self, job: str, **arguments: int | str) -> None:
        return None


def pdf_labels() -> LabelRenderer:
    """Return the reportlab label renderer (typed as the port, so mypy checks that it fits)."""
    return PdfLabelRenderer()


def pdf_statements() -> StatementRenderer:
    return PdfStatementRenderer()


@dataclass
class Courier:
    """The wired application: settings, database, clock, task queue and label renderer."""

    settings: Settings
    engine: sa.Engine
    session_factory: sessionmaker[Session]
    clock: Clock = field(default_factory=SystemClock)
    tasks: TaskQueue = field(default_factory=NoTaskQueue)
    labels: LabelRenderer = field(default_factory=pdf_labels)
    statements: StatementRenderer = field(default_factory=pdf_statements)

    carrier_override: Carrier | None = None
    sms_override: SmsGateway | None = None
    case_system_override: CaseSystem | None = None
    _carrier: tuple[int, Carrier] | None = None
    _poll_limiter: RateLimiter | None = None

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.session_factory, self.tasks)

    @property
    def calls(self) -> SqlCallRecorder:
        return SqlCallRecorder(self.engine)

    def carrier(self) -> Carrier:
        """Return this process's carrier client, built after any fork (it pools sockets)."""
        if self.carrier_override is not None:
            return self.carrier_override
        if self._carrier is None or self._carrier[0] != os.getpid():
            from courier.carrier_wiring import carrier_for

            self._carrier = (os.getpid(), carrier_for(self.settings, self.calls))
        return self._carrier[1]

    @property
    def push_reader(self) -> PushReader:
        """Return the reader of the carrier's tracking pushes (the SOAP push contract)."""
        from integrations.carrier.push_endpoint import SoapPushReader

        return SoapPushReader()

    def sms(self) -> SmsGateway:
        """Return the SMS adapter the settings choose: the HTTP gateway, the outbox, or off."""
        if self.sms_override is not None:
            return self.sms_override
        from integrations.sms.http_gateway import HttpSmsGateway
        from integrations.sms.off import SmsOff
        from integrations.sms.outbox import OutboxSms

        s = self.settings
        if s.sms == "http":
            return HttpSmsGateway(s.sms_gateway_url, s.sms_api_key, s.sms_timeout)
        return OutboxSms(s.var_dir) if s.is_embedded_sms else SmsOff()

    def sms_outbox(self) -> SmsOutbox | None:
        """Return the embedded outbox of texts, when the SMS adapter is the embedded one."""
        from integrations.sms.outbox import OutboxSms

        sms = self.sms()
        return sms if isinstance(sms, OutboxSms) else None

    def notification_policy(self) -> NotificationPolicy:
        """Return the tracking link's base and the quiet hours of applicant texts."""
        return NotificationPolicy(
            self.settings.public_base_url, QuietHours.parse(self.settings.sms_quiet_hours)
        )

    def booking_policy(self) -> BookingPolicy:
        """Return the booking lease and reconcile deadline these settings ask for."""
        return BookingPolicy(
            lease=timedelta(seconds=self.settings.booking_lease_seconds),
            reconcile=timedelta(seconds=self.settings.carrier_reconcile_seconds),
        )

    def poll_policy(self) -> PollPolicy:
        """Return the poll intervals these settings ask for (COURIER_POLL_INTERVALS)."""
        return PollPolicy(schedule=PollSchedule.from_text(self.settings.poll_intervals))

    def stuck_thresholds(self) -> StuckThresholds:
        """Return how long each stage may stay without news (COURIER_STUCK_THRESHOLDS)."""
        return StuckThresholds.from_text(self.settings.stuck_thresholds)

    def case_system(self) -> CaseSystem:
        """Return the case system's HTTP adapter (its session is made per process)."""
        if self.case_system_override is not None:
            return self.case_system_override
        from integrations.case_system.http import HttpCaseSystem

        return HttpCaseSystem()

    def relay_policy(self) -> RelayPolicy:
        """Return the relay's batch, concurrency and timeout these settings ask for."""
        s = self.settings
        return RelayPolicy(s.relay_batch, s.relay_workers, s.webhook_timeout_seconds)

    def poll_limiter(self) -> RateLimiter:
        """Return the limit of QueryTrace calls per carrier account (in Redis when set)."""
        if self._poll_limiter is None:
            from integrations.rate_limit import InProcessRateLimiter, RedisRateLimiter

            rate, url = self.settings.poll_calls_per_minute, self.settings.redis_url
            self._poll_limiter = (
                RedisRateLimiter.from_url(url, rate) if url else InProcessRateLimiter(rate)
            )
        return self._poll_limiter

    def tariff(self) -> Tariff:
        """Return the statements' postage tariff (COURIER_TARIFF_FILE, or the one shipped)."""
        return read_tariff(self.settings.tariff_file)

    def statement_reads(self) -> StatementReads:
        return SqlStatementReads(self.engine)

    def close(self) -> None:
        self.engine.dispose()


def bootstrap(settings: Settings, clock: Clock | None = None) -> Courier:
    """Build the engine and mappers for these settings (no I/O beyond the engine)."""
    start_mappers()
    engine = make_engine(settings.database_url, FieldCipher(decode_key(settings.data_key)))
    return Courier(settings, engine, make_session_factory(engine), clock or SystemClock())
