"""Run the carrier simulator on a free loopback port; talk to it over real HTTP."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
import zeep
from lxml import etree
from werkzeug.serving import BaseWSGIServer, make_server
from zeep.transports import Transport
from zeep.wsse.username import UsernameToken

from integrations.carrier.contract import CARRIER_NS
from integrations.carrier.simulator import (
    CarrierSimulator,
    ManualClock,
    SimulatorSettings,
    create_simulator_app,
)
from integrations.carrier.soapserver import build_request
from integrations.carrier.soapserver.xmlmap import payload
from tests.carrier_protocols import (  # noqa: F401  (fixtures)
    carrier_front,
    carrier_protocol,
    module_front,
)

STAGE_SECONDS = 60.0
ADMIN_TOKEN = "test-admin-token-0123456789"


@dataclass
class Served:
    server: BaseWSGIServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def serve(app: Any) -> Served:
    """Serve a WSGI app on a free loopback port from a background thread."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    return Served(server, thread)


@dataclass
class Sim:
    """A running simulator and handy ways to call it."""

    url: str
    simulator: CarrierSimulator
    clock: ManualClock
    settings: SimulatorSettings
    http: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        if self.settings.admin_token:  # every helper call below may use the admin endpoints
            self.http.headers["Authorization"] = f"Bearer {self.settings.admin_token}"

    def admin(self, path: str, body: dict[str, Any] | None = None) -> Any:
        reply = self.http.post(f"{self.url}/carrier/admin/{path}", json=body or {}, timeout=5)
        reply.raise_for_status()
        return reply.json()

    def post(self, operation: str, fields: dict[str, Any], **kw: Any) -> requests.Response:
        """POST one raw SOAP request built with lxml, authenticated as configured."""
        user = kw.pop("username", self.settings.username)
        password = kw.pop("password", self.settings.password)
        body = build_request(payload(CARRIER_NS, operation, fields), user, password)
        headers = {"Content-Type": "text/xml; charset=utf-8"}
        return self.http.post(f"{self.url}/carrier", data=body, headers=headers, **kw)

    def zeep(self, timeout: float = 5) -> zeep.Client:
        token = UsernameToken(self.settings.username, self.settings.password)
        transport = Transport(timeout=timeout, operation_timeout=timeout)
        return zeep.Client(f"{self.url}/carrier?wsdl", wsse=token, transport=transport)

    def advance_stages(self, stages: int) -> None:
        self.admin("advance", {"seconds": STAGE_SECONDS * stages})


SimFactory = Callable[..., Sim]


@pytest.fixture
def make_sim() -> Iterator[SimFactory]:
    """Start simulators with the given settings (manual clock); stop them afterwards."""
    running: list[tuple[Served, CarrierSimulator]] = []

    def start(**overrides: Any) -> Sim:
        clock = ManualClock()
        overrides.setdefault("admin_token", ADMIN_TOKEN)
        settings = SimulatorSettings(clock=clock, stage_seconds=STAGE_SECONDS, **overrides)
        app = create_simulator_app(settings)
        simulator = app.extensions["carrier_simulator"]
        served = serve(app)
        running.append((served, simulator))
        return Sim(served.url, simulator, clock, settings)

    yield start
    for served, simulator in running:
        simulator.close()
        served.stop()


@pytest.fixture
def sim(make_sim: SimFactory) -> Sim:
    return make_sim()


def party(name: str, prov: str, city: str, county: str, address: str) -> dict[str, Any]:
    return {
        "name": name,
        "mobile": "13912345678",
        "postCode": "100010",
        "prov": prov,
        "city": city,
        "county": county,
        "address": address,
        "company": "",
    }


def order(number: str = "CASE-2024-0001-O", **overrides: Any) -> dict[str, Any]:
    """A CreateOrder payload as dict: originals from a Guangzhou hall to a Beijing bureau."""
    fields = {
        "logisticsOrderNo": number,
        "customerNo": "90000012345678",
        "bizProductNo": "1",
        "contentsAttribute": 1,
        "weight": 300,
        "insuranceFlag": 1,
        "paymentMode": 1,
        "pickupType": 0,
        "receiptFlag": False,
        "projectId": "ZWFW",
        "remark": "",
        "sender": party("天河区政务服务中心", "广东省", "广州市", "天河区", "体育西路1号"),
        "receiver": party("张三", "北京市", "北京市", "东城区", "东四十条1号"),
        "cargos": {"cargo": [{"cargoName": "申请材料原件", "cargoQuantity": 3}]},
    }
    return {**fields, **overrides}


def reply_body(response: requests.Response) -> etree._Element:
    """Return the single element inside the SOAP Body of a reply."""
    envelope = etree.fromstring(response.content)
    return envelope[-1][0]


def fault_detail(response: requests.Response) -> dict[str, str]:
    """Return faultcode plus the CarrierFault detail fields of a fault reply."""
    fault = reply_body(response)
    detail = fault.find(f"detail/{{{CARRIER_NS}}}CarrierFault")
    fields = {etree.QName(child).localname: child.text or "" for child in detail}
    return {"faultcode": fault.findtext("faultcode") or "", **fields}
