"""The options staff choose for a leg reach the carrier, booked through the real simulator.

Run over both carrier protocols (SOAP and the EMS open platform).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from courier.bootstrap import Courier, bootstrap
from courier.demo import seed_demo
from courier.domain.leg import LegKind, LegStatus
from courier.domain.local_time import CHINA_TIME
from courier.ports.carrier import Carrier
from courier.ports.clock import FixedClock
from courier.services.booking import book_leg
from courier.services.commands import PlanLeg
from courier.services.leg_actions import cancel_leg
from courier.services.legs import plan_leg
from courier.storage.migrate import upgrade
from integrations.carrier.simulator.parcels import OrderTerms
from tests import factories
from tests.integration.app.conftest import settings_for
from tests.integration.carrier_client.conftest import RunningSimulator, both_protocols

pytestmark = both_protocols
CASE = "HZXH2026112600003"  # the demo's decided case, result mailed to the applicant


@pytest.fixture
def wired(tmp_path: Path) -> Iterator[Courier]:
    app = bootstrap(settings_for(tmp_path), clock=FixedClock(factories.NOW))
    upgrade(app.engine)
    seed_demo(app)  # its jobs are dropped: the tests book by hand
    yield app
    app.close()


def account_id(app: Courier, username: str) -> int:
    with app.uow() as uow:
        account = uow.accounts.get_by_username(username)
        assert account is not None and account.id is not None
        return account.id


def terms_received(simulator: RunningSimulator, app: Courier, leg_id: int) -> OrderTerms:
    with app.uow() as uow:
        leg = uow.legs.get(leg_id)
        assert leg is not None and leg.status is LegStatus.BOOKED
        order_no = leg.order_no
    [parcel] = simulator.simulator.book.for_order(order_no)
    return parcel.terms


def book(app: Courier, carrier: Carrier, username: str, command: dict[str, object]) -> int:
    leg_id = plan_leg(app.uow(), account_id(app, username), CASE, PlanLeg.parse(command), app.clock)
    assert book_leg(app.uow(), carrier, app.clock, leg_id) is LegStatus.BOOKED
    return leg_id


def test_a_supplement_is_booked_for_door_collection_with_a_return_receipt(
    wired: Courier, simulator: RunningSimulator, connect: Callable[..., Carrier]
) -> None:
    carrier = connect(simulator.endpoint)
    leg_id = book(wired, carrier, "hz-window", {"kind": "supplement", "receipt_flag": True})
    terms = terms_received(simulator, wired, leg_id)
    assert (terms.pickup_type, terms.receipt_flag, terms.payment_mode) == ("1", True, "1")
    # the next morning after the app's clock (26 Nov, 17:00 in China), in China time
    assert datetime.fromisoformat(terms.pickup_start) == datetime(
        2026, 11, 27, 9, tzinfo=CHINA_TIME
    )
    assert datetime.fromisoformat(terms.pickup_end) == datetime(2026, 11, 27, 12, tzinfo=CHINA_TIME)


def test_a_result_paid_by_the_applicant_is_sent_with_receiver_pays_and_the_chosen_window(
    wired: Courier, simulator: RunningSimulator, connect: Callable[..., Carrier]
) -> None:
    carrier = connect(simulator.endpoint)
    with wired.uow() as uow:
        case = uow.cases.get(CASE)
        assert case is not None
        planned = case.live_leg(LegKind.RESULT)
        assert planned is not None and planned.id is not None
        demo_result = planned.id
    cancel_leg(wired.uow(), carrier, demo_result, "改为到付", wired.clock.now())
    command = {
        "kind": "result",
        "payment_mode": 2,
        "pickup_type": 1,
        "pickup_start": "2026-11-28T14:00:00+08:00",
        "pickup_end": "2026-11-28T17:00:00+08:00",
    }
    terms = terms_received(simulator, wired, book(wired, carrier, "zj-shijian", command))
    assert (terms.payment_mode, terms.pickup_type, terms.receipt_flag) == ("2", "1", False)
    assert datetime.fromisoformat(terms.pickup_start) == datetime(
        2026, 11, 28, 14, tzinfo=CHINA_TIME
    )


def test_a_leg_without_options_is_sent_as_a_counter_drop_off_without_receipt(
    wired: Courier, simulator: RunningSimulator, connect: Callable[..., Carrier]
) -> None:
    carrier = connect(simulator.endpoint)
    assert book_leg(wired.uow(), carrier, wired.clock, 1) is LegStatus.BOOKED
    assert terms_received(simulator, wired, 1) == OrderTerms("1", "0", "", "", False)
