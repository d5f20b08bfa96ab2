"""A wired application on a fresh SQLite file, the fake carrier and jobs run at once."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from courier.app import create_app
from courier.bootstrap import Courier, bootstrap
from courier.config import Settings
from courier.demo import seed_demo
from courier.ports.clock import FixedClock
from courier.storage.crypto import new_key
from courier.storage.migrate import upgrade
from integrations.carrier.fake import FakeCarrier
from tasks.inprocess import ImmediateTaskQueue
from tasks.jobs import run_job
from tests import factories


def settings_for(tmp_path: Path, **overrides: Any) -> Settings:
    defaults: dict[str, Any] = {
        "env": "test",
        "var_dir": str(tmp_path),
        "database_url": f"sqlite:///{tmp_path / 'courier.db'}",
        "data_key": new_key(),
        "secret_key": "test-secret-key-0123456789",
        "simulator": "off",
        "carrier_endpoint": "http://127.0.0.1:9/carrier",
    }
    return Settings(**{**defaults, **overrides}).checked()


def demo_courier(tmp_path: Path, **overrides: Any) -> Iterator[Courier]:
    """The demo wired to the fake carrier, its jobs run at once; closed when done."""
    app = bootstrap(settings_for(tmp_path, **overrides), clock=FixedClock(factories.NOW))
    upgrade(app.engine)
    app.carrier_override = FakeCarrier()
    app.tasks = ImmediateTaskQueue(lambda job, args: run_job(app, job, args))
    seed_demo(app)
    yield app
    app.close()


def on_both_databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Courier]:
    """The demo on SQLite or on PostgreSQL, as a fixture parametrised on the two names."""
    overrides = {}
    if request.param == "postgresql":
        overrides["database_url"] = request.getfixturevalue("postgres_url")
    yield from demo_courier(tmp_path, **overrides)


@pytest.fixture
def wired(tmp_path: Path) -> Iterator[Courier]:
    yield from demo_courier(tmp_path)


@pytest.fixture
def flask_app(wired: Courier) -> Flask:
    return create_app(wired=wired)


@pytest.fixture
def client(flask_app: Flask) -> FlaskClient:
    return flask_app.test_client()


def basic(username: str, password: str = "courier-demo") -> dict[str, str]:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}
