"""The simulator pushes tracking to Courier's own route, over each protocol, stored once.

SOAP pushes PushTrace to /carrier/push; the EMS open platform pushes 040002 to
/carrier/ems-open/push. Either way the events of a leg booked through that protocol land in
Courier's tracking store, a batch delivered twice is stored once, and nothing stays pending.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from courier.app import create_app
from courier.app.ems_open_push import EMS_PUSH_PATH
from courier.bootstrap import Courier, bootstrap
from courier.demo import seed_demo
from courier.domain.leg import LegStatus
from courier.ports.clock import FixedClock
from courier.services.booking import book_leg
from courier.storage.migrate import upgrade
from tests import factories
from tests.carrier_protocols import CARRIER_SETTING, running_front, serving
from tests.integration.app.conftest import settings_for

LEG = 1  # the demo's originals leg of BJDC2026112600001
PUSH_PATH = {"soap": "/carrier/push", "ems-open": EMS_PUSH_PATH}


@pytest.fixture
def courier_url(carrier_protocol: str, tmp_path: Path) -> Iterator[tuple[Courier, str]]:
    """Serve Courier for one carrier protocol; its carrier client is set once the front runs."""
    settings = settings_for(tmp_path, carrier=CARRIER_SETTING[carrier_protocol])
    app = bootstrap(settings, clock=FixedClock(factories.NOW))
    upgrade(app.engine)
    seed_demo(app)  # its jobs are dropped: the test books by hand
    with serving(create_app(wired=app)) as url:
        yield app, url
    app.close()


def test_pushed_events_reach_courier_once_over_the_protocol(
    carrier_protocol: str, courier_url: tuple[Courier, str]
) -> None:
    app, url = courier_url
    push_url = url + PUSH_PATH[carrier_protocol]
    with running_front(carrier_protocol, push_url=push_url, push_duplicates=True) as front:
        app.carrier_override = front.client()
        assert book_leg(app.uow(), app.carrier(), app.clock, LEG) is LegStatus.BOOKED
        with app.uow() as uow:
            waybill_no = uow.legs.get(LEG).waybill_no  # type: ignore[union-attr]
        front.advance_stages(3)

        front.admin("push")  # the batch, then the same batch once more
        status = front.admin("push")

    [serial, again] = status["delivered"]  # acknowledged both times …
    assert serial == again and status["pending"] == []
    with app.uow() as uow:
        codes = [event.op_code for event in uow.tracking.events_for(str(waybill_no))]
    assert codes == ["203", "954", "305"]  # … and stored once
