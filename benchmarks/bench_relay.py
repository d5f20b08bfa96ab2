"""Benchmark: the relay of status reports vs. raw signed POSTs, to one local receiver.

Run as `python -m benchmarks.bench_relay [--events 10000] [--cases 2000]`. It makes a fresh
PostgreSQL database on COURIER_BENCH_POSTGRES_URL (default: the tests' server), records the
events through `events.record` (the outbox, as in production), starts a gunicorn receiver,
then in the same run:
1. raw: the same bodies, signed, POSTed by as many threads as the relay's worker count;
2. relay: `relay_reports` with the default batch and worker count drains the outbox;
3. latency: events committed at half the relay's measured rate while the embedded runner's
   kick-after-commit relays them; commit-to-receiver p99.
Targets: relay ≥ 50 % of raw throughput; p99 ≤ 2 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import requests
import sqlalchemy as sa

from benchmarks.bench_tracking_ingest import fresh_database
from courier.config import Settings
from courier.domain.reports import new_secret, signature_header
from courier.domain.tracking import LegEventType, leg_event
from courier.ports.clock import SystemClock
from courier.services import events
from courier.services.relay import RelayPolicy, relay_reports
from courier.services.webhooks import Subscribe, create_endpoint
from courier.storage import tables
from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine, make_session_factory
from courier.storage.migrate import upgrade
from courier.storage.orm import start_mappers
from courier.storage.uow import SqlUnitOfWork
from integrations.case_system.http import HttpCaseSystem
from tasks.inprocess import ThreadTaskQueue
from tests import factories

PORT = 8765
EVENT_TYPES = [LegEventType.ACCEPTED, LegEventType.OUT_FOR_DELIVERY, LegEventType.DELIVERED,
               LegEventType.STUCK, LegEventType.DELIVERY_FAILED]  # fmt: skip
PER_COMMIT = 20
SUBSCRIBED = ["leg.accepted", "leg.out_for_delivery", "leg.delivered", "leg.stuck",
              "leg.delivery_failed", "leg.returning"]  # fmt: skip


def store_cases(uow: SqlUnitOfWork, count: int) -> list[tuple[int, int]]:
    """Store cases with one leg each; return (case id, leg id) pairs."""
    with uow:
        hall, department = factories.hall(None), factories.department(None)
        uow.halls.add(hall)
        uow.departments.add(department)
        uow.flush()
        cases = []
        for n in range(count):
            case = factories.case(
                f"BENCH{n:09d}", hall_id=hall.id or 0, department_id=department.id or 0
            )
            case.plan_originals_leg(hall, department, factories.shipping(f"CRBENCH{n:013d}"))
            uow.cases.add(case)
            cases.append(case)
        uow.commit()
        return [(c.id or 0, c.legs[0].id or 0) for c in cases]


def record(uow: SqlUnitOfWork, pairs: list[tuple[int, int]], kind: LegEventType) -> None:
    """Record one event for each leg, in one transaction."""
    with uow:
        now = datetime.now(UTC)
        legs = [uow.legs.get(leg_id) for _, leg_id in pairs]
        events.record(uow, [leg_event(leg, kind, now) for leg in legs if leg])
        uow.commit()


def start_receiver(log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "gunicorn", "-k", "gthread", "--workers", "2",
               "--threads", "16", "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning",
               "benchmarks.relay_receiver:app"]  # fmt: skip
    receiver = subprocess.Popen(command, env={**os.environ, "RELAY_BENCH_LOG": str(log)})
    for _ in range(100):
        try:
            requests.get(f"http://127.0.0.1:{PORT}/", timeout=1)
            return receiver
        except requests.ConnectionError:
            time.sleep(0.1)
    raise SystemExit("the receiver did not start")


def bodies(engine: sa.Engine) -> list[tuple[str, bytes]]:
    e = tables.outbox_events
    with engine.connect() as connection:
        rows = connection.execute(sa.select(e.c.message_id, e.c.body).order_by(e.c.id))
        return [(r.message_id, r.body.encode()) for r in rows]


def raw_posts(reports: list[tuple[str, bytes]], secret: str, workers: int) -> float:
    """POST the bodies signed, `workers` at a time; return reports per second."""
    session = requests.Session()
    session.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=workers))
    url = f"http://127.0.0.1:{PORT}/raw"

    def post(report: tuple[str, bytes]) -> None:
        message_id, body = report
        timestamp = int(time.time())
        signed = signature_header([secret], message_id, timestamp, body)
        headers = {"content-type": "application/json", "webhook-id": message_id,
                   "webhook-timestamp": str(timestamp), "webhook-signature": signed}  # fmt: skip
        session.post(url, data=body, headers=headers, timeout=10).close()

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(post, reports))
    return len(reports) / (time.perf_counter() - started)


def drain(sessions: sa.orm.sessionmaker[sa.orm.Session], policy: RelayPolicy, count: int) -> float:
    """Relay until the outbox is empty; return reports per second."""
    started = time.perf_counter()
    sent = 0
    while sent < count:
        made = relay_reports(SqlUnitOfWork(sessions), HttpCaseSystem(), SystemClock(), policy)
        if not made:
            break
        sent += made
    return sent / (time.perf_counter() - started)


def latency(sessions: sa.orm.sessionmaker[sa.orm.Session], policy: RelayPolicy,
            pairs: list[tuple[int, int]], rate: float, log: Path) -> list[float]:  # fmt: skip
    """Commit events at `rate` per second with the relay kicked after commit; return delays."""

    def run(job: str, arguments: dict[str, object]) -> None:
        relay_reports(SqlUnitOfWork(sessions), HttpCaseSystem(), SystemClock(), policy)

    queue = ThreadTaskQueue(run)
    queue.start()
    committed: dict[str, float] = {}
    e = tables.outbox_events
    try:
        for start in range(0, len(pairs), PER_COMMIT):
            began = time.perf_counter()
            uow = SqlUnitOfWork(sessions, queue)
            record(uow, pairs[start : start + PER_COMMIT], LegEventType.RETURNING)
            at = time.time()
            with sessions() as session:
                newest = session.scalars(
                    sa.select(e.c.message_id).order_by(e.c.id.desc()).limit(PER_COMMIT)
                )
                committed.update(dict.fromkeys(newest, at))
            time.sleep(max(0.0, PER_COMMIT / rate - (time.perf_counter() - began)))
        time.sleep(3)
    finally:
        queue.stop()
    arrived = dict(line.split() for line in log.read_text().splitlines())
    return sorted(float(arrived[m]) - t for m, t in committed.items() if m in arrived)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--events", type=int, default=int(os.environ.get("COURIER_BENCH_EVENTS", 10_000))
    )
    parser.add_argument("--cases", type=int, default=2_000)
    args = parser.parse_args()
    settings = Settings()
    policy = RelayPolicy(
        settings.relay_batch, settings.relay_workers, settings.webhook_timeout_seconds
    )
    with fresh_database() as url, tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "arrivals.log"
        engine = make_engine(url, FieldCipher(decode_key(new_key())), pool_size=policy.workers + 4)
        upgrade(engine)
        start_mappers()
        sessions = make_session_factory(engine)
        receiver = start_receiver(log)
        try:
            hook = Subscribe(f"http://127.0.0.1:{PORT}/relay", SUBSCRIBED)
            create_endpoint(SqlUnitOfWork(sessions), SystemClock(), hook, False)
            pairs = store_cases(SqlUnitOfWork(sessions), args.cases)
            rounds = -(-args.events // len(pairs))
            for n in range(rounds):
                kind = EVENT_TYPES[n % len(EVENT_TYPES)]
                left = args.events - n * len(pairs)
                for start in range(0, min(left, len(pairs)), 500):
                    record(SqlUnitOfWork(sessions), pairs[start : min(start + 500, left)], kind)
            with engine.connect() as connection:  # what autovacuum does for a live table
                connection.exec_driver_sql("ANALYZE")
            reports = bodies(engine)
            raw = raw_posts(reports, new_secret(), policy.workers)
            ours = drain(sessions, policy, len(reports))
            delays = latency(sessions, policy, pairs, ours / 2, log)
        finally:
            receiver.terminate()
            receiver.wait(timeout=10)
            engine.dispose()
    p99 = delays[int(len(delays) * 0.99) - 1] if delays else float("nan")
    print(f"reports: {len(reports)} over {len(pairs)} cases; relay batch {policy.batch}, "
          f"{policy.workers} workers")  # fmt: skip
    print(f"raw signed POSTs: {raw:,.0f} /s")
    print(f"relay:            {ours:,.0f} /s")
    print(f"ratio:            {ours / raw:.0%} (target ≥ 50 %)")
    print(f"commit-to-receiver at {ours / 2:,.0f} /s: p50 {delays[len(delays) // 2]:.3f} s, "
          f"p99 {p99:.3f} s over {len(delays)} reports (target p99 ≤ 2 s)")  # fmt: skip


if __name__ == "__main__":
    main()
