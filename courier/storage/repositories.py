"""Repositories: load and add aggregates through one SQLAlchemy session."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import datetime
from typing import Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session, defer, lazyload

from courier.domain.accounts import Account, Scope
from courier.domain.case import Case
from courier.domain.case_search import CaseSearch
from courier.domain.exceptions_queue import NEEDS_ATTENTION
from courier.domain.extra_waybills import ExtraWaybillStatus
from courier.domain.leg import AWAITING_BOOKING, STILL_MOVING, Leg, LegStatus
from courier.domain.organizations import Department, Hall
from courier.domain.poll_schedule import PollClaim
from courier.domain.receipt import MaterialState
from courier.domain.tracking import LegTracking
from courier.storage import leg_tracking, tables
from courier.storage.types import cipher_of

T = TypeVar("T", Hall, Department)


class SqlCaseRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, case: Case) -> None:
        self.session.add(case)

    def get(self, case_number: str) -> Case | None:
        return self.session.scalars(sa.select(Case).filter_by(case_number=case_number)).first()

    def get_by_id(self, case_id: int) -> Case | None:
        return self.session.get(Case, case_id)

    def list(self, hall_id: int | None = None, department_id: int | None = None) -> list[Case]:
        query = sa.select(Case).order_by(tables.cases.c.created_at.desc(), tables.cases.c.id.desc())
        if hall_id is not None:
            query = query.filter_by(hall_id=hall_id)
        if department_id is not None:
            query = query.filter_by(department_id=department_id)
        return list(self.session.scalars(query))

    def search(
        self, scope: Scope, search: CaseSearch, limit: int, offset: int
    ) -> builtins.list[Case]:
        """Return a page of the cases in scope matching the search (but its name), newest first."""
        query = sa.select(Case).where(*_matching(scope, search)).order_by(*_NEWEST_FIRST)
        return list(self.session.scalars(query.limit(limit).offset(offset)))

    def count(self, scope: Scope, search: CaseSearch) -> int:
        """Count the cases in scope matching the search (but its name)."""
        query = sa.select(sa.func.count()).select_from(tables.cases)
        return int(self.session.scalar(query.where(*_matching(scope, search))) or 0)

    def applicant_names(self, scope: Scope, search: CaseSearch) -> builtins.list[tuple[int, str]]:
        """Return (id, decrypted applicant name) of the matching cases in scope, newest first."""
        cases = tables.cases
        query = sa.select(cases.c.id, cases.c.applicant_name).where(*_matching(scope, search))
        rows = self.session.execute(query.order_by(*_NEWEST_FIRST))
        return [(row.id, row.applicant_name) for row in rows]

    def by_ids(self, case_ids: Sequence[int]) -> builtins.list[Case]:
        """Return these cases in the order given, in one query."""
        if not case_ids:
            return []
        found = self.session.scalars(sa.select(Case).where(tables.cases.c.id.in_(case_ids)))
        by_id = {case.id: case for case in found}
        return [by_id[i] for i in case_ids if i in by_id]

    def find_by_mobile_tail(self, case_number: str, tail: str) -> Case | None:
        """Find a case by its number and the last four digits of the applicant's mobile."""
        digest = cipher_of(self.session.get_bind().dialect).lookup_hash(tail, "mobile4")
        query = sa.select(Case).filter_by(
            case_number=case_number, applicant_mobile_tail_hash=digest
        )
        return self.session.scalars(query).first()


_NEWEST_FIRST = (tables.cases.c.created_at.desc(), tables.cases.c.id.desc())


def in_scope(scope: Scope) -> sa.ColumnElement[bool]:
    """Return the SQL form of `Scope.covers`: the cases an account sees."""
    cases = tables.cases
    if scope.everything:
        return sa.true()
    halls = {*scope.hall_ids, *([scope.hall_id] if scope.hall_id is not None else [])}
    seen: list[sa.ColumnElement[bool]] = [cases.c.hall_id.in_(sorted(halls))] if halls else []
    if scope.department_id is not None:
        seen.append(cases.c.department_id == scope.department_id)
    return sa.or_(*seen) if seen else sa.false()


def _matching(scope: Scope, search: CaseSearch) -> list[sa.ColumnElement[bool]]:
    """Return the conditions of a search SQL can check: all but the (encrypted) name."""
    cases = tables.cases
    where: list[sa.ColumnElement[bool]] = [in_scope(scope)]
    if search.number:
        # upper on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not
        prefix = search.number.upper()
        where.append(sa.func.upper(cases.c.case_number).startswith(prefix, autoescape=True))
    if search.status is not None:
        where.append(cases.c.status == search.status)
    if search.created_since is not None:
        where.append(cases.c.created_at >= search.created_since)
    if search.created_before is not None:
        where.append(cases.c.created_at < search.created_before)
    return where


class SqlLegRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, leg_id: int) -> Leg | None:
        return self.session.get(Leg, leg_id)

    def get_by_waybill(self, waybill_no: str) -> Leg | None:
        return self.session.scalars(sa.select(Leg).filter_by(waybill_no=waybill_no)).first()

    def claim(self, leg_id: int, now: datetime, until: datetime) -> bool:
        """Compare-and-set the lease in one UPDATE, so two workers cannot both win."""
        legs = tables.legs
        free = sa.or_(legs.c.claimed_until.is_(None), legs.c.claimed_until < now)
        statement = sa.update(legs).where(legs.c.id == leg_id, free).values(claimed_until=until)
        return bool(self.session.execute(statement).rowcount == 1)  # type: ignore[attr-defined]

    def booked(self, hall_id: int | None, department_id: int | None) -> list[Leg]:
        """Return booked, not yet handed over legs of a hall's or a department's cases."""
        legs = tables.legs
        collected = sa.and_(legs.c.status == LegStatus.IN_TRANSIT, legs.c.handed_over_at.is_(None))
        waiting = sa.or_(legs.c.status == LegStatus.BOOKED, collected)
        query = sa.select(Leg).join(tables.cases).where(waiting)
        if hall_id is not None:
            query = query.where(tables.cases.c.hall_id == hall_id)
        if department_id is not None:
            query = query.where(tables.cases.c.department_id == department_id)
        return list(self.session.scalars(query.order_by(tables.legs.c.id)))

    def in_carrier_hands(self, limit: int) -> list[str]:
        """Return waybills still moving, least recently tracked first."""
        legs = tables.legs
        query = (
            sa.select(legs.c.waybill_no)
            .where(legs.c.status.in_(sorted(STILL_MOVING, key=str)), legs.c.waybill_no.is_not(None))
            .order_by(legs.c.tracked_at.asc().nulls_first(), legs.c.id)
            .limit(limit)
        )
        return list(self.session.scalars(query))

    def needing_booking(self, now: datetime) -> list[int]:
        """Return legs waiting to book, due to reconcile, or with extra waybills to cancel."""
        legs, extras = tables.legs, tables.extra_waybills
        lease_free = sa.or_(legs.c.claimed_until.is_(None), legs.c.claimed_until < now)
        waiting = legs.c.status.in_(sorted(AWAITING_BOOKING, key=str))
        extra_due = sa.exists().where(
            extras.c.leg_id == legs.c.id,
            extras.c.status == ExtraWaybillStatus.PENDING,
            extras.c.next_attempt_at <= now,
        )
        due = sa.or_(waiting, legs.c.reconcile_after <= now, extra_due)
        query = sa.select(legs.c.id).where(lease_free, due).order_by(legs.c.id)
        return list(self.session.scalars(query))

    def waybill_taken(self, waybill_no: str, leg_id: int) -> bool:
        """Tell whether another leg already holds this waybill number."""
        legs = tables.legs
        query = sa.select(legs.c.id).where(legs.c.waybill_no == waybill_no, legs.c.id != leg_id)
        return self.session.scalars(query.limit(1)).first() is not None

    def by_waybills(self, waybill_nos: Sequence[str]) -> list[Leg]:
        """Return the legs holding these waybill numbers, in one query."""
        if not waybill_nos:
            return []
        query = sa.select(Leg).where(tables.legs.c.waybill_no.in_(waybill_nos))
        # tracking needs neither the parties (decrypted) nor materials: load them if asked for
        deferred = [defer(getattr(Leg, name)) for name in ("sender", "receiver")]
        query = query.options(lazyload("*"), *deferred).order_by(tables.legs.c.id)
        return list(self.session.scalars(query))

    def tracking_of(self, waybill_nos: Sequence[str]) -> list[LegTracking]:
        """Return the tracking part of the legs holding these waybill numbers, in one query."""
        return leg_tracking.tracking_of(self.session, waybill_nos)

    def save_tracking(self, tracks: Sequence[LegTracking]) -> None:
        """Write the tracking part of these legs in one statement."""
        leg_tracking.save_tracking(self.session, tracks)

    def claim_due_polls(self, now: datetime, until: datetime, limit: int) -> list[PollClaim]:
        """Lease up to `limit` legs due for a poll, earliest first, in one UPDATE.

        SKIP LOCKED lets concurrent pollers pass over each other's rows instead of waiting,
        and the lease in the outer WHERE keeps a row another poller holds from being taken.
        """
        legs = tables.legs
        free = sa.or_(legs.c.poll_claimed_until.is_(None), legs.c.poll_claimed_until < now)
        due = (
            sa.select(legs.c.id)
            .where(legs.c.next_poll_at <= now, free, legs.c.waybill_no.is_not(None))
            .order_by(legs.c.next_poll_at, legs.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        statement = (
            sa.update(legs)
            .where(legs.c.id.in_(due.scalar_subquery()), free)
            .values(poll_claimed_until=until)
            .returning(legs.c.id, legs.c.waybill_no, legs.c.customer_no, legs.c.next_poll_at)
        )
        rows = self.session.execute(statement).all()
        claims = [PollClaim(row.id, row.waybill_no, row.customer_no) for row in rows]
        due_at = {row.id: row.next_poll_at for row in rows}
        return sorted(claims, key=lambda c: (due_at[c.leg_id], c.leg_id))

    def release_polls(self, leg_ids: list[int]) -> None:
        """Release the poll lease of these legs in one UPDATE, keeping their next poll time."""
        legs = tables.legs
        statement = sa.update(legs).where(legs.c.id.in_(leg_ids)).values(poll_claimed_until=None)
        self.session.execute(statement)

    def postpone_polls(self, leg_ids: list[int], until: datetime) -> None:
        """Release the poll lease of these legs and make them due again at `until`."""
        legs = tables.legs
        statement = (
            sa.update(legs)
            .where(legs.c.id.in_(leg_ids))
            .values(next_poll_at=until, poll_claimed_until=None)
        )
        self.session.execute(statement)

    def quiet_since(self, cutoff: datetime) -> list[Leg]:
        """Return moving legs with no event since `cutoff`, and legs flagged as stuck."""
        legs = tables.legs
        last_news = sa.func.coalesce(legs.c.tracked_at, legs.c.booked_at)
        moving = legs.c.status.in_(sorted(STILL_MOVING, key=str))
        query = sa.select(Leg).where(
            sa.or_(sa.and_(moving, last_news < cutoff), legs.c.exception_reason.is_not(None))
        )
        return list(self.session.scalars(query.order_by(legs.c.id)))

    def needing_attention(self, scope: Scope, limit: int = 200) -> list[Leg]:
        """Return live legs in scope that need a person, oldest first, in one query.

        Those are: a status that needs one, a stuck flag, a waybill to void by hand, or a
        receipt that found materials missing or damaged.
        """
        legs, extras = tables.legs, tables.extra_waybills
        receipts, lines = tables.receipts, tables.receipt_lines
        manual_void = sa.exists().where(
            extras.c.leg_id == legs.c.id, extras.c.status == ExtraWaybillStatus.NEEDS_MANUAL_VOID
        )
        discrepancy = sa.exists().where(
            receipts.c.leg_id == legs.c.id,
            receipts.c.resolved_at.is_(None),
            lines.c.receipt_id == receipts.c.id,
            lines.c.state != MaterialState.RECEIVED,
        )
        needs = sa.or_(
            legs.c.status.in_(sorted(NEEDS_ATTENTION, key=str)),
            legs.c.exception_reason.is_not(None),
            manual_void,
            discrepancy,
        )
        query = (
            sa.select(Leg)
            .join(tables.cases, tables.cases.c.id == legs.c.case_id)
            .where(legs.c.status != LegStatus.CANCELLED, needs, in_scope(scope))
            .order_by(legs.c.id)
            .limit(limit)
        )
        return list(self.session.scalars(query))


class SqlOrganizationRepository(Generic[T]):
    def __init__(self, session: Session, kind: type[T]) -> None:
        self.session = session
        self.kind: type[T] = kind

    def add(self, item: T) -> None:
        self.session.add(item)

    def get(self, item_id: int) -> T | None:
        return self.session.get(self.kind, item_id)

    def get_by_code(self, code: str) -> T | None:
        return self.session.scalars(sa.select(self.kind).filter_by(code=code)).first()

    def list(self) -> list[T]:
        return list(self.session.scalars(sa.select(self.kind).order_by(sa.text("code"))))


class SqlAccountRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, account: Account) -> None:
        self.session.add(account)

    def get(self, account_id: int) -> Account | None:
        return self.session.get(Account, account_id)

    def get_by_username(self, username: str) -> Account | None:
        return self.session.scalars(sa.select(Account).filter_by(username=username)).first()

    def list(self) -> list[Account]:
        return list(self.session.scalars(sa.select(Account).order_by(sa.text("username"))))
