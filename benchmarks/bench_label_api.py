"""Benchmark: one label through the API (SQLite) vs. rendering that label the naive way.

Run as `python -m benchmarks.bench_label_api`. Our path is the whole request: load the
leg, record the print, map, mask, render, answer. The baseline is the naive way of
rendering that one label (python-barcode PNG + qrcode PNG pasted on a reportlab page).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_labels import naive_label, sample_labels
from courier.app import create_app
from courier.bootstrap import bootstrap
from courier.config import Settings
from courier.demo import seed_demo
from courier.storage.crypto import new_key
from courier.storage.migrate import upgrade
from integrations.carrier.fake import FakeCarrier
from tasks.inprocess import ImmediateTaskQueue
from tasks.jobs import run_job


def _timings(action: Callable[[], object], repeat: int) -> list[float]:
    action()  # warm up: first font load, first query
    result = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        result.append((time.perf_counter() - started) * 1000)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            env="test", var_dir=folder, database_url=f"sqlite:///{Path(folder) / 'b.db'}",
            data_key=new_key(), secret_key="benchmark-secret-key", simulator="off",
        ).checked()  # fmt: skip
        wired = bootstrap(settings)
        upgrade(wired.engine)
        wired.carrier_override = FakeCarrier()

        wired.tasks = ImmediateTaskQueue(lambda job, args: run_job(wired, job, args))
        seed_demo(wired)
        client = create_app(wired=wired).test_client()
        login = client.get("/login")
        token = login.get_data(as_text=True).split('name="csrf" value="')[1].split('"')[0]
        client.post(
            "/login", data={"csrf": token, "username": "bj-window", "password": "courier-demo"}
        )

        def ours() -> None:
            response = client.get("/api/v1/legs/1/label.pdf")
            assert response.status_code == 200, response.status_code

        basic_client = create_app(wired=wired).test_client()

        def ours_basic() -> None:
            response = basic_client.get(
                "/api/v1/legs/1/label.pdf", auth=("bj-window", "courier-demo")
            )
            assert response.status_code == 200, response.status_code

        api = _timings(ours, args.repeat)
        api_basic = _timings(ours_basic, args.repeat)
        one = sample_labels(1)[0]
        naive = _timings(lambda: naive_label(one), args.repeat)
        wired.close()
    p50, p95 = statistics.median(api), statistics.quantiles(api, n=20)[18]
    base = statistics.median(naive)
    print(f"single label via API: median {p50:.1f} ms, p95 {p95:.1f} ms (target: well under 50 ms)")
    basic50 = statistics.median(api_basic)
    print(f"same with HTTP Basic on every request: median {basic50:.1f} ms")
    print(f"naive render of one label alone: median {base:.1f} ms")
    print(f"ratio naive/ours: {base / p50:.2f}x")


if __name__ == "__main__":
    main()
