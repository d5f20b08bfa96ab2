"""In-memory unit of work for service tests: same interface as the SQL one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Self

from courier.domain.accounts import Account, Scope
from courier.domain.case import Case
from courier.domain.case_search import CaseSearch
from courier.domain.leg import AWAITING_BOOKING, STILL_MOVING, Leg, LegStatus
from courier.domain.poll_schedule import PollClaim
from courier.domain.tracking import LegTracking
from tests.fake_audit import FakeAuditLog
from tests.fake_intake import FakeApiTokens
from tests.fake_receipts import FakeReceipts
from tests.fake_records import FakeHandovers, FakeLegEvents, FakePrints, FakeTracking
from tests.fake_search import matching, needs_attention
from tests.fake_sms import FakeSmsMessages
from tests.fake_store import Store
from tests.fakes_outbox import FakeOutbox, FakeWebhookEndpoints


class FakeCases(Store):
    unique = ("case_number",)

    def __init__(self, legs: FakeLegs) -> None:
        super().__init__()
        self.legs = legs
        legs.cases = self

    def add(self, case: Case) -> None:
        super().add(case)

    def get(self, case_number: str) -> Case | None:  # type: ignore[override]
        return self.find(case_number=case_number)

    def get_by_id(self, case_id: int) -> Case | None:
        return self.items.get(case_id)

    def list(self, hall_id: int | None = None, department_id: int | None = None) -> list[Case]:  # type: ignore[override]
        """Newest first, like the SQL repository."""
        cases = [
            c
            for c in self.items.values()
            if hall_id in (None, c.hall_id) and department_id in (None, c.department_id)
        ]
        return sorted(cases, key=lambda c: (c.created_at, c.id), reverse=True)

    def search(self, scope: Scope, search: CaseSearch, limit: int, offset: int) -> list[Case]:
        return matching(self.items.values(), scope, search)[offset : offset + limit]

    def count(self, scope: Scope, search: CaseSearch) -> int:
        return len(matching(self.items.values(), scope, search))

    def applicant_names(self, scope: Scope, search: CaseSearch) -> list[tuple[int, str]]:
        return [(c.id, c.applicant.name) for c in matching(self.items.values(), scope, search)]

    def by_ids(self, case_ids: Sequence[int]) -> list[Case]:
        return [self.items[i] for i in case_ids if i in self.items]

    def find_by_mobile_tail(self, case_number: str, tail: str) -> Case | None:
        # SQL compares a hash of exactly the last four digits, never a shorter suffix.
        case = self.get(case_number)
        return case if case and case.applicant.mobile[-4:] == tail else None

    def flush(self) -> None:
        for case in self.items.values():
            for leg in case.legs:
                leg.case_id = case.id
                self.legs.add(leg)


class FakeLegs(Store):
    cases: FakeCases
    receipts: Any = None

    def get_by_waybill(self, waybill_no: str) -> Leg | None:
        return self.find(waybill_no=waybill_no)

    def claim(self, leg_id: int, now: datetime, until: datetime) -> bool:
        leg = self.get(leg_id)
        if leg is None or (leg.claimed_until is not None and leg.claimed_until >= now):
            return False
        leg.claimed_until = until
        return True

    def booked(self, hall_id: int | None, department_id: int | None) -> list[Leg]:
        def of_office(leg: Leg) -> bool:
            case = self.cases.get_by_id(leg.case_id or 0)
            return (
                case is not None
                and hall_id in (None, case.hall_id)
                and (department_id in (None, case.department_id))
            )

        def waiting(leg: Leg) -> bool:
            collected = leg.status is LegStatus.IN_TRANSIT and leg.handed_over_at is None
            return leg.status is LegStatus.BOOKED or collected

        return [leg for leg in self._by_id() if waiting(leg) and of_office(leg)]

    def in_carrier_hands(self, limit: int) -> list[str]:
        moving = [leg for leg in self._by_id() if leg.status in STILL_MOVING and leg.waybill_no]
        # Never tracked first, then least recently tracked (SQL: NULLS FIRST, then id).
        moving.sort(key=lambda leg: (leg.tracked_at is not None, leg.tracked_at or 0))
        return [leg.waybill_no for leg in moving][:limit]

    def needing_booking(self, now: datetime) -> list[int]:
        return [
            leg.id
            for leg in self._by_id()
            if (
                leg.status in AWAITING_BOOKING
                or leg.reconcile_due(now)
                or leg.extra_waybills_due(now)
            )
            and (leg.claimed_until is None or leg.claimed_until < now)
        ]

    def waybill_taken(self, waybill_no: str, leg_id: int) -> bool:
        return any(leg.waybill_no == waybill_no and leg.id != leg_id for leg in self._by_id())

    def by_waybills(self, waybill_nos: Sequence[str]) -> list[Leg]:
        wanted = set(waybill_nos)
        return [leg for leg in self._by_id() if leg.waybill_no in wanted]

    def tracking_of(self, waybill_nos: Sequence[str]) -> list[LegTracking]:
        return [_tracking(leg) for leg in self.by_waybills(waybill_nos)]

    def save_tracking(self, tracks: Sequence[LegTracking]) -> None:
        for track in tracks:
            leg = self.items[track.id]
            leg.status, leg.tracked_at, leg.tracking_note = (
                track.status, track.tracked_at, track.tracking_note,
            )  # fmt: skip
            leg.collected_at, leg.next_poll_at = track.collected_at, track.next_poll_at

    def claim_due_polls(self, now: datetime, until: datetime, limit: int) -> list[PollClaim]:
        def due(leg: Leg) -> bool:
            free = leg.poll_claimed_until is None or leg.poll_claimed_until < now
            return (
                bool(leg.waybill_no)
                and leg.next_poll_at is not None
                and leg.next_poll_at <= now
                and free
            )

        legs = sorted(filter(due, self._by_id()), key=lambda leg: (leg.next_poll_at, leg.id))[
            :limit
        ]
        for leg in legs:
            leg.poll_claimed_until = until
        return [PollClaim(leg.id or 0, leg.waybill_no or "", leg.customer_no) for leg in legs]

    def release_polls(self, leg_ids: list[int]) -> None:
        for leg_id in leg_ids:
            self.items[leg_id].poll_claimed_until = None

    def postpone_polls(self, leg_ids: list[int], until: datetime) -> None:
        for leg_id in leg_ids:
            leg = self.items[leg_id]
            leg.next_poll_at, leg.poll_claimed_until = until, None

    def quiet_since(self, cutoff: datetime) -> list[Leg]:
        def quiet(leg: Leg) -> bool:
            last_news = leg.tracked_at or leg.booked_at
            return leg.status in STILL_MOVING and last_news is not None and last_news < cutoff

        return [leg for leg in self._by_id() if quiet(leg) or leg.exception_reason is not None]

    def needing_attention(self, scope: Scope, limit: int = 200) -> list[Leg]:
        def in_scope(leg: Leg) -> bool:
            case = self.cases.get_by_id(leg.case_id or 0)
            return case is not None and scope.covers(case)

        def receipt(leg: Leg) -> Any:
            return self.receipts.for_leg(leg.id or 0) if self.receipts else None

        legs = [
            leg for leg in self._by_id() if in_scope(leg) and needs_attention(leg, receipt(leg))
        ]
        return legs[:limit]

    def _by_id(self) -> list[Leg]:
        return sorted(self.items.values(), key=lambda leg: leg.id)


class FakeOrganizations(Store):
    unique = ("code",)

    def get_by_code(self, code: str) -> Any:
        return self.find(code=code)

    def list(self) -> list[Any]:
        return sorted(self.items.values(), key=lambda item: item.code)


class FakeAccounts(Store):
    unique = ("username",)

    def get_by_username(self, username: str) -> Account | None:
        return self.find(username=username)

    def list(self) -> list[Any]:
        return sorted(self.items.values(), key=lambda account: account.username)


class RecordingTaskQueue:
    """Remember the jobs sent, in order."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, int | str]]] = []

    def enqueue(self, job: str, **arguments: int | str) -> None:
        self.sent.append((job, arguments))


