"""Benchmark: selecting the due poll batch among many legs in flight, and a simulated day.

Run as `python -m benchmarks.bench_poll_schedule [--legs N] [--day-legs M]` with PostgreSQL
on 127.0.0.1:5432 (COURIER_BENCH_POSTGRES_URL overrides). Ours: the leased due-batch claim
(`next_poll_at` index, SKIP LOCKED). Baseline, same run: the previous poll query, legs still
moving ordered by tracked_at (no index serves it: a full scan and a sort). Then a day is
simulated with the clock moved in steps: every leg must be polled within its interval.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from courier.bootstrap import Courier, bootstrap
from courier.config import Settings
from courier.demo import seed_demo
from courier.domain.leg import LegStatus
from courier.domain.poll_schedule import PollSchedule, next_poll_at
from courier.ports.clock import FixedClock
from courier.services.polling import POLL_BATCH, PollPolicy, poll_due_legs
from courier.storage import tables
from courier.storage.crypto import new_key
from courier.storage.migrate import upgrade
from courier.storage.repositories import SqlLegRepository
from integrations.carrier.fake import FakeCarrier
from integrations.rate_limit import InProcessRateLimiter
from tasks.inprocess import ImmediateTaskQueue
from tasks.jobs import run_job

ADMIN_URL = os.environ.get(
    "COURIER_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
TARGET_MS = 20.0
STEP = timedelta(minutes=5)


@contextmanager
def fresh_database() -> Iterator[str]:
    name = f"bench_poll_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def wired(url: str, folder: str) -> Courier:
    settings = Settings(
        env="test", var_dir=folder, database_url=url, data_key=new_key(),
        secret_key="benchmark-secret-key", simulator="off",
    ).checked()  # fmt: skip
    app = bootstrap(settings, clock=FixedClock(NOW))
    upgrade(app.engine)
    app.carrier_override = FakeCarrier()
    app.tasks = ImmediateTaskQueue(lambda job, args: run_job(app, job, args))
    seed_demo(app)
    return app


def _mix(n: sa.ColumnElement[int]) -> dict[str, sa.ColumnElement[object]]:
    """Statuses and times of a realistic set in flight, spread by the row number."""
    s = LegStatus
    status = sa.case(
        (n % 10 == 0, s.OUT_FOR_DELIVERY.value), (n % 10 == 1, s.BOOKED.value),
        (n % 10 < 4, s.DELIVERED.value), else_=s.IN_TRANSIT.value,
    )  # fmt: skip
    seconds = lambda spread: sa.func.make_interval(0, 0, 0, 0, 0, 0, (n * 7919) % spread)  # noqa: E731
    now = sa.literal(NOW, tables.legs.c.booked_at.type)
    old_final = sa.and_(n % 10 == 2, n % 20 == 2)  # delivered long ago: no more polls
    return {
        "status": status,
        "tracked_at": now - seconds(30 * 3600),
        "next_poll_at": sa.case((old_final, None), else_=now - seconds(600) + seconds(4 * 3600)),
    }


def populate(app: Courier, legs: int) -> None:
    """Clone the demo's first booked leg (and its case) `legs` times, in SQL."""
    cases, leg_table = tables.cases, tables.legs
    with app.engine.begin() as connection:
        leg_id = connection.scalar(
            sa.select(leg_table.c.id).where(leg_table.c.waybill_no.is_not(None)).limit(1)
        )
        template = connection.execute(sa.select(leg_table).where(leg_table.c.id == leg_id)).one()
        case_row = connection.execute(sa.select(cases).where(cases.c.id == template.case_id)).one()
        series = sa.func.generate_series(1, legs).table_valued("n").render_derived(name="g")
        n = series.c.n
        case_values: dict[str, Any] = {
            c.name: sa.literal(case_row._mapping[c.name], c.type) for c in cases.c
        }
        case_values["case_number"] = sa.literal("BENCH-") + sa.cast(n, sa.String)
        case_cols = [c for c in cases.c if c.name != "id"]
        connection.execute(
            sa.insert(cases).from_select(
                [c.name for c in case_cols],
                sa.select(*[case_values[c.name] for c in case_cols]).select_from(series),
            )
        )
        first = connection.scalar(
            sa.select(sa.func.min(cases.c.id)).where(cases.c.case_number.like("BENCH-%"))
        )
        values: dict[str, Any] = {
            c.name: sa.literal(template._mapping[c.name], c.type) for c in leg_table.c
        }
        values |= _mix(n)
        values["case_id"] = first - 1 + n
        values["order_no"] = sa.literal("BO") + sa.cast(n, sa.String)
        values["waybill_no"] = sa.literal("9") + sa.func.lpad(sa.cast(n, sa.String), 12, "0")
        leg_cols = [c for c in leg_table.c if c.name != "id"]
        connection.execute(
            sa.insert(leg_table).from_select(
                [c.name for c in leg_cols],
                sa.select(*[values[c.name] for c in leg_cols]).select_from(series),
            )
        )
        connection.execute(sa.text("ANALYZE legs"))


