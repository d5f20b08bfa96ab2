"""Injected faults and refused input, as a client meets them over HTTP.

Tests taking `carrier_front` run over both protocols through the real clients, faults set
through the admin API. Those taking `sim` stay SOAP-only on purpose: they read the SOAP
front's wire answer itself (status code, soap:Server/soap:Client, CarrierFault detail, XML
that does not parse, the schema's refusal of a raw field); the EMS front's wire answers are
checked in test_ems_open_front.py, and what each fault means to a client in
tests/integration/carrier_client/test_faults.py (both protocols).
"""

from __future__ import annotations

import time

import pytest
from lxml import etree

from courier.ports.carrier import CarrierOutcomeUnknown, CarrierUnavailable
from integrations.carrier.breaker import BreakerSettings, InMemoryCircuitBreaker
from integrations.carrier.simulator import FaultKind, FaultRule
from tests.carrier_protocols import CarrierFront, sample_order
from tests.integration.carrier_sim.conftest import Sim, SimFactory, fault_detail, order

NUMBER = "CASE-2024-0001-O"


def set_faults(sim: Sim, *rules: dict, seed: int = 0) -> None:
    sim.admin("faults", {"seed": seed, "rules": list(rules)})


def test_latency_delays_a_correct_answer(sim: Sim):
    set_faults(sim, {"kind": "latency", "seconds": 0.2})

    started = time.monotonic()
    response = sim.post("CreateOrder", order(), timeout=5)

    assert response.status_code == 200
    assert time.monotonic() - started >= 0.2


def test_system_fault_is_a_server_fault_of_class_system(sim: Sim):
    set_faults(sim, {"kind": "system_fault"})

    response = sim.post("CreateOrder", order(), timeout=5)

    assert response.status_code == 500
    assert fault_detail(response) == {
        "faultcode": "soap:Server",
        "code": "S0001",
        "class": "system",
        "message": "system busy",
    }


def test_business_fault_uses_the_configured_code(sim: Sim):
    set_faults(sim, {"kind": "business_fault", "code": "B0104", "message": "号段已用完"})

    detail = fault_detail(sim.post("CreateOrder", order(), timeout=5))

    assert detail == {
        "faultcode": "soap:Client",
        "code": "B0104",
        "class": "business",
        "message": "号段已用完",
    }


def test_http_error_is_a_bare_gateway_page_without_soap(sim: Sim):
    set_faults(sim, {"kind": "http_error", "http_status": 502})

    response = sim.post("QueryOrder", {"logisticsOrderNo": "X"}, timeout=5)

    assert response.status_code == 502
    assert response.headers["Content-Type"].startswith("text/html")


def test_malformed_answer_is_not_well_formed_xml(sim: Sim):
    set_faults(sim, {"kind": "malformed", "operation": "CreateOrder"})

    response = sim.post("CreateOrder", order(), timeout=5)

    assert response.status_code == 200
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(response.content)


def test_faults_configured_in_settings_apply_from_the_start(make_sim: SimFactory):
    rule = FaultRule(FaultKind.SYSTEM_FAULT, operation="ParseAddress", count=1, code="S0002")
    sim = make_sim(faults=(rule,))

    first = sim.post("ParseAddress", {"address": "北京市东城区东四十条1号"}, timeout=5)
    second = sim.post("ParseAddress", {"address": "北京市东城区东四十条1号"}, timeout=5)

    assert fault_detail(first)["code"] == "S0002"
    assert second.status_code == 200


def test_an_unknown_fault_kind_is_refused_by_the_admin_endpoint(sim: Sim):
    reply = sim.http.post(f"{sim.url}/carrier/admin/faults", json={"rules": [{"kind": "x"}]})

    assert reply.status_code == 400


def test_a_request_breaking_the_schema_is_a_client_fault_naming_the_field(sim: Sim):
    detail = fault_detail(sim.post("CreateOrder", order(weight="heavy"), timeout=5))

    assert (detail["faultcode"], detail["code"], detail["class"]) == (
        "soap:Client",
        "B0002",
        "business",
    )
    assert "weight" in detail["message"]


def test_a_bad_mobile_number_is_refused_by_the_schema(sim: Sim):
    receiver = {**order()["receiver"], "mobile": "12345"}

    detail = fault_detail(sim.post("CreateOrder", order(receiver=receiver), timeout=5))

    assert detail["code"] == "B0002" and "mobile" in detail["message"]


def test_a_wrong_password_is_a_client_fault(sim: Sim):
    response = sim.post("QueryOrder", {"logisticsOrderNo": "X"}, password="guess", timeout=5)

    assert fault_detail(response)["code"] == "B0003"


def test_an_unknown_operation_is_a_client_fault(sim: Sim):
    response = sim.post("DeleteEverything", {"logisticsOrderNo": "X"}, timeout=5)

    assert fault_detail(response)["code"] == "B0004"


def test_a_body_that_is_not_xml_is_a_client_fault(sim: Sim):
    response = sim.http.post(f"{sim.url}/carrier", data=b"hello", timeout=5)

    assert (response.status_code, fault_detail(response)["code"]) == (500, "B0001")


def test_no_answer_leaves_the_outcome_unknown_and_creates_nothing(carrier_front: CarrierFront):
    carrier_front.inject(FaultKind.NO_ANSWER, operation="CreateOrder", count=1)

    with pytest.raises(CarrierOutcomeUnknown):
        carrier_front.client(read_timeout=0.3).create_order(sample_order())

    assert carrier_front.client().query_order(NUMBER) == []


def test_timeout_after_commit_leaves_an_order_the_client_never_heard_of(
    carrier_front: CarrierFront,
):
    carrier_front.inject(FaultKind.TIMEOUT_AFTER_COMMIT, operation="CreateOrder", count=1)

    with pytest.raises(CarrierOutcomeUnknown):
        carrier_front.client(read_timeout=0.3).create_order(sample_order())

    assert len(carrier_front.client().query_order(NUMBER)) == 1


def test_a_fault_for_the_next_two_calls_of_one_operation_leaves_the_rest_alone(
    carrier_front: CarrierFront,
):
    carrier_front.inject(FaultKind.SYSTEM_FAULT, operation="CreateOrder", count=2)
    carrier = carrier_front.client()

    assert carrier.query_order("X") == []
    for _ in range(2):
        with pytest.raises(CarrierUnavailable):
            carrier.create_order(sample_order())
    assert carrier.create_order(sample_order()).waybill_no
    assert (
        carrier_front.http.get(f"{carrier_front.url}/carrier/admin/faults").json()["rules"][0][
            "count"
        ]
        == 0
    )


def test_a_probable_fault_hits_the_same_calls_for_the_same_seed(carrier_front: CarrierFront):
    def outcomes() -> list[bool]:
        rule = {"kind": "system_fault", "probability": 0.5}
        carrier_front.admin("faults", {"seed": 42, "rules": [rule]})
        never_opens = InMemoryCircuitBreaker(BreakerSettings(failure_threshold=100))
        carrier, answered = carrier_front.client(breaker=never_opens), []
        for _ in range(12):
            try:
                answered.append(carrier.query_order("X") == [])
            except CarrierUnavailable:
                answered.append(False)
        return answered

    first = outcomes()

    assert first == outcomes()
    assert set(first) == {True, False}
