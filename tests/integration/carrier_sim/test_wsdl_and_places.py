"""The served WSDL, prefix mounting, and the address operations."""

from __future__ import annotations

import zeep
from lxml import etree
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.wrappers import Response
from zeep.transports import Transport
from zeep.wsse.username import UsernameToken

from integrations.carrier.simulator import ManualClock, SimulatorSettings, create_simulator_app
from tests.integration.carrier_sim.conftest import Sim, SimFactory, fault_detail, serve

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


def test_parse_address_splits_a_provincial_address(sim: Sim):
    reply = sim.zeep().service.ParseAddress(address="广东省广州市天河区体育西路1号")

    assert (reply.prov, reply.city, reply.county, reply.address) == (
        "广东省",
        "广州市",
        "天河区",
        "体育西路1号",
    )


def test_parse_address_refuses_text_that_names_no_place(sim: Sim):
    detail = fault_detail(sim.post("ParseAddress", {"address": "火星基地一号"}, timeout=5))

    assert (detail["code"], detail["class"]) == ("B0105", "business")


def test_reachability_is_refused_only_for_configured_provinces(make_sim: SimFactory):
    service = make_sim(unreachable_provinces=frozenset({"西藏自治区"})).zeep().service
    beijing = {"prov": "北京市", "city": "北京市"}
    lhasa = {"prov": "西藏", "city": "拉萨市"}

    assert service.CheckReachability(sender=beijing, receiver=beijing).reachable is True
    assert service.CheckReachability(sender=beijing, receiver=lhasa).reachable is False
