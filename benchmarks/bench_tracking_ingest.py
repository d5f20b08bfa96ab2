"""Benchmark: tracking ingest through the service vs. a raw executemany, on PostgreSQL.

Run as `python -m benchmarks.bench_tracking_ingest [--events 100000] [--legs 15000]` (or
COURIER_BENCH_EVENTS / COURIER_BENCH_LEGS; legs default to 15 % of the events, the full
run's shape). It makes a fresh database on the server of
COURIER_BENCH_POSTGRES_URL (default: the tests' server), stores the legs, then feeds the
events through `record_tracking_events` in batches of what one QueryTrace call returns
(50 waybills' worth): 10 % duplicates, 5 % out of order, some reversals. The baseline is
a plain `executemany` of the same rows, batch by batch, into a table with the same
columns and no constraint. Target: ours at least 40 % of the raw rate.
"""

from __future__ import annotations

import argparse
import os
import random
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from courier.domain.leg import LegStatus
from courier.ports.carrier import TraceEvent
from courier.ports.clock import FixedClock
from courier.services.polling import POLL_BATCH
from courier.services.tracking import record_tracking_events
from courier.storage import tables
from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine, make_session_factory
from courier.storage.migrate import upgrade
from courier.storage.orm import start_mappers
from courier.storage.uow import SqlUnitOfWork
from tests import factories

