"""Two desks at once: the database's unique rules keep legs single, users get a Conflict."""

from __future__ import annotations

from pathlib import Path

import pytest

from courier.bootstrap import Courier, bootstrap
from courier.demo import seed_demo
from courier.domain.errors import Conflict
from courier.domain.handover import hand_over
from courier.ports.clock import FixedClock
from courier.storage.migrate import upgrade
from integrations.carrier.fake import FakeCarrier
from tasks.inprocess import ImmediateTaskQueue
from tasks.jobs import run_job
from tests import factories
from tests.integration.app.conftest import settings_for


@pytest.fixture(params=["sqlite", "postgres"])
def wired(request: pytest.FixtureRequest, tmp_path: Path) -> Courier:
    overrides = {}
    if request.param == "postgres":
        overrides["database_url"] = request.getfixturevalue("postgres_url")
    app = bootstrap(settings_for(tmp_path, **overrides), clock=FixedClock(factories.NOW))
    upgrade(app.engine)
    app.carrier_override = FakeCarrier()

    app.tasks = ImmediateTaskQueue(lambda job, args: run_job(app, job, args))
    seed_demo(app)
    return app


def test_a_leg_recorded_in_two_handovers_at_once_is_refused(wired: Courier) -> None:
    # Two desks load the same booked leg; both pass the status check before either commits.
    first, second = wired.uow(), wired.uow()
    with first, second:
        legs = [uow.legs.get(1) for uow in (first, second)]
        handovers = [
            hand_over([leg], factories.NOW, None)  # type: ignore[list-item]
            for leg in legs
        ]
        first.handovers.add(handovers[0])
        second.handovers.add(handovers[1])
        first.commit()
        with pytest.raises(Conflict):
            second.commit()
    with wired.uow() as uow:
        assert uow.legs.get(1).status.value == "handed_over"  # type: ignore[union-attr]
    wired.close()
