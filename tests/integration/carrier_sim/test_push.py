"""The simulator pushes tracking to a tiny receiver built on Courier's push reader."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from werkzeug.wsgi import get_input_stream

from courier.ports.carrier import TraceEvent
from courier.ports.push import PushAck, PushedBatch, PushRefused, Refusal
from integrations.carrier.push_endpoint import SoapPushReader
from tests.integration.carrier_sim.conftest import Served, Sim, SimFactory, order, serve

NO_BACKGROUND = 3600.0  # push rounds only when a test asks for one


class Receiver:
    """A WSGI app answering PushTrace with `SoapPushReader`, recording what it stored."""

    def __init__(self) -> None:
        self.batches: list[tuple[str, list[TraceEvent]]] = []
        self.refuse_next = 0
        self.arrived = threading.Event()

    def store(self, batch: PushedBatch) -> PushAck:
        if self.refuse_next:
            self.refuse_next -= 1
            return PushAck(batch.serial_no, False, "database unavailable")
        self.batches.append((batch.serial_no, list(batch.events)))
        self.arrived.set()
        return PushAck(batch.serial_no, True)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        reader = SoapPushReader()
        status = 200
        try:
            pushed = reader.open(get_input_stream(environ), None)
            if not self.credentials_ok(pushed.username, pushed.password):
                raise PushRefused(Refusal.UNAUTHENTICATED, "authentication failed")
            reply = reader.reply([self.store(batch) for batch in pushed.batches()])
        except PushRefused as refused:
            status, reply = 500, reader.refusal(refused)
        start_response(f"{status} X", [("Content-Type", "text/xml; charset=utf-8")])
        return [reply]

    @staticmethod
    def credentials_ok(username: str | None, password: str | None) -> bool:
        return (username, password) == ("carrier", "carrier-dev")

    def serials(self) -> list[str]:
        return [serial for serial, _ in self.batches]


@pytest.fixture
def receiver() -> Iterator[tuple[Receiver, Served]]:
    app = Receiver()
    served = serve(app)
    yield app, served
    served.stop()


def pushing_sim(make_sim: SimFactory, served: Served, **settings: Any) -> Sim:
    settings.setdefault("push_interval_seconds", NO_BACKGROUND)
    return make_sim(push_url=f"{served.url}/carrier/push", **settings)


def serials_from(sim: Sim, count: int) -> list[str]:
    """The next `count` serial numbers this simulator gives, whatever it gave before."""
    base = sim.simulator.numbers.peek("push")
    return [f"SIM{base + k:012d}" for k in range(1, count + 1)]


def test_new_events_are_pushed_once_and_acknowledged(make_sim: SimFactory, receiver):
    app, served = receiver
    sim = pushing_sim(make_sim, served)
    [s1] = serials_from(sim, 1)
    waybill_no = sim.zeep().service.CreateOrder(**order()).waybillNo
    sim.advance_stages(2)

    first = sim.admin("push")
    second = sim.admin("push")

    assert app.serials() == [s1]
    events = app.batches[0][1]
    assert [(e.waybill_no, e.op_code) for e in events] == [(waybill_no, "203"), (waybill_no, "954")]
    assert events[0].op_time == sim.clock.now() - timedelta(seconds=60)
    assert (first["pending"], second["delivered"]) == ([], [s1])


def test_a_batch_not_stored_is_sent_again_under_the_same_serial(make_sim: SimFactory, receiver):
    app, served = receiver
    app.refuse_next = 1
    sim = pushing_sim(make_sim, served)
    [s1] = serials_from(sim, 1)
    sim.zeep().service.CreateOrder(**order())
    sim.advance_stages(1)

    assert sim.admin("push")["pending"] == [s1]
    assert sim.admin("push")["pending"] == []
    assert app.serials() == [s1]


def test_pushes_are_retried_while_the_receiver_is_down(make_sim: SimFactory):
    sim = make_sim(push_url="http://127.0.0.1:9/carrier/push", push_interval_seconds=3600)
    [s1] = serials_from(sim, 1)
    sim.zeep().service.CreateOrder(**order())
    sim.advance_stages(1)

    status = sim.admin("push")

    assert status["pending"] == [s1] and status["lastError"]


def test_wrong_push_credentials_leave_the_batch_pending(make_sim: SimFactory, receiver):
    app, served = receiver
    sim = pushing_sim(make_sim, served, push_password="wrong")
    [s1] = serials_from(sim, 1)
    sim.zeep().service.CreateOrder(**order())
    sim.advance_stages(1)

    assert sim.admin("push")["pending"] == [s1]
    assert app.batches == []


def test_duplicates_mode_delivers_each_batch_twice(make_sim: SimFactory, receiver):
    app, served = receiver
    sim = pushing_sim(make_sim, served, push_duplicates=True)
    s1, s2 = serials_from(sim, 2)
    sim.zeep().service.CreateOrder(**order())
    sim.advance_stages(1)

    sim.admin("push")
    sim.advance_stages(1)
    sim.admin("push")
    sim.admin("push")

    assert app.serials() == [s1, s1, s2, s2]


def test_out_of_order_mode_sends_newest_batches_and_events_first(make_sim: SimFactory, receiver):
    app, served = receiver
    app.refuse_next = 1
    sim = pushing_sim(make_sim, served, push_out_of_order=True)
    s1, s2 = serials_from(sim, 2)
    sim.zeep().service.CreateOrder(**order())
    sim.advance_stages(1)
    sim.admin("push")  # refused: the first batch (203) stays pending
    sim.advance_stages(2)

    sim.admin("push")

    assert app.serials() == [s2, s1]
    assert [e.op_code for e in app.batches[0][1]] == ["305", "954"]


def test_the_background_thread_pushes_without_being_asked(make_sim: SimFactory, receiver):
    app, served = receiver
    sim = pushing_sim(make_sim, served, push_interval_seconds=0.02)
    sim.zeep().service.CreateOrder(**order())

    sim.advance_stages(1)

    assert app.arrived.wait(timeout=5)
    assert app.batches[0][1][0].op_code == "203"
