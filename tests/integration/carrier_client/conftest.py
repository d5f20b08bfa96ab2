"""The carrier simulator and hostile HTTP servers on free loopback ports, in threads."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from werkzeug.serving import make_server

from integrations.carrier.breaker import CircuitBreaker, InMemoryCircuitBreaker
from integrations.carrier.recording import InMemoryCallRecorder
from integrations.carrier.simulator import (
    CarrierSimulator,
    FaultKind,
    FaultRule,
    ManualClock,
    SimulatorSettings,
    create_simulator_app,
)
from integrations.carrier.soap import CarrierClientSettings, build_carrier
from integrations.carrier.soap.client import SoapCarrier
from tests.unit.carrier_client.samples import PASSWORD, USERNAME


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve a WSGI app on a free loopback port; give its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


class CountingRequests:
    """WSGI middleware counting the requests that reached the server."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.count = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        self.count += 1
        return self.app(environ, start_response)


@dataclass
class RunningSimulator:
    url: str
    simulator: CarrierSimulator
    clock: ManualClock
    counter: CountingRequests

    @property
    def requests_seen(self) -> int:
        return self.counter.count

    @property
    def endpoint(self) -> str:
        return f"{self.url}/carrier"

    def inject(self, kind: FaultKind, **details: Any) -> None:
        """Make the simulator answer the coming calls with this fault."""
        self.simulator.faults.configure([FaultRule(kind=kind, **details)], 0)

    def heal(self) -> None:
        self.simulator.faults.configure([], 0)


@pytest.fixture
def start_simulator() -> Iterator[Callable[..., RunningSimulator]]:
    started: list[tuple[Any, RunningSimulator]] = []

    def start(**settings: Any) -> RunningSimulator:
        clock = ManualClock()
        app = create_simulator_app(
            SimulatorSettings(username=USERNAME, password=PASSWORD, clock=clock, **settings)
        )
        counter = CountingRequests(app)
        server = serving(counter)
        simulator = app.extensions["carrier_simulator"]
        running = RunningSimulator(server.__enter__(), simulator, clock, counter)
        started.append((server, running))
        return running

    yield start
    for server, running in started:
        running.simulator.close()  # frees calls hanging in no-answer faults
        server.__exit__(None, None, None)


@pytest.fixture
def simulator(start_simulator: Callable[..., RunningSimulator]) -> RunningSimulator:
    return start_simulator(hang_seconds=5.0)


@pytest.fixture
def recorder() -> InMemoryCallRecorder:
    return InMemoryCallRecorder()


def client_settings(endpoint: str, **overrides: Any) -> CarrierClientSettings:
    defaults: dict[str, Any] = {
        "username": USERNAME,
        "password": PASSWORD,
        "connect_timeout": 1.0,
        "read_timeout": 1.0,
    }
    return CarrierClientSettings(endpoint=endpoint, **{**defaults, **overrides})


@pytest.fixture
def connect() -> Iterator[Callable[..., SoapCarrier]]:
    """Build real clients to an endpoint; close them afterwards."""
    clients: list[SoapCarrier] = []

    def make(
        endpoint: str,
        breaker: CircuitBreaker | None = None,
        recorder: InMemoryCallRecorder | None = None,
        **overrides: Any,
    ) -> SoapCarrier:
        carrier = build_carrier(
            client_settings(endpoint, **overrides),
            breaker or InMemoryCircuitBreaker(),
            recorder if recorder is not None else InMemoryCallRecorder(),
        )
        assert isinstance(carrier, SoapCarrier)
        clients.append(carrier)
        return carrier

    yield make
    for carrier in clients:
        carrier.close()


@pytest.fixture
def carrier(
    connect: Callable[..., SoapCarrier], simulator: RunningSimulator, recorder: InMemoryCallRecorder
) -> SoapCarrier:
    return connect(simulator.endpoint, recorder=recorder)
