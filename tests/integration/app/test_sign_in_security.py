"""Sign-in over the test client, sessions in real PostgreSQL: redirects, sign-out, timeouts."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from courier.app import create_app
from courier.app.security import staff_sessions
from courier.bootstrap import Courier, bootstrap
from courier.demo import seed_demo
from courier.ports.clock import FixedClock
from courier.services.auth import disable_account
from courier.storage.migrate import upgrade
from courier.storage.tables import staff_sessions as sessions_table
from integrations.carrier.fake import FakeCarrier
from tasks.inprocess import ImmediateTaskQueue
from tasks.jobs import run_job
from tests import factories
from tests.integration.app.conftest import settings_for
from tests.integration.app.test_desk import csrf_of

CASE = "/cases/BJDC2026112600002"


def wired_courier(tmp_path: Path, database_url: str, **settings: Any) -> Courier:
    app = bootstrap(
        settings_for(tmp_path, database_url=database_url, **settings),
        clock=FixedClock(factories.NOW),
    )
    upgrade(app.engine)
    app.carrier_override = FakeCarrier()
    app.tasks = ImmediateTaskQueue(lambda job, args: run_job(app, job, args))
    seed_demo(app)
    return app


@pytest.fixture
def on_postgres(tmp_path: Path, postgres_url: str) -> Iterator[Courier]:
    app = wired_courier(tmp_path, postgres_url)
    yield app
    app.close()


@pytest.fixture
def web(on_postgres: Courier) -> Flask:
    return create_app(wired=on_postgres)


def sign_in(client: FlaskClient, username: str = "bj-window", next_: str | None = None) -> Any:
    token = csrf_of(client.get("/login").get_data(as_text=True))
    query = {"next": next_} if next_ is not None else {}
    form = {"csrf": token, "username": username, "password": "courier-demo"}
    return client.post("/login", query_string=query, data=form)


def session_id(web: Flask, client: FlaskClient) -> str:
    cookie = client.get_cookie("session")
    assert cookie is not None
    serializer = web.session_interface.get_signing_serializer(web)  # type: ignore[attr-defined]
    return str(serializer.loads(cookie.value)["sid"])


def rows(app: Courier) -> list[dict[str, Any]]:
    with app.engine.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(sa.select(sessions_table))]


OFF_SITE = ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/ /x"]


def test_signing_in_never_redirects_off_site(flask_app: Flask) -> None:
    """Runs on SQLite (the app fixture of this folder): only the redirect is under test."""
    locations = {t: sign_in(flask_app.test_client(), next_=t).headers["Location"] for t in OFF_SITE}
    assert locations == dict.fromkeys(OFF_SITE, "/")


def test_the_encoded_tab_bypass_from_the_report_goes_home(client: FlaskClient) -> None:
    token = csrf_of(client.get("/login").get_data(as_text=True))
    form = {"csrf": token, "username": "bj-window", "password": "courier-demo"}
    response = client.post("/login?next=/%09/evil.example", data=form)
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_signing_in_follows_a_path_on_this_site(client: FlaskClient) -> None:
    assert sign_in(client, next_=CASE).headers["Location"] == CASE


def test_the_database_keeps_a_digest_of_the_session_id_and_the_client(
    web: Flask, on_postgres: Courier
) -> None:
    client = web.test_client()
    sign_in(client)
    [row] = rows(on_postgres)
    sid = session_id(web, client)
    assert row["id_hash"] == hashlib.sha256(sid.encode()).hexdigest() != sid
    assert row["client_address"] == "127.0.0.1" and row["revoked_at"] is None
    assert row["created_at"] == row["last_seen_at"] == factories.NOW


def test_a_cookie_copied_before_sign_out_stops_working_after_it(web: Flask) -> None:
    staff, thief = web.test_client(), web.test_client()
    sign_in(staff)
    copied = staff.get_cookie("session")
    assert copied is not None
    thief.set_cookie("session", copied.value)
    assert thief.get(CASE).status_code == 200
    page = staff.get("/").get_data(as_text=True)
    staff.post("/logout", data={"csrf": csrf_of(page)})
    assert thief.get(CASE).status_code == 302
    assert thief.get("/api/v1/cases").status_code == 401


def test_a_session_left_idle_for_half_an_hour_ends(web: Flask, on_postgres: Courier) -> None:
    client, clock = web.test_client(), on_postgres.clock
    assert isinstance(clock, FixedClock)
    sign_in(client)
    clock.advance(minutes=29)
    assert client.get(CASE).status_code == 200
    clock.advance(minutes=29)
    assert client.get(CASE).status_code == 200  # still alive: the last request touched it
    clock.advance(minutes=30)
    response = client.get(CASE)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_session_in_constant_use_ends_after_twelve_hours(
    web: Flask, on_postgres: Courier
) -> None:
    client, clock = web.test_client(), on_postgres.clock
    assert isinstance(clock, FixedClock)
    sign_in(client)
    for _ in range(11 * 3):
        clock.advance(minutes=20)
        assert client.get("/api/v1/cases").status_code == 200
    clock.advance(minutes=59)
    assert client.get("/api/v1/cases").status_code == 401


def test_last_seen_is_written_at_most_once_a_minute(web: Flask, on_postgres: Courier) -> None:
    client, clock = web.test_client(), on_postgres.clock
    assert isinstance(clock, FixedClock)
    sign_in(client)
    clock.advance(seconds=40)
    client.get("/api/v1/cases")
    assert rows(on_postgres)[0]["last_seen_at"] == factories.NOW
    clock.advance(seconds=40)
    client.get("/api/v1/cases")
    assert rows(on_postgres)[0]["last_seen_at"] == clock.now()


def test_disabling_an_account_ends_its_open_sessions(web: Flask, on_postgres: Courier) -> None:
    client = web.test_client()
    sign_in(client)
    assert client.get(CASE).status_code == 200
    with on_postgres.uow() as uow:
        account = uow.accounts.get_by_username("bj-window")
        assert account is not None and account.id is not None
        account_id = account.id
    with web.app_context():
        disable_account(on_postgres.uow(), staff_sessions(), account_id, on_postgres.clock.now())
    assert client.get(CASE).status_code == 302
    assert [r["revoked_at"] for r in rows(on_postgres)] == [factories.NOW]
    assert sign_in(web.test_client()).status_code == 401


def test_a_session_is_ended_at_once_when_its_account_is_disabled_by_hand(
    web: Flask, on_postgres: Courier
) -> None:
    client = web.test_client()
    sign_in(client)
    with on_postgres.engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE accounts SET active = false WHERE username = 'bj-window'")
        )
    assert client.get("/api/v1/cases").status_code == 401
