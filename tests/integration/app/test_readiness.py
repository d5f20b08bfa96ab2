"""Readiness names each dependency: database, Redis, carrier."""

from __future__ import annotations

import time
from pathlib import Path

from courier.app import create_app
from courier.bootstrap import bootstrap
from courier.storage.migrate import upgrade
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
