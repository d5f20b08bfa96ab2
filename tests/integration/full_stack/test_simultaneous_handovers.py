"""Six hand-overs of one result at the same moment, on gunicorn and PostgreSQL: one wins."""

from __future__ import annotations

import os

import requests
import sqlalchemy as sa

from courier.bootstrap import bootstrap
from courier.config import Settings
from tests.integration.full_stack.test_simultaneous_bookings import (
    all_at_once,
    courier_env,
    gunicorn,
)
from tests.receipt_support import PICKUP_CASE, SENDER, result_at_the_hall

__all__ = ["courier_env", "gunicorn"]  # fixtures shared with the booking race
SIMULTANEOUS = 6


def stored(env: dict[str, str]) -> tuple[str, int, list[str]]:
    """Return the case's status, its hand-overs and its closing reports, read back."""
    app = bootstrap(Settings.from_env({**os.environ, **env}))
    try:
        with app.engine.connect() as connection:
            case_id, status = connection.execute(
                sa.text("SELECT id, status FROM cases WHERE case_number = :n"), {"n": PICKUP_CASE}
            ).one()
            handovers = connection.execute(
                sa.text("SELECT count(*) FROM result_handovers WHERE case_id = :c"), {"c": case_id}
            ).scalar_one()
            reports = connection.execute(
                sa.text(
                    "SELECT event_type FROM outbox_events WHERE case_id = :c "
                    "AND event_type LIKE 'case.%' ORDER BY sequence"
                ),
                {"c": case_id},
            ).scalars()
            return status, handovers, list(reports)
    finally:
        app.close()


def test_simultaneous_hand_overs_close_the_case_once(
    gunicorn: str, courier_env: dict[str, str]
) -> None:
    app = bootstrap(Settings.from_env({**os.environ, **courier_env}))
    try:
        result_at_the_hall(app)
    finally:
        app.close()

    def hand_over(name: str):
        session = requests.Session()
        session.auth = (SENDER, "courier-demo")
        session.get(f"{gunicorn}/healthz", timeout=10)  # connect before the barrier
        body = {"collector": "agent", "collector_name": name, "identity_checked": True}
        url = f"{gunicorn}/api/v1/cases/{PICKUP_CASE}/handover"
        return lambda: session.post(url, json=body, timeout=30)

    answers = all_at_once([hand_over(f"代领{i}") for i in range(SIMULTANEOUS)])
    statuses = [answer.status_code for answer in answers]
    assert sorted(statuses) == [200] + [409] * (SIMULTANEOUS - 1), statuses
    refused = [answer.json()["error"]["message"] for answer in answers if answer.status_code == 409]
    assert all("不能重复登记" in message for message in refused), refused
    assert stored(courier_env) == ("closed", 1, ["case.result_handed_over", "case.closed"])