class FakeUnitOfWork:
    """Commits are counted; nothing is rolled back (tests check state after success)."""

    def __init__(self, tasks: RecordingTaskQueue | None = None) -> None:
        self.tasks = tasks or RecordingTaskQueue()
        self.after_commit: list[tuple[str, dict[str, int | str]]] = []
        self.legs = FakeLegs()
        self.cases = FakeCases(self.legs)
        self.halls = FakeOrganizations()
        self.departments = FakeOrganizations()
        self.accounts = FakeAccounts()
        self.api_tokens = FakeApiTokens()
        self.tracking = FakeTracking()
        self.prints = FakePrints()
        self.handovers = FakeHandovers()
        self.leg_events = FakeLegEvents()
        self.sms_messages = FakeSmsMessages(self.legs, self.cases)
        self.webhook_endpoints = FakeWebhookEndpoints()
        self.outbox = FakeOutbox(lambda i: self.cases.items[i].case_number, self.webhook_endpoints)
        self.receipts = FakeReceipts(self.legs, self.cases, self.departments)
        self.legs.receipts = self.receipts
        self.audit = FakeAuditLog(self.cases)
        self.commits = 0

    def __enter__(self) -> Self:
        self.after_commit = []
        return self

    def __exit__(self, *exc: object) -> None:
        self.after_commit = []

    def flush(self) -> None:
        self.cases.flush()

    def enqueue_after_commit(self, job: str, **arguments: int | str) -> None:
        self.after_commit.append((job, arguments))

    def commit(self) -> None:
        self.cases.flush()
        self.commits += 1
        jobs, self.after_commit = self.after_commit, []
        for job, arguments in jobs:
            self.tasks.enqueue(job, **arguments)

    def rollback(self) -> None:
        self.after_commit = []


def _tracking(leg: Leg) -> LegTracking:
    return LegTracking(
        leg.id or 0, leg.case_id or 0, leg.waybill_no or "", leg.status, leg.tracked_at,
        leg.tracking_note, leg.collected_at, leg.next_poll_at, leg.kind,
    )  # fmt: skip
