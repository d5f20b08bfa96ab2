"""Six confirmations of one parcel at the same moment, on gunicorn and PostgreSQL: one wins."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
import requests
import sqlalchemy as sa

from courier.bootstrap import bootstrap
from courier.config import Settings
from courier.domain.leg import LegStatus
from tests.integration.app.test_desk import csrf_of
from tests.integration.full_stack.test_simultaneous_bookings import (
    all_at_once,
    courier_env,
    gunicorn,
)
from tests.receipt_support import RECEIVER, deliver_originals, material_ids

__all__ = ["courier_env", "gunicorn"]  # fixtures shared with the booking race
SIMULTANEOUS = 6


def delivered(env: dict[str, str]) -> tuple[str, list[int]]:
    app = bootstrap(Settings.from_env({**os.environ, **env}))
    try:
        return deliver_originals(app), material_ids(app)
    finally:
        app.close()


def receipts_of(env: dict[str, str], waybill: str) -> tuple[LegStatus, int, int]:
    """Return the leg's status, its receipts and its receipt events, read back from storage."""
    app = bootstrap(Settings.from_env({**os.environ, **env}))
    try:
        with app.uow() as uow:
            leg = uow.legs.get_by_waybill(waybill)
            assert leg is not None and leg.id is not None
            with app.engine.connect() as connection:
                count = connection.execute(
                    sa.text("SELECT count(*) FROM receipts WHERE leg_id = :leg"), {"leg": leg.id}
                ).scalar_one()
            events = [e for e in uow.leg_events.for_leg(leg.id) if "receipt" in e.event_type.value]
            return leg.status, count, len(events)
    finally:
        app.close()


def through_the_api(url: str, waybill: str, ids: list[int]) -> Callable[[], requests.Response]:
    session = requests.Session()
    session.auth = (RECEIVER, "courier-demo")
    session.get(f"{url}/healthz", timeout=10)  # connect before the barrier
    items = [{"material_id": i, "state": "received"} for i in ids]
    return lambda: session.post(
        f"{url}/api/v1/legs/{waybill}/receipt", json={"items": items}, timeout=30
    )


def through_the_form(url: str, waybill: str, ids: list[int]) -> Callable[[], requests.Response]:
    session = requests.Session()
    token = csrf_of(session.get(f"{url}/login", timeout=10).text)
    login = {"csrf": token, "username": RECEIVER, "password": "courier-demo"}
    session.post(f"{url}/login", data=login, timeout=10)
    token = csrf_of(session.get(f"{url}/receive/{waybill}", timeout=10).text)
    form = {"csrf": token, **{f"state-{i}": "received" for i in ids}}
    return lambda: session.post(
        f"{url}/receive/{waybill}", data=form, timeout=30, allow_redirects=False
    )


@pytest.mark.parametrize("entry", [through_the_api, through_the_form], ids=["api", "form"])
def test_simultaneous_confirmations_store_one_receipt_and_the_others_hear_409(
    gunicorn: str,
    courier_env: dict[str, str],
    entry: Callable[[str, str, list[int]], Callable[[], requests.Response]],
) -> None:
    waybill, ids = delivered(courier_env)
    answers = all_at_once([entry(gunicorn, waybill, ids) for _ in range(SIMULTANEOUS)])
    statuses = [answer.status_code for answer in answers]
    won = 200 if entry is through_the_api else 302
    assert sorted(statuses) == sorted([won] + [409] * (SIMULTANEOUS - 1)), statuses
    assert receipts_of(courier_env, waybill) == (LegStatus.RECEIVED, 1, 1)
    refused = [answer.text for answer in answers if answer.status_code == 409]
    assert all("不能重复确认" in text for text in refused), refused
