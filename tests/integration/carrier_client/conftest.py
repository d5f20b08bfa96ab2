"""The carrier simulator and hostile HTTP servers on free loopback ports, in threads.

Modules marked `both_protocols` run each test over SOAP and over the EMS open platform: the
simulator serves, and `connect` builds the client of, the protocol of the `protocol` fixture.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from werkzeug.serving import make_server

from courier.ports.carrier import Carrier
from integrations.carrier.breaker import CircuitBreaker, InMemoryCircuitBreaker
from integrations.carrier.ems_open import PLATFORM_PATH, EmsOpenCarrier, EmsOpenSettings
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
from tests.unit.ems_open.samples import VECTOR_SIGN_KEY

PROTOCOLS = ("soap", "ems-open")
both_protocols = pytest.mark.parametrize("protocol", PROTOCOLS, indirect=True)
EMS_SENDER_NO = "1100012345678"
EMS_CREDENTIALS = {
    "ems_sender_no": EMS_SENDER_NO,
    "ems_authorization": PASSWORD,
    "ems_sign_key": VECTOR_SIGN_KEY,
}


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
    protocol: str = "soap"

    @property
    def requests_seen(self) -> int:
        return self.counter.count

    @property
    def endpoint(self) -> str:
        return self.url + (PLATFORM_PATH if self.protocol == "ems-open" else "/carrier")

    def inject(self, kind: FaultKind, **details: Any) -> None:
        """Make the simulator answer the coming calls with this fault."""
        self.simulator.faults.configure([FaultRule(kind=kind, **details)], 0)

    def heal(self) -> None:
        self.simulator.faults.configure([], 0)


@pytest.fixture
def protocol(request: pytest.FixtureRequest) -> str:
    """Return the carrier protocol under test: SOAP unless the module runs both."""
    return str(getattr(request, "param", "soap"))


@pytest.fixture
def start_simulator(protocol: str) -> Iterator[Callable[..., RunningSimulator]]:
    started: list[tuple[Any, RunningSimulator]] = []

    def start(**settings: Any) -> RunningSimulator:
        clock = ManualClock()
        credentials = {"username": USERNAME, "password": PASSWORD, **EMS_CREDENTIALS}
        app = create_simulator_app(
            SimulatorSettings(clock=clock, protocol=protocol, **{**credentials, **settings})
        )
        counter = CountingRequests(app)
        server = serving(counter)
        simulator = app.extensions["carrier_simulator"]
        running = RunningSimulator(server.__enter__(), simulator, clock, counter, protocol)
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


def ems_open_settings(endpoint: str, **overrides: Any) -> EmsOpenSettings:
    """The EMS client's settings; `password` (as for SOAP) stands for the authorization code."""
    if "password" in overrides:
        overrides["authorization"] = overrides.pop("password")
    overrides.pop("username", None)
    defaults: dict[str, Any] = {
        "sender_no": EMS_SENDER_NO,
        "authorization": PASSWORD,
        "sign_key": VECTOR_SIGN_KEY,
        "connect_timeout": 1.0,
        "read_timeout": 1.0,
    }
    return EmsOpenSettings(endpoint=endpoint, **{**defaults, **overrides})


@pytest.fixture
def connect(protocol: str) -> Iterator[Callable[..., Any]]:
    """Build real clients of the protocol under test to an endpoint; close them afterwards."""
    clients: list[SoapCarrier | EmsOpenCarrier] = []

    def make(
        endpoint: str,
        breaker: CircuitBreaker | None = None,
        recorder: InMemoryCallRecorder | None = None,
        **overrides: Any,
    ) -> Carrier:
        breaker = breaker or InMemoryCircuitBreaker()
        recorder = recorder if recorder is not None else InMemoryCallRecorder()
        carrier: SoapCarrier | EmsOpenCarrier
        if protocol == "ems-open":
            carrier = EmsOpenCarrier(ems_open_settings(endpoint, **overrides), breaker, recorder)
        else:
            built = build_carrier(client_settings(endpoint, **overrides), breaker, recorder)
            assert isinstance(built, SoapCarrier)
            carrier = built
        clients.append(carrier)
        return carrier

    yield make
    for carrier in clients:
        carrier.close()


@pytest.fixture
def carrier(
    connect: Callable[..., Carrier], simulator: RunningSimulator, recorder: InMemoryCallRecorder
) -> Carrier:
    return connect(simulator.endpoint, recorder=recorder)
