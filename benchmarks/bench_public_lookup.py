"""Benchmark: the public tracking API under gunicorn vs. a bare endpoint reading one indexed row.

Run as `python -m benchmarks.bench_public_lookup` (or `make bench-lookup`). One gunicorn
(several workers) on PostgreSQL with the Redis lookup limiter, limits raised for the run,
serves both paths; client processes post to each for the same time. Our path: limits in
Redis, keyed hash, case query, legs and events, JSON. Baseline: one indexed SELECT, JSON.
The bare endpoint exists only in this module's app wiring (`bench_app`), never in the product.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

import requests
import sqlalchemy as sa
from flask import Flask, jsonify, request
from flask.typing import ResponseReturnValue

from courier.app import create_app
from courier.app.security import LookupLimits, PublicLookupGuard
from courier.bootstrap import bootstrap
from courier.config import Settings
from courier.demo import seed_demo
from courier.storage.crypto import new_key
from courier.storage.migrate import upgrade
from integrations.carrier.fake import FakeCarrier
from tasks.inprocess import ImmediateTaskQueue
from tasks.jobs import run_job

POSTGRES = os.environ.get(
    "COURIER_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
REDIS = os.environ.get("COURIER_BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
CASE = {"case_number": "HZXH2026112600003", "phone_tail": "2233"}
RAISED = LookupLimits("10000000 per hour", "10000000 per hour", "10000000 per hour")


def bench_app() -> Flask:
    """Build the product app from COURIER_* settings, limits raised, plus the bare endpoint."""
    wired = bootstrap(Settings.from_env())
    wired.carrier_override = FakeCarrier()  # lookups never call the carrier
    app = create_app(wired=wired)
    app.extensions["courier_public_lookups"] = PublicLookupGuard(app, wired.settings, RAISED)
    legs = sa.table("legs", sa.column("id"), sa.column("status"), sa.column("waybill_no"))

    # Under /api/ like the lookup, so both pass the same hooks (no CSRF without a session).
    @app.post("/api/v1/bench/bare")
    def bare() -> ResponseReturnValue:
        waybill = (request.get_json(silent=True) or {}).get("waybill_no", "")
        query = sa.select(legs.c.id, legs.c.status).where(legs.c.waybill_no == waybill)
        with wired.engine.connect() as connection:
            row = connection.execute(query).first()
        return jsonify({"id": row.id, "status": row.status} if row else {})

    return app


@contextmanager
def fresh_database() -> Iterator[str]:
    name = f"courier_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def environment(folder: str, database_url: str, port: int) -> dict[str, str]:
    return {
        "COURIER_ENV": "test",
        "COURIER_VAR_DIR": folder,
        "COURIER_DATABASE_URL": database_url,
        "COURIER_REDIS_URL": REDIS,
        "COURIER_DATA_KEY": new_key(),
        "COURIER_SECRET_KEY": "benchmark-secret-key-0123456789",
        "COURIER_SIMULATOR": "off",
        "COURIER_CARRIER_ENDPOINT": "http://127.0.0.1:9/carrier",
        "COURIER_PORT": str(port),
    }


def seed(env: dict[str, str]) -> str:
    """Migrate and load the demo; return a waybill for the bare endpoint to read."""
    wired = bootstrap(Settings.from_env(env))
    upgrade(wired.engine)
    wired.carrier_override = FakeCarrier()
    wired.tasks = ImmediateTaskQueue(lambda job, args: run_job(wired, job, args))
    seed_demo(wired)
    with wired.uow() as uow:
        case = uow.cases.get(CASE["case_number"])
        waybill = str(case.legs[0].waybill_no) if case else ""
    wired.close()
    return waybill


@contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int) -> Iterator[str]:
    command = [
        sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind",
        f"127.0.0.1:{port}", "--log-level", "warning", "benchmarks.bench_public_lookup:bench_app()",
    ]  # fmt: skip
    process = subprocess.Popen(command, env={**os.environ, **env})
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn exited early")
        try:
            if requests.get(f"{base}/healthz", timeout=1).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 60 s")


def _client(url: str, body: dict[str, str], seconds: float) -> list[float]:
    """Post `body` to `url` back to back for `seconds`; return each latency in ms."""
    session = requests.Session()
    latencies: list[float] = []
    end = time.perf_counter() + seconds
    while (started := time.perf_counter()) < end:
        response = session.post(url, json=body, timeout=10)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def load(url: str, body: dict[str, str], clients: int, seconds: float) -> tuple[float, float]:
    """Return requests per second and p99 latency (ms) of `clients` processes posting."""
    with ProcessPoolExecutor(clients) as pool:
        _client(url, body, 0.3)  # warm up the connection pools of the workers
        runs = list(pool.map(_client, [url] * clients, [body] * clients, [seconds] * clients))
    latencies = [ms for run in runs for ms in run]
    return len(latencies) / seconds, statistics.quantiles(latencies, n=100)[98]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, fresh_database() as database_url:
        env = environment(folder, database_url, args.port)
        waybill = seed(env)
        with gunicorn(env, args.port, args.workers) as base:
            bare = load(
                f"{base}/api/v1/bench/bare", {"waybill_no": waybill}, args.clients, args.seconds
            )
            ours = load(f"{base}/api/v1/public/track", CASE, args.clients, args.seconds)
        _forget_counters()
    report(ours, bare, args)


def _forget_counters() -> None:
    import redis

    client = redis.Redis.from_url(REDIS)
    keys = list(client.scan_iter("*courier-public*"))
    if keys:
        client.delete(*keys)
    client.close()


def report(ours: tuple[float, float], bare: tuple[float, float], args: argparse.Namespace) -> None:
    throughput, latency = ours[0] / bare[0], ours[1] / bare[1]
    print(f"gunicorn {args.workers} workers, {args.clients} clients, {args.seconds:g} s each")
    print(f"public case lookup: {ours[0]:.0f} requests/s, p99 {ours[1]:.1f} ms")
    print(f"bare indexed read:  {bare[0]:.0f} requests/s, p99 {bare[1]:.1f} ms")
    print(f"ratio: {throughput:.0%} of bare throughput (target ≥ 60 %), p99 {latency:.2f}× (≤ 2×)")


if __name__ == "__main__":
    main()
