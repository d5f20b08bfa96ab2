"""Both carrier protocols, served by the simulator over HTTP, for tests that must hold on each.

`carrier_protocol` is one module-scoped fixture parametrised over SOAP and the EMS open
platform; `carrier_front` serves it: a simulator front on a free loopback port, on a manual
clock, driven only through its admin API (faults, clock, scenarios, push, reset), as an
operator would. `CarrierFront.client()` builds the real adapter of that protocol and
`courier_settings()` what Courier needs to book through it. Each test starts from a reset
simulator, so one front serves a whole module.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
from werkzeug.serving import make_server

from courier.ports.carrier import CargoLine, Carrier, CarrierParty, OrderRequest
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

PROTOCOLS = ("soap", "ems-open")
# The simulator says "ems-open", COURIER_CARRIER says "ems_open".
CARRIER_SETTING = {"soap": "soap", "ems-open": "ems_open"}
ADMIN_TOKEN = "test-admin-token-0123456789"
STAGE_SECONDS = 60.0
# Courier's development credentials, which the simulator accepts by default.
SOAP_USERNAME, SOAP_PASSWORD = "courier", "courier-dev"
EMS_SENDER_NO, EMS_AUTHORIZATION = "1100000000000", "courier-ems-dev"
EMS_SIGN_KEY = "Y291cmllci1lbXMtZGV2IQ=="

HALL = CarrierParty(
    "天河区政务服务中心", "13912345678", "广东省", "广州市", "天河区", "体育西路1号", "510620"
)
BUREAU = CarrierParty("张三", "13912345678", "北京市", "北京市", "东城区", "东四十条1号", "100010")


def sample_order(number: str = "CASE-2024-0001-O", **overrides: Any) -> OrderRequest:
    """Originals from a Guangzhou hall to a Beijing bureau, as the port carries them."""
    fields: dict[str, Any] = {
        "logistics_order_no": number,
        "sender": HALL,
        "receiver": BUREAU,
        "customer_no": "90000012345678",
        "weight_grams": 300,
        "project_id": "ZWFW",
        "cargo": (CargoLine("申请材料原件", 3),),
    }
    return OrderRequest(**{**fields, **overrides})


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve a WSGI app on a free loopback port; give its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


@dataclass
class CarrierFront:
    """A simulator serving one protocol; everything a test changes goes through its admin API."""

    protocol: str
    url: str
    simulator: CarrierSimulator  # read-only use: what the carrier holds
    clock: ManualClock
    http: requests.Session = field(default_factory=requests.Session)
    clients: list[Any] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.http.headers["Authorization"] = f"Bearer {ADMIN_TOKEN}"

    @property
    def endpoint(self) -> str:
        return self.url + (PLATFORM_PATH if self.protocol == "ems-open" else "/carrier")

    @property
    def carrier_setting(self) -> str:
        return CARRIER_SETTING[self.protocol]

    def admin(self, path: str, body: dict[str, Any] | None = None) -> Any:
        reply = self.http.post(f"{self.url}/carrier/admin/{path}", json=body or {}, timeout=5)
        reply.raise_for_status()
        return reply.json()

    def inject(self, kind: FaultKind, **details: Any) -> None:
        """Make the simulator answer the coming calls with this fault."""
        self.admin("faults", {"rules": [{"kind": str(kind), **details}]})

    def heal(self) -> None:
        self.admin("faults", {"rules": []})

    def advance_stages(self, stages: int) -> None:
        self.admin("advance", {"seconds": STAGE_SECONDS * stages})

    def reset(self) -> None:
        self.heal()
        self.admin("reset")

    def client(
        self,
        breaker: CircuitBreaker | None = None,
        recorder: InMemoryCallRecorder | None = None,
        **timeouts: float,
    ) -> Carrier:
        """Return the real adapter of this protocol, pointed at this front."""
        made = connect(self.protocol, self.endpoint, breaker, recorder, **timeouts)
        self.clients.append(made)
        return made

    def courier_settings(self) -> dict[str, Any]:
        """Return Courier's settings for booking through this front (development credentials)."""
        return {"carrier": self.carrier_setting, "carrier_endpoint": self.endpoint}

    def close(self) -> None:
        for made in self.clients:
            made.close()
        self.clients.clear()


def connect(
    protocol: str,
    endpoint: str,
    breaker: CircuitBreaker | None = None,
    recorder: InMemoryCallRecorder | None = None,
    **timeouts: float,
) -> Any:
    """Build the real client of a protocol, with Courier's development credentials."""
    breaker = breaker or InMemoryCircuitBreaker()
    recorder = recorder if recorder is not None else InMemoryCallRecorder()
    patience = {"connect_timeout": 1.0, "read_timeout": 2.0, **timeouts}
    if protocol == "ems-open":
        settings = EmsOpenSettings(
            endpoint=endpoint,
            sender_no=EMS_SENDER_NO,
            authorization=EMS_AUTHORIZATION,
            sign_key=EMS_SIGN_KEY,
            **patience,
        )
        return EmsOpenCarrier(settings, breaker, recorder)
    soap = CarrierClientSettings(
        endpoint=endpoint, username=SOAP_USERNAME, password=SOAP_PASSWORD, **patience
    )
    return build_carrier(soap, breaker, recorder)


@contextmanager
def running_front(protocol: str, **behaviour: Any) -> Iterator[CarrierFront]:
    """Run a simulator front of one protocol with the given behaviour; stop it afterwards."""
    clock = ManualClock()
    settings = SimulatorSettings(
        clock=clock,
        protocol=protocol,
        admin_token=ADMIN_TOKEN,
        stage_seconds=STAGE_SECONDS,
        hang_seconds=5.0,
        **behaviour,
    )
    app = create_simulator_app(settings)
    simulator = app.extensions["carrier_simulator"]
    with serving(app) as url:
        front = CarrierFront(protocol, url, simulator, clock)
        try:
            yield front
        finally:
            front.close()
            simulator.close()  # frees calls hanging in no-answer faults


@pytest.fixture(scope="module", params=PROTOCOLS)
def carrier_protocol(request: pytest.FixtureRequest) -> str:
    """Return the protocol under test: each test using it runs over SOAP and EMS open."""
    return str(request.param)


@pytest.fixture(scope="module")
def module_front(carrier_protocol: str) -> Iterator[CarrierFront]:
    with running_front(carrier_protocol) as front:
        yield front


@pytest.fixture
def carrier_front(module_front: CarrierFront) -> Iterator[CarrierFront]:
    """Yield the module's simulator front of one protocol, reset for this test."""
    module_front.reset()
    yield module_front
    module_front.close()
