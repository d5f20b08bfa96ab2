"""The embedded default books over either carrier protocol and prints the same label."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

from courier.app import create_app
from courier.bootstrap import Courier, bootstrap
from courier.demo import seed_demo
from courier.domain.leg import LegStatus
from courier.ports.clock import FixedClock
from courier.services.booking import book_leg
from courier.storage.migrate import upgrade
from integrations.carrier.ems_open import EmsOpenCarrier
from integrations.carrier.soap.client import SoapCarrier
from tests import factories
from tests.integration.app.conftest import basic, settings_for

LEG = 1  # the demo's originals leg of BJDC2026112600001
WINDOW = basic("bj-window")
CLIENT_BY_CARRIER: dict[str, type] = {"soap": SoapCarrier, "ems_open": EmsOpenCarrier}


@pytest.fixture(params=["soap", "ems_open"])
def embedded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Courier, Flask]]:
    """Serve Courier with its embedded simulator, configured for one carrier protocol."""
    server: BaseWSGIServer = make_server("127.0.0.1", 0, None, threaded=True)  # type: ignore[arg-type]
    settings = settings_for(
        tmp_path,
        carrier=request.param,
        simulator="embedded",
        carrier_endpoint="",
        port=server.server_port,
    )
    app = bootstrap(settings, clock=FixedClock(factories.NOW))
    upgrade(app.engine)
    seed_demo(app)  # its jobs are dropped: the test books by hand
    web = create_app(wired=app)
    server.app = web
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield app, web
    server.shutdown()
    thread.join(5)
    server.server_close()
    app.close()


def test_a_leg_booked_over_the_configured_protocol_prints_its_label(
    embedded: tuple[Courier, Flask],
) -> None:
    app, web = embedded
    carrier = app.carrier()
    assert isinstance(carrier, CLIENT_BY_CARRIER[app.settings.carrier])
    assert book_leg(app.uow(), carrier, app.clock, LEG) is LegStatus.BOOKED
    with app.uow() as uow:
        leg = uow.legs.get(LEG)
        assert leg is not None and leg.waybill_no
    client = web.test_client()
    response = client.get(f"/api/v1/legs/{LEG}/label.pdf?size=100x180", headers=WINDOW)
    assert response.status_code == 200
    with pymupdf.open(stream=io.BytesIO(response.data), filetype="pdf") as document:
        text = document[0].get_text()
    assert leg.waybill_no in text.replace(" ", "")
    assert leg.routing.mark_destination_name in text and leg.routing.route_code in text
    assert leg.routing.package_code_name in text
