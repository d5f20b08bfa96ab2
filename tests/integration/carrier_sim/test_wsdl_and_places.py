"""The served WSDL, prefix mounting, and the address operations.

The WSDL and the mounting are SOAP's; the address operations run over both protocols.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import zeep
from lxml import etree
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.wrappers import Response
from zeep.transports import Transport
from zeep.wsse.username import UsernameToken

from courier.ports.carrier import CarrierBusinessError
from integrations.carrier.simulator import ManualClock, SimulatorSettings, create_simulator_app
from tests.carrier_protocols import BUREAU, HALL, CarrierFront, running_front
from tests.integration.carrier_sim.conftest import Sim, serve

SOAP_ADDRESS = "{http://schemas.xmlsoap.org/wsdl/soap/}address"


def soap_address(wsdl: bytes) -> str:
    return next(etree.fromstring(wsdl).iter(SOAP_ADDRESS)).get("location")


def test_the_wsdl_names_the_address_it_was_fetched_from(sim: Sim):
    response = sim.http.get(f"{sim.url}/carrier?wsdl", timeout=5)

    assert response.status_code == 200
    assert soap_address(response.content) == f"{sim.url}/carrier"
    assert b"schemaLocation" not in response.content  # self-contained: schema inlined


def test_the_simulator_works_mounted_under_a_prefix():
    settings = SimulatorSettings(clock=ManualClock())
    simulator_app = create_simulator_app(settings)
    root = DispatcherMiddleware(Response("courier", 200), {"/simulator": simulator_app})
    served = serve(root)
    try:
        wsdl_url = f"{served.url}/simulator/carrier?wsdl"
        token = UsernameToken(settings.username, settings.password)
        client = zeep.Client(wsdl_url, wsse=token, transport=Transport(timeout=5))
        reply = client.service.ParseAddress(address="北京市东城区东四十条1号")
    finally:
        simulator_app.extensions["carrier_simulator"].close()
        served.stop()

    assert client.service._binding_options["address"] == f"{served.url}/simulator/carrier"
    assert (reply.prov, reply.city, reply.county, reply.address) == (
        "北京市",
        "北京市",
        "东城区",
        "东四十条1号",
    )


def test_parse_address_splits_a_provincial_address(carrier_front: CarrierFront):
    parsed = carrier_front.client().parse_address("广东省广州市天河区体育西路1号")

    assert (parsed.prov, parsed.city, parsed.county, parsed.address) == (
        "广东省",
        "广州市",
        "天河区",
        "体育西路1号",
    )


def test_parse_address_refuses_text_that_names_no_place(carrier_front: CarrierFront):
    with pytest.raises(CarrierBusinessError) as refused:
        carrier_front.client().parse_address("火星基地一号")

    assert refused.value.code == "B0105"


def test_reachability_is_refused_only_for_configured_provinces(carrier_front: CarrierFront):
    lhasa = replace(BUREAU, prov="西藏", city="拉萨市", county="城关区")
    unreachable = frozenset({"西藏自治区"})
    with running_front(carrier_front.protocol, unreachable_provinces=unreachable) as front:
        carrier = front.client()

        assert carrier.check_reachability(HALL, BUREAU) is True
        assert carrier.check_reachability(HALL, lhasa) is False
