"""The simulator pushes tracking to a tiny receiver built on Courier's push readers.

Each test runs over both protocols: SOAP PushTrace read by `SoapPushReader`, and the EMS
open platform's 040002 form read by `EmsPushReader`; batches, serials and retries are the same.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from werkzeug.wrappers import Request

from courier.ports.carrier import TraceEvent
from courier.ports.push import PushAck, PushedBatch, PushRefused, Refusal
from integrations.carrier.ems_open.push import EmsPushReader
from integrations.carrier.push_endpoint import SoapPushReader
from tests.carrier_protocols import (
    EMS_SENDER_NO,
    EMS_SIGN_KEY,
    CarrierFront,
    running_front,
    sample_order,
    serving,
)

NO_BACKGROUND = 3600.0  # push rounds only when a test asks for one
OTHER_SIGN_KEY = base64.b64encode(b"another-key-16by").decode()


class Receiver:
    """A WSGI app answering pushes with Courier's reader of one protocol, recording batches."""

    def __init__(self, protocol: str) -> None:
        self.protocol = protocol
        self.batches: list[tuple[str, list[TraceEvent]]] = []
        self.refuse_next = 0
        self.arrived = threading.Event()
        # what a push must be signed with: the simulator's defaults, Courier's dev settings
        self.push_password = "carrier-dev"
        self.sign_key = EMS_SIGN_KEY

    def expect_other_credentials(self) -> None:
        self.push_password, self.sign_key = "another-password", OTHER_SIGN_KEY

    def store(self, batch: PushedBatch) -> PushAck:
        if self.refuse_next:
            self.refuse_next -= 1
            return PushAck(batch.serial_no, False, "database unavailable")
        self.batches.append((batch.serial_no, list(batch.events)))
        self.arrived.set()
        return PushAck(batch.serial_no, True)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        answer = self.ems if self.protocol == "ems-open" else self.soap
        status, content_type, reply = answer(Request(environ))
        start_response(f"{status} X", [("Content-Type", content_type)])
        return [reply]

    def soap(self, request: Request) -> tuple[int, str, bytes]:
        reader = SoapPushReader()
        try:
            pushed = reader.open(request.stream, None)
            if (pushed.username, pushed.password) != ("carrier", self.push_password):
                raise PushRefused(Refusal.UNAUTHENTICATED, "authentication failed")
            return 200, "text/xml", reader.reply([self.store(b) for b in pushed.batches()])
        except PushRefused as refused:
            return 500, "text/xml", reader.refusal(refused)

    def ems(self, request: Request) -> tuple[int, str, bytes]:
        reader = EmsPushReader(EMS_SENDER_NO, self.sign_key)
        try:
            batches = reader.batches(request.form)
            return 200, "application/json", reader.reply([self.store(b) for b in batches])
        except PushRefused as refused:
            return 200, "application/json", reader.refusal(refused)

    def serials(self) -> list[str]:
        return [serial for serial, _ in self.batches]


@pytest.fixture
def receiver(carrier_protocol: str) -> Iterator[tuple[Receiver, str]]:
    app = Receiver(carrier_protocol)
    with serving(app) as url:
        yield app, f"{url}/carrier/push"


@contextmanager
def pushing(protocol: str, push_url: str, **settings: Any) -> Iterator[CarrierFront]:
    settings.setdefault("push_interval_seconds", NO_BACKGROUND)
    with running_front(protocol, push_url=push_url, **settings) as front:
        yield front


def serials_from(front: CarrierFront, count: int) -> list[str]:
    """The next `count` serial numbers this simulator gives, whatever it gave before."""
    base = front.simulator.numbers.peek("push")
    return [f"SIM{base + k:012d}" for k in range(1, count + 1)]


def test_new_events_are_pushed_once_and_acknowledged(carrier_protocol: str, receiver):
    app, url = receiver
    with pushing(carrier_protocol, url) as front:
        [s1] = serials_from(front, 1)
        waybill_no = front.client().create_order(sample_order()).waybill_no
        front.advance_stages(2)

        first = front.admin("push")
        second = front.admin("push")
        now = front.clock.now()

    assert app.serials() == [s1]
    events = app.batches[0][1]
    assert [(e.waybill_no, e.op_code) for e in events] == [(waybill_no, "203"), (waybill_no, "954")]
    assert events[0].op_time == now - timedelta(seconds=60)
    assert (first["pending"], second["delivered"]) == ([], [s1])


def test_a_batch_not_stored_is_sent_again_under_the_same_serial(carrier_protocol: str, receiver):
    app, url = receiver
    app.refuse_next = 1
    with pushing(carrier_protocol, url) as front:
        [s1] = serials_from(front, 1)
        front.client().create_order(sample_order())
        front.advance_stages(1)

        assert front.admin("push")["pending"] == [s1]
        assert front.admin("push")["pending"] == []
    assert app.serials() == [s1]


def test_pushes_are_retried_while_the_receiver_is_down(carrier_protocol: str):
    with pushing(carrier_protocol, "http://127.0.0.1:9/carrier/push") as front:
        [s1] = serials_from(front, 1)
        front.client().create_order(sample_order())
        front.advance_stages(1)

        status = front.admin("push")

    assert status["pending"] == [s1] and status["lastError"]


def test_pushes_signed_with_other_credentials_stay_pending(carrier_protocol: str, receiver):
    app, url = receiver
    app.expect_other_credentials()
    with pushing(carrier_protocol, url) as front:
        [s1] = serials_from(front, 1)
        front.client().create_order(sample_order())
        front.advance_stages(1)

        assert front.admin("push")["pending"] == [s1]
    assert app.batches == []


def test_duplicates_mode_delivers_each_batch_twice(carrier_protocol: str, receiver):
    app, url = receiver
    with pushing(carrier_protocol, url, push_duplicates=True) as front:
        s1, s2 = serials_from(front, 2)
        front.client().create_order(sample_order())
        front.advance_stages(1)

        front.admin("push")
        front.advance_stages(1)
        front.admin("push")
        front.admin("push")

    assert app.serials() == [s1, s1, s2, s2]


def test_out_of_order_mode_sends_newest_batches_and_events_first(carrier_protocol: str, receiver):
    app, url = receiver
    app.refuse_next = 1
    with pushing(carrier_protocol, url, push_out_of_order=True) as front:
        s1, s2 = serials_from(front, 2)
        front.client().create_order(sample_order())
        front.advance_stages(1)
        front.admin("push")  # refused: the first batch (203) stays pending
        front.advance_stages(2)

        front.admin("push")

    assert app.serials() == [s2, s1]
    assert [e.op_code for e in app.batches[0][1]] == ["305", "954"]


def test_the_background_thread_pushes_without_being_asked(carrier_protocol: str, receiver):
    app, url = receiver
    with pushing(carrier_protocol, url, push_interval_seconds=0.02) as front:
        front.client().create_order(sample_order())

        front.advance_stages(1)

        assert app.arrived.wait(timeout=5)
    assert app.batches[0][1][0].op_code == "203"
