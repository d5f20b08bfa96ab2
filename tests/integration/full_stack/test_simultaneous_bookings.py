"""Six identical bookings at the same moment, on gunicorn workers and PostgreSQL: one wins."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from courier.bootstrap import bootstrap
from courier.config import Settings
from courier.demo import seed_demo
from courier.domain.leg import LegKind
from courier.storage.migrate import upgrade
from tests.integration.app.test_desk import csrf_of
from tests.integration.full_stack.test_full_stack import environment

CASE = "BJDC2026112600002"  # the demo's accepted case of the Beijing hall, with no leg yet
SIMULTANEOUS = 6
WORKERS = 4


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def courier_env(
    postgres_url: str, redis_url: str, redis_client: object, tmp_path: Path
) -> dict[str, str]:
    # Nothing books: the worker is absent, so only the planning races are under test.
    env = environment(postgres_url, redis_url, "http://127.0.0.1:9/carrier", tmp_path)
    app = bootstrap(Settings.from_env({**os.environ, **env}))
    upgrade(app.engine)
    seed_demo(app)
    app.close()
    return env


@pytest.fixture
def gunicorn(courier_env: dict[str, str], tmp_path: Path) -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", str(WORKERS), "--worker-class",
               "sync", "--bind", f"127.0.0.1:{port}", "courier.wsgi:app"]  # fmt: skip
    with (tmp_path / "gunicorn.log").open("w") as log:
        server = subprocess.Popen(
            command, env={**os.environ, **courier_env}, stdout=log, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url, server, tmp_path / "gunicorn.log")
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)


def wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            if requests.get(f"{url}/healthz", timeout=5).status_code == 200:
                return
        except requests.RequestException:  # still booting
            pass
        time.sleep(0.2)
    raise AssertionError(f"gunicorn did not start:\n{log.read_text()}")


def all_at_once(
    requests_to_send: list[Callable[[], requests.Response]],
) -> list[requests.Response]:
    """Send each request from its own thread, released together by a barrier."""
    barrier = threading.Barrier(len(requests_to_send))
    answers: list[requests.Response] = [None] * len(requests_to_send)  # type: ignore[list-item]

    def run(index: int) -> None:
        barrier.wait()
        answers[index] = requests_to_send[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests_to_send))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def live_originals(env: dict[str, str]) -> int:
    app = bootstrap(Settings.from_env({**os.environ, **env}))
    try:
        with app.uow() as uow:
            case = uow.cases.get(CASE)
            assert case is not None
            return sum(1 for leg in case.legs if leg.kind is LegKind.ORIGINALS and leg.is_live)
    finally:
        app.close()


def through_the_api(url: str, case: str = CASE) -> Callable[[], requests.Response]:
    session = requests.Session()
    session.auth = ("bj-window", "courier-demo")
    session.get(f"{url}/healthz", timeout=10)  # connect before the barrier
    return lambda: session.post(
        f"{url}/api/v1/cases/{case}/legs", json={"kind": "originals"}, timeout=30
    )


def through_the_form(url: str, case: str = CASE) -> Callable[[], requests.Response]:
    session = requests.Session()
    token = csrf_of(session.get(f"{url}/login", timeout=10).text)
    login = {"csrf": token, "username": "bj-window", "password": "courier-demo"}
    session.post(f"{url}/login", data=login, timeout=10)
    token = csrf_of(session.get(f"{url}/cases/{case}", timeout=10).text)
    form = {"csrf": token, "kind": "originals", "weight_grams": "300"}
    return lambda: session.post(
        f"{url}/cases/{case}/legs", data=form, timeout=30, allow_redirects=False
    )


@pytest.mark.parametrize("entry", [through_the_api, through_the_form], ids=["api", "form"])
def test_simultaneous_identical_bookings_leave_one_live_leg_and_the_others_409(
    gunicorn: str,
    courier_env: dict[str, str],
    entry: Callable[[str], Callable[[], requests.Response]],
) -> None:
    senders = [entry(gunicorn) for _ in range(SIMULTANEOUS)]
    answers = all_at_once(senders)
    statuses = [answer.status_code for answer in answers]
    won = 201 if entry is through_the_api else 302
    assert sorted(statuses) == sorted([won] + [409] * (SIMULTANEOUS - 1)), statuses
    assert live_originals(courier_env) == 1
    # Whether a loser read the winner's leg or hit the index, it hears the same rule.
    refused = [answer.text for answer in answers if answer.status_code == 409]
    assert all("已有未取消的" in text for text in refused), refused