def _timed(app: Courier, action: Callable[[SqlLegRepository], object], repeat: int) -> float:
    """Return the median milliseconds of `action`, each run rolled back."""
    times = []
    for _ in range(repeat + 1):
        with app.session_factory() as session:
            started = time.perf_counter()
            action(SqlLegRepository(session))
            times.append((time.perf_counter() - started) * 1000)
            session.rollback()
    return statistics.median(times[1:])


def bench_due_batch(legs: int, repeat: int) -> None:
    with fresh_database() as url, tempfile.TemporaryDirectory() as folder:
        app = wired(url, folder)
        started = time.perf_counter()
        populate(app, legs)
        print(f"{legs:,} legs in flight stored in {time.perf_counter() - started:.1f} s")
        ours = _timed(
            app, lambda r: r.claim_due_polls(NOW, NOW + timedelta(minutes=5), POLL_BATCH), repeat
        )
        base = _timed(app, lambda r: r.in_carrier_hands(POLL_BATCH), repeat)
        verdict = "meets" if ours <= TARGET_MS else "MISSES"
        print(
            f"due batch of {POLL_BATCH} (claim, index): median {ours:.2f} ms "
            f"({verdict} the {TARGET_MS:.0f} ms target)"
        )
        print(f"baseline (scan ordered by tracked_at): median {base:.2f} ms")
        print(f"ratio: {base / ours:.1f}× faster")
        app.close()


class RecordingCarrier(FakeCarrier):
    """Answer every QueryTrace with no news and remember who was asked when."""

    def __init__(self, clock: FixedClock) -> None:
        super().__init__()
        self.clock = clock
        self.asked: dict[str, list[datetime]] = {}

    def query_trace(self, waybill_nos: list[str]) -> dict[str, list]:  # type: ignore[type-arg]
        for number in waybill_nos:
            self.asked.setdefault(number, []).append(self.clock.now())
        return {number: [] for number in waybill_nos}


def _in_flight(app: Courier) -> list[sa.Row[Any]]:
    legs = tables.legs
    query = sa.select(legs.c.waybill_no, legs.c.status, legs.c.tracked_at, legs.c.next_poll_at)
    with app.engine.connect() as connection:
        return list(connection.execute(query.where(legs.c.waybill_no.like("9%"))).all())


def _late_polls(rows: list[sa.Row[Any]], asked: dict[str, list[datetime]], end: datetime) -> int:
    """Count polls (and the day's end) that came later than the leg's interval allowed."""
    schedule, late = PollSchedule(), 0
    for row in rows:
        due = row.next_poll_at  # as the day began
        for at in [*asked.get(row.waybill_no, []), end]:
            late += due is not None and at > due + STEP and due < end
            due = next_poll_at(LegStatus(row.status), row.tracked_at, at, schedule)
    return late


def bench_day(legs: int) -> None:
    with fresh_database() as url, tempfile.TemporaryDirectory() as folder:
        app = wired(url, folder)
        populate(app, legs)
        rows = _in_flight(app)
        clock = FixedClock(NOW)
        carrier = RecordingCarrier(clock)
        limiter, policy = InProcessRateLimiter(10**6), PollPolicy(max_calls=10**6)
        started, end = time.perf_counter(), NOW + timedelta(days=1)
        while clock.now() < end:
            poll_due_legs(app.uow(), carrier, clock, limiter, policy)
            clock.advance(seconds=STEP.total_seconds())
        late = _late_polls(rows, carrier.asked, end)
        followed = sum(bool(carrier.asked.get(row.waybill_no)) for row in rows)
        polls = sum(len(times) for times in carrier.asked.values())
        print(
            f"simulated day, {legs:,} legs, clock in {STEP.seconds // 60}-minute steps: "
            f"{polls:,} leg polls, {followed:,} legs followed, {late} polled late "
            f"({'every leg within its interval' if not late else 'INTERVALS MISSED'}); "
            f"{time.perf_counter() - started:.1f} s"
        )
        app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--legs", type=int, default=100_000)
    parser.add_argument("--day-legs", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    bench_due_batch(args.legs, args.repeat)
    bench_day(args.day_legs)


if __name__ == "__main__":
    main()
