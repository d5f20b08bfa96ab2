"""Readiness names each dependency: database, Redis, carrier."""

from __future__ import annotations

import time
from pathlib import Path

import requests

from courier.app import create_app
from courier.bootstrap import bootstrap
from courier.storage.migrate import upgrade
from integrations.carrier.ems_open import PLATFORM_PATH
from integrations.carrier.simulator import SimulatorSettings, create_simulator_app
from tests.carrier_protocols import serving
from tests.integration.app.conftest import settings_for


def test_readiness_reports_each_failing_dependency_quickly(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, redis_url="redis://127.0.0.1:9/0")
    wired = bootstrap(settings)
    client = create_app(wired=wired).test_client()
    started = time.monotonic()
    pending = client.get("/readyz")
    assert time.monotonic() - started < 10
    checks = pending.json["checks"]
    assert pending.status_code == 503
    assert checks["database"]["status"] == "migrations pending"
    assert checks["redis"] == {"status": "unavailable", "error": "ConnectionError"}
    assert checks["carrier"]["status"] == "unavailable"
    upgrade(wired.engine)
    assert client.get("/readyz").json["checks"]["database"]["status"] == "ok"
    wired.close()


def test_readiness_with_redis_up(tmp_path: Path, redis_url: str) -> None:
    wired = bootstrap(settings_for(tmp_path, redis_url=redis_url))
    upgrade(wired.engine)
    checks = create_app(wired=wired).test_client().get("/readyz").json["checks"]
    assert checks["redis"]["status"] == "ok" and checks["database"]["status"] == "ok"
    wired.close()


def test_readiness_finds_the_ems_open_platform_that_answers_posts_only(tmp_path: Path) -> None:
    front = create_simulator_app(SimulatorSettings(protocol="ems-open"))
    with serving(front) as url:
        endpoint = url + PLATFORM_PATH
        assert requests.get(endpoint, timeout=5).status_code == 405  # a GET is not a call
        settings = settings_for(tmp_path, carrier="ems_open", carrier_endpoint=endpoint)
        wired = bootstrap(settings)
        upgrade(wired.engine)
        checks = create_app(wired=wired).test_client().get("/readyz").json["checks"]
        wired.close()
    front.extensions["carrier_simulator"].close()
    assert checks["carrier"] == {"status": "ok"}
