"""Reports relayed for real: PostgreSQL, the HTTP adapter and a verifying HTTP receiver."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from courier.bootstrap import Courier, bootstrap
from courier.domain.leg import LegStatus
from courier.domain.tracking import LegEventType, leg_event
from courier.ports.clock import SystemClock
from courier.services import events
from courier.services.relay import RelayPolicy, relay_reports
from courier.services.webhooks import Subscribe, create_endpoint
from courier.storage import tables
from courier.storage.migrate import upgrade
from integrations.case_system.http import HttpCaseSystem
from tests import factories
from tests.integration.app.conftest import settings_for
from tests.integration.carrier_sim.conftest import Served, serve
from tests.integration.reports.receiver import Receiver
from tests.integration.storage.contract.support import Offices, Stored, store_case

ALL_TYPES = ["leg.booked", "leg.accepted", "leg.delivered", "leg.lost", "leg.stuck"]
POLICY = RelayPolicy(batch=50, workers=4, timeout=5.0)
_SERIAL = itertools.count(1)


@pytest.fixture
def courier_pg(postgres_url: str, tmp_path: Path) -> Iterator[Courier]:
    app = bootstrap(settings_for(tmp_path, database_url=postgres_url), clock=SystemClock())
    upgrade(app.engine)
    yield app
    app.close()


@pytest.fixture
def offices(courier_pg: Courier) -> Offices:
    return add_offices(courier_pg)


def add_offices(app: Courier) -> Offices:
    """Store two halls and two departments; return their ids."""
    with app.uow() as uow:
        halls = [factories.hall(None, code) for code in ("H-DC", "H-XC")]
        departments = [factories.department(None, code) for code in ("D-MZ", "D-GA")]
        for office in halls:
            uow.halls.add(office)
        for office in departments:
            uow.departments.add(office)
        uow.commit()
        return Offices(*[o.id for o in (*halls, *departments)])  # type: ignore[arg-type]


@dataclass
class Hooked:
    """A running receiver, subscribed as an endpoint, with its secret."""

    receiver: Receiver
    served: Served
    endpoint_id: int
    secret: str

    @property
    def url(self) -> str:
        return f"{self.served.url}/hook"


@pytest.fixture
def hooked(courier_pg: Courier) -> Iterator[Hooked]:
    receiver = Receiver()
    served = serve(receiver)
    url = f"{served.url}/hook"
    endpoint, secret = create_endpoint(
        courier_pg.uow(), courier_pg.clock, Subscribe(url, ALL_TYPES), False
    )
    receiver.secrets.append(secret)
    yield Hooked(receiver, served, endpoint.id, secret)
    served.stop()


def new_case(app: Courier, offices: Offices, number: str) -> Stored:
    return store_case(
        app.uow,
        offices,
        number,
        status=LegStatus.BOOKED,
        waybill_no=f"11{abs(hash(number)) % 10**11:011d}",
    )


def report(app: Courier, stored: Stored, *types: LegEventType) -> None:
    """Record these events of the case's leg in one transaction."""
    with app.uow() as uow:
        leg = uow.legs.get(stored.leg_id)
        assert leg is not None
        now = datetime.now(UTC)
        events.record(uow, [leg_event(leg, t, now) for t in types])
        uow.commit()


def relay(app: Courier, policy: RelayPolicy = POLICY) -> int:
    return relay_reports(app.uow(), HttpCaseSystem(), app.clock, policy)


def make_due(app: Courier) -> None:
    """Let time pass until every pending retry is due."""
    d = tables.webhook_deliveries
    with app.engine.begin() as connection:
        connection.execute(
            sa.update(d).where(d.c.state == "pending").values(next_attempt_at=datetime.now(UTC))
        )


def deliveries(app: Courier) -> list[sa.Row[tuple[object, ...]]]:
    d = tables.webhook_deliveries
    with app.engine.connect() as connection:
        return list(connection.execute(sa.select(d).order_by(d.c.case_id, d.c.sequence)))


def message_of(app: Courier, case_id: int, sequence: int) -> str:
    """Return the webhook-id of a case's report."""
    e = tables.outbox_events
    with app.engine.connect() as connection:
        query = sa.select(e.c.message_id).where(e.c.case_id == case_id, e.c.sequence == sequence)
        return str(connection.scalar(query))
