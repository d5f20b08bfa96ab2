"""A case's reports are numbered 1, 2, 3… even when several transactions report at once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from courier.bootstrap import Courier
from courier.domain.tracking import LegEventType as E
from courier.storage import tables
from tests.integration.reports.conftest import new_case, report
from tests.integration.storage.contract.support import Offices

WRITERS = 8


def sequences(app: Courier, case_id: int) -> list[int]:
    e = tables.outbox_events
    with app.engine.connect() as connection:
        query = sa.select(e.c.sequence).where(e.c.case_id == case_id).order_by(e.c.id)
        return list(connection.scalars(query))


def test_simultaneous_writers_for_one_case_get_distinct_numbers_in_commit_order(
    courier_pg: Courier, offices: Offices
) -> None:
    stored = new_case(courier_pg, offices, "BJ2026112600001")
    other = new_case(courier_pg, offices, "BJ2026112600002")
    start, errors = threading.Barrier(WRITERS), []

    def write(n: int) -> None:
        start.wait()  # every writer opens its transaction at the same moment
        try:
            report(courier_pg, stored if n % 4 else other, E.ACCEPTED, E.DELIVERED)
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    # Row ids grow in insertion order; numbers in the same order prove no one overtook.
    assert sequences(courier_pg, stored.case_id) == list(range(1, 13))
    assert sequences(courier_pg, other.case_id) == [1, 2, 3, 4]


def test_the_database_refuses_a_second_report_with_the_same_number(
    courier_pg: Courier, offices: Offices
) -> None:
    stored = new_case(courier_pg, offices, "BJ2026112600001")
    report(courier_pg, stored, E.ACCEPTED)
    row = {
        "message_id": "msg_copy", "case_id": stored.case_id, "sequence": 1, "leg_id": None,
        "event_type": "leg.accepted", "body": "{}", "recorded_at": datetime.now(UTC),
    }  # fmt: skip
    with courier_pg.engine.begin() as connection, pytest.raises(sa.exc.IntegrityError):
        connection.execute(sa.insert(tables.outbox_events), [row])
