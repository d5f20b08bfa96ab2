"""A wired Courier over SQLite and PostgreSQL with one case whose originals leg is booked."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from courier.bootstrap import Courier, bootstrap
from courier.ports.carrier import TraceEvent
from courier.ports.clock import FixedClock
from courier.services.booking import book_leg
from courier.services.tracking import record_tracking_events
from courier.storage.migrate import upgrade
from integrations.carrier.fake import FakeCarrier
from tests import factories
from tests.integration.app.conftest import settings_for


@pytest.fixture(params=["sqlite", "postgres"])
def wired(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Courier]:
    overrides = {}
    if request.param == "postgres":
        overrides["database_url"] = request.getfixturevalue("postgres_url")
    app = bootstrap(settings_for(tmp_path, **overrides), clock=FixedClock(factories.NOW))
    upgrade(app.engine)
    app.carrier_override = FakeCarrier()
    yield app
    app.close()


def open_booked_case(
    app: Courier, case_number: str = "BJ2026112600001", opted_in: bool = True
) -> str:
    """Store a case with a booked originals leg; return its waybill number."""
    with app.uow() as uow:
        hall, department = uow.halls.get_by_code("H-DC"), uow.departments.get_by_code("D-MZ")
        if hall is None or department is None:
            hall, department = factories.hall(None), factories.department(None)
            uow.halls.add(hall)
            uow.departments.add(department)
            uow.flush()
        case = factories.case(case_number, hall_id=hall.id or 0, department_id=department.id or 0)
        case.notify_applicant = opted_in
        leg = case.plan_originals_leg(hall, department, factories.shipping(f"CR{case_number}"))
        uow.cases.add(case)
        uow.commit()
        leg_id = leg.id or 0
    book_leg(app.uow(), app.carrier(), app.clock, leg_id)
    with app.uow() as uow:
        waybill = uow.legs.get(leg_id).waybill_no  # type: ignore[union-attr]
    assert waybill
    return waybill


def deliver(app: Courier, waybill: str, hours: int = 1) -> None:
    at = factories.NOW + timedelta(hours=hours)
    events = [TraceEvent(waybill, at, "203"), TraceEvent(waybill, at + timedelta(hours=5), "704")]
    record_tracking_events(app.uow(), app.clock, events)