SERVER = os.environ.get(
    "COURIER_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
START = datetime(2026, 11, 20, tzinfo=UTC)
LIFE = ["203", "954", "305", "389", "954", "713", "702", "704"]
REVERSED = ["203", "954", "713", "702", "704", "743", "705", "744", "702", "704"]
RETURNED = ["203", "954", "713", "702", "705", "708", "711"]
COLUMNS = [c.name for c in tables.tracking_events.c if c.name != "id"]


@contextmanager
def fresh_database() -> Iterator[str]:
    """Give the URL of a new, empty database and drop it afterwards."""
    name = f"courier_bench_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


FIRST_WAYBILL = 1_100_000_000_000


def waybill(n: int) -> str:
    return f"{FIRST_WAYBILL + n}"


def store_legs(engine: sa.Engine, count: int) -> None:
    """Store one booked leg through the unit of work, then copy its rows `count` times in SQL."""
    with SqlUnitOfWork(make_session_factory(engine)) as uow:
        hall, department = factories.hall(None, "H-DC"), factories.department(None, "D-MZ")
        uow.halls.add(hall)
        uow.departments.add(department)
        uow.commit()
        case = factories.case("BENCH-0", hall_id=hall.id or 0, department_id=department.id or 0)
        leg = case.plan_originals_leg(hall, department, factories.shipping("BENCH-ORDER-0"))
        leg.status, leg.waybill_no = LegStatus.BOOKED, waybill(0)
        uow.cases.add(case)
        uow.commit()
    cases, legs = tables.cases, tables.legs
    series = sa.func.generate_series(1, count - 1).table_valued("n").render_derived()
    n = series.c.n
    with engine.begin() as connection:
        copy_cases = {"case_number": sa.literal("BENCH-") + sa.cast(n, sa.String)}
        _copy(connection, cases, copy_cases, series, cases.c.case_number == "BENCH-0")
        copied = cases.alias("copied")
        copy_legs = {
            "case_id": copied.c.id,
            "order_no": sa.literal("BENCH-ORDER-") + sa.cast(copied.c.id, sa.String),
            "waybill_no": sa.cast(
                sa.literal(FIRST_WAYBILL, sa.BigInteger) + copied.c.id - 1, sa.String
            ),
        }
        template = legs.c.order_no == "BENCH-ORDER-0"
        _copy(connection, legs, copy_legs, copied, sa.and_(template, copied.c.id > 1))


def _copy(
    connection: sa.Connection,
    table: sa.Table,
    overrides: dict[str, sa.ColumnElement[object]],
    source: sa.FromClause,
    where: sa.ColumnElement[bool],
) -> None:
    columns = [c for c in table.c if c.name != "id"]
    values = [overrides.get(c.name, c) for c in columns]
    select = sa.select(*values).select_from(table).join(source, sa.true()).where(where)
    connection.execute(sa.insert(table).from_select([c.name for c in columns], select))


def make_batches(events: int, legs: int, seed: int = 7) -> list[list[TraceEvent]]:
    """Make QueryTrace replies: each the events of 50 waybills; 10 % repeats, 5 % late."""
    chance = random.Random(seed)
    unique = int(events / 1.1)  # the other 10 % are duplicates
    lives: list[list[TraceEvent]] = [[] for _ in range(legs)]
    for index in range(unique):
        leg, step = index % legs, index // legs
        life = REVERSED if leg % 20 == 0 else RETURNED if leg % 20 == 1 else LIFE
        at = START + timedelta(hours=step * 3 + chance.random())
        code, office = life[step % len(life)], f"{51000100 + leg % 97}"
        lives[leg].append(
            TraceEvent(waybill(leg), at, code, op_name=code, op_org_code=office, op_org_city="杭州")
        )
    batches = [
        [event for life in lives[first : first + POLL_BATCH] for event in life]
        for first in range(0, legs, POLL_BATCH)
    ]
    if len(batches) > 1:
        for _ in range(int(unique * 0.05)):  # out of order: an event comes a poll or more late
            early = chance.randrange(len(batches) - 1)
            if batches[early]:
                late = batches[early].pop(chance.randrange(len(batches[early])))
                batches[chance.randrange(early + 1, len(batches))].append(late)
    for _ in range(events - unique):  # duplicates: sent again, by push or by the next poll
        now = chance.randrange(len(batches))
        seen = batches[chance.randrange(now + 1)]
        if seen:
            batches[now].insert(chance.randrange(len(batches[now]) + 1), chance.choice(seen))
    return batches


def ours(engine: sa.Engine, batches: list[list[TraceEvent]]) -> float:
    sessions = make_session_factory(engine)
    clock = FixedClock(START + timedelta(days=30))
    started = time.perf_counter()
    for batch in batches:
        record_tracking_events(SqlUnitOfWork(sessions), clock, batch)
    return time.perf_counter() - started


def raw(engine: sa.Engine, batches: list[list[TraceEvent]]) -> float:
    metadata = sa.MetaData()
    copy = [sa.Column(c.name, c.type, primary_key=c.primary_key) for c in tables.tracking_events.c]
    sa.Table("bench_raw_events", metadata, *copy)
    metadata.create_all(engine)
    received = datetime.now(UTC)
    placeholders = ", ".join(["%s"] * len(COLUMNS))
    sql = f"INSERT INTO bench_raw_events ({', '.join(COLUMNS)}) VALUES ({placeholders})"
    connection = engine.raw_connection()
    try:
        started = time.perf_counter()
        for batch in batches:
            rows = [_raw_row(e, received) for e in batch]
            with connection.cursor() as cursor:
                cursor.executemany(sql, rows)
            connection.commit()
        return time.perf_counter() - started
    finally:
        connection.close()


def _raw_row(event: TraceEvent, received: datetime) -> tuple[object, ...]:
    values = {**{c: getattr(event, c, None) for c in COLUMNS}, "source": "query"}
    return tuple({**values, "received_at": received}[c] for c in COLUMNS)


def report(engine: sa.Engine) -> str:
    with engine.connect() as connection:
        stored = connection.scalar(sa.select(sa.func.count()).select_from(tables.tracking_events))
        changes = connection.scalar(sa.select(sa.func.count()).select_from(tables.leg_events))
        statuses = connection.execute(
            sa.select(tables.legs.c.status, sa.func.count()).group_by(tables.legs.c.status)
        ).all()
    spread = ", ".join(f"{status.value} {count}" for status, count in sorted(statuses, key=str))
    return f"stored {stored} events, {changes} leg events; legs: {spread}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--events", type=int, default=int(os.environ.get("COURIER_BENCH_EVENTS", 100_000))
    )
    parser.add_argument("--legs", type=int, default=int(os.environ.get("COURIER_BENCH_LEGS", 0)))
    args = parser.parse_args()
    # by default the full run's shape: 15,000 legs for 100,000 events
    legs = min(args.legs or max(1, args.events * 15 // 100), args.events)
    batches = make_batches(args.events, legs)
    with fresh_database() as url:
        engine = make_engine(url, FieldCipher(decode_key(new_key())))
        upgrade(engine)
        start_mappers()
        store_legs(engine, legs)
        ours_seconds = ours(engine, batches)
        raw_seconds = raw(engine, batches)
        print(report(engine))
        engine.dispose()
    count = sum(len(b) for b in batches)
    ours_rate, raw_rate = count / ours_seconds, count / raw_seconds
    print(f"{count} events for {legs} legs in {len(batches)} QueryTrace replies of 50 waybills")
    print(f"ours (record_tracking_events): {ours_rate:,.0f} events/s ({ours_seconds:.1f} s)")
    print(f"raw executemany:               {raw_rate:,.0f} events/s ({raw_seconds:.1f} s)")
    print(f"ours / raw: {ours_rate / raw_rate:.0%} (target: at least 40 %)")


if __name__ == "__main__":
    main()
