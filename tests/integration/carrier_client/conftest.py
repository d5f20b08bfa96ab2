"""The carrier simulator and hostile HTTP servers on free loopback ports, in threads.

Modules marked `both_protocols` run each test over SOAP and over the EMS open platform: the
simulator serves, and `connect` builds the client of, the protocol of the `protocol` fixture.
Unlike `tests.carrier_protocols` (one simulator per module), these tests start a simulator
each, with their own credentials and behaviour (duplicates, hang time); faults still go through
its admin API over HTTP.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests

from courier.ports.carrier import Carrier
from integrations.carrier.breaker import CircuitBreaker, InMemoryCircuitBreaker
from integrations.carrier.ems_open import PLATFORM_PATH, EmsOpenCarrier, EmsOpenSettings
from integrations.carrier.recording import InMemoryCallRecorder
from integrations.carrier.simulator import (
    CarrierSimulator,
    FaultKind,
    ManualClock,
    SimulatorSettings,
    create_simulator_app,
)
from integrations.carrier.soap import CarrierClientSettings, build_carrier
from integrations.carrier.soap.client import SoapCarrier
from tests.carrier_protocols import ADMIN_TOKEN, PROTOCOLS, serving
from tests.unit.carrier_client.samples import PASSWORD, USERNAME
from tests.unit.ems_open.samples import VECTOR_SIGN_KEY

both_protocols = pytest.mark.parametrize("protocol", PROTOCOLS, indirect=True)
EMS_SENDER_NO = "1100012345678"
EMS_CREDENTIALS = {
    "ems_sender_no": EMS_SENDER_NO,
    "ems_authorization": PASSWORD,
    "ems_sign_key": VECTOR_SIGN_KEY,
}


class CountingRequests:
    """WSGI middleware counting the carrier calls that reached the server (not admin ones)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.count = 0

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if not environ.get("PATH_INFO", "").startswith("/carrier/admin"):
            self.count += 1
        return self.app(environ, start_response)


@dataclass
class RunningSimulator:
    url: str
    simulator: CarrierSimulator
    clock: ManualClock
    counter: CountingRequests
    protocol: str = "soap"
    admin_http: requests.Session = field(default_factory=requests.Session)

    @property
    def requests_seen(self) -> int:
        return self.counter.count

    @property
    def endpoint(self) -> str:
        return self.url + (PLATFORM_PATH if self.protocol == "ems-open" else "/carrier")

    def inject(self, kind: FaultKind, **details: Any) -> None:
        """Make the simulator answer the coming calls with this fault, through its admin API."""
        self._faults([{"kind": str(kind), **details}])

    def heal(self) -> None:
        self._faults([])

    def _faults(self, rules: list[dict[str, Any]]) -> None:
        reply = self.admin_http.post(
            f"{self.url}/carrier/admin/faults",
            json={"rules": rules},
            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
            timeout=5,
        )
        reply.raise_for_status()


@pytest.fixture
def protocol(request: pytest.FixtureRequest) -> str:
    """Return the carrier protocol under test: SOAP unless the module runs both."""
    return str(getattr(request, "param", "soap"))


@pytest.fixture
def start_simulator(protocol: str) -> Iterator[Callable[..., RunningSimulator]]:
    started: list[tuple[Any, RunningSimulator]] = []

    def start(**settings: Any) -> RunningSimulator:
        clock = ManualClock()
        credentials = {
            "username": USERNAME,
            "password": PASSWORD,
            "admin_token": ADMIN_TOKEN,
            **EMS_CREDENTIALS,
        }
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
