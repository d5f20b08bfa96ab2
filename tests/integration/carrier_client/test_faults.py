"""Every fault the simulator can inject, mapped by the real client to the right error.

Both protocols: the same faults must mean the same to booking, retries and the breaker.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from courier.ports.carrier import (
    Carrier,
    CarrierBusinessError,
    CarrierOutcomeUnknown,
    CarrierProtocolError,
    CarrierUnavailable,
)
from integrations.carrier.recording import CallOutcome, InMemoryCallRecorder
from integrations.carrier.simulator import DuplicateOrders, FaultKind
from tests.integration.carrier_client.conftest import RunningSimulator, both_protocols
from tests.unit.carrier_client.samples import order

pytestmark = [pytest.mark.services, both_protocols]


def free_port_nobody_listens_on() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_refused_connection_is_unavailable_not_unknown(connect: Callable[..., Carrier]) -> None:
    carrier = connect(f"http://127.0.0.1:{free_port_nobody_listens_on()}/carrier")
    with pytest.raises(CarrierUnavailable) as caught:
        carrier.create_order(order())
    assert type(caught.value) is CarrierUnavailable


def test_unknown_host_is_unavailable(connect: Callable[..., Carrier]) -> None:
    carrier = connect("http://carrier.invalid/carrier")
    with pytest.raises(CarrierUnavailable) as caught:
        carrier.query_order("LO-1")
    assert type(caught.value) is CarrierUnavailable


def test_system_fault_is_unavailable(carrier: Carrier, simulator: RunningSimulator) -> None:
    simulator.inject(FaultKind.SYSTEM_FAULT)
    with pytest.raises(CarrierUnavailable) as caught:
        carrier.create_order(order())
    assert (type(caught.value), caught.value.code) == (CarrierUnavailable, "S0001")


def test_business_fault_is_a_business_error(carrier: Carrier, simulator: RunningSimulator) -> None:
    simulator.inject(FaultKind.BUSINESS_FAULT)
    with pytest.raises(CarrierBusinessError) as caught:
        carrier.create_order(order())
    assert caught.value.code == "B0104"
    assert "号段" in caught.value.message


def test_gateway_5xx_without_a_fault_leaves_the_outcome_unknown(
    carrier: Carrier, simulator: RunningSimulator
) -> None:
    simulator.inject(FaultKind.HTTP_ERROR, http_status=502)
    with pytest.raises(CarrierOutcomeUnknown) as caught:
        carrier.create_order(order())
    assert caught.value.code == "HTTP_502"


def test_truncated_xml_is_a_protocol_error(carrier: Carrier, simulator: RunningSimulator) -> None:
    simulator.inject(FaultKind.MALFORMED)
    with pytest.raises(CarrierProtocolError):
        carrier.query_order("LO-1")


def test_no_answer_within_the_read_timeout_leaves_the_outcome_unknown(
    carrier: Carrier, simulator: RunningSimulator
) -> None:
    simulator.inject(FaultKind.NO_ANSWER, seconds=3.0)
    started = time.monotonic()
    with pytest.raises(CarrierOutcomeUnknown) as caught:
        carrier.create_order(order())
    assert caught.value.code == "READ_TIMEOUT"
    assert time.monotonic() - started < 2.5


def test_latency_within_the_timeout_is_still_a_booking(
    carrier: Carrier, simulator: RunningSimulator
) -> None:
    simulator.inject(FaultKind.LATENCY, seconds=0.3)
    assert carrier.create_order(order()).waybill_no


def test_order_created_before_a_timeout_is_resolved_through_query_order(
    carrier: Carrier, simulator: RunningSimulator, recorder: InMemoryCallRecorder
) -> None:
    simulator.inject(FaultKind.TIMEOUT_AFTER_COMMIT, operation="CreateOrder", count=1)
    with pytest.raises(CarrierOutcomeUnknown):
        carrier.create_order(order("LO-UNKNOWN-1"))
    [booking] = carrier.query_order("LO-UNKNOWN-1")
    assert len(booking.waybill_no) == 13
    outcomes = [(c.operation, c.outcome) for c in recorder.calls]
    assert outcomes == [
        ("CreateOrder", CallOutcome.OUTCOME_UNKNOWN),
        ("QueryOrder", CallOutcome.OK),
    ]


def test_deduplicating_carrier_answers_a_retry_with_the_same_waybill(
    connect: Callable[..., Carrier], start_simulator: Callable[..., RunningSimulator]
) -> None:
    simulator = start_simulator(duplicate_orders=DuplicateOrders.DEDUPLICATE)
    carrier = connect(simulator.endpoint)
    first = carrier.create_order(order("LO-DUP-1"))
    assert carrier.create_order(order("LO-DUP-1")).waybill_no == first.waybill_no
    assert [b.waybill_no for b in carrier.query_order("LO-DUP-1")] == [first.waybill_no]


def test_non_deduplicating_carrier_makes_a_second_waybill_seen_through_query_order(
    connect: Callable[..., Carrier], start_simulator: Callable[..., RunningSimulator]
) -> None:
    simulator = start_simulator(duplicate_orders=DuplicateOrders.NEW_WAYBILL)
    carrier = connect(simulator.endpoint)
    first = carrier.create_order(order("LO-DUP-2"))
    second = carrier.create_order(order("LO-DUP-2"))
    assert first.waybill_no != second.waybill_no
    waybills = [b.waybill_no for b in carrier.query_order("LO-DUP-2")]
    assert waybills == [first.waybill_no, second.waybill_no]


def test_rejecting_carrier_refuses_a_repeat_as_a_duplicate(
    connect: Callable[..., Carrier], start_simulator: Callable[..., RunningSimulator]
) -> None:
    simulator = start_simulator(duplicate_orders=DuplicateOrders.REJECT)
    carrier = connect(simulator.endpoint)
    carrier.create_order(order("LO-DUP-3"))
    with pytest.raises(CarrierBusinessError) as caught:
        carrier.create_order(order("LO-DUP-3"))
    assert caught.value.code == "B0101"


@pytest.fixture
def resetting_server() -> Iterator[str]:
    """A server that reads the request, then resets the connection without answering."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(5)

    def serve_one() -> None:
        with contextlib.suppress(OSError):
            connection, _ = listener.accept()
            connection.recv(65536)
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            connection.close()

    thread = threading.Thread(target=serve_one, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/carrier"
    thread.join(5)
    listener.close()


def test_connection_reset_after_sending_leaves_the_outcome_unknown(
    connect: Callable[..., Carrier], resetting_server: str
) -> None:
    with pytest.raises(CarrierOutcomeUnknown) as caught:
        connect(resetting_server).create_order(order())
    assert caught.value.code == "CONNECTION_LOST"
