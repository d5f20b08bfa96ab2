"""Request builders and envelopes, compared with golden files after canonicalisation."""

from __future__ import annotations

import pytest
from lxml import etree
from zeep.proxy import ServiceProxy

from courier.ports.carrier import CarrierProtocolError
from integrations.carrier.soap import builders
from integrations.carrier.soap.contract import LoadedContract
from integrations.carrier.soap.envelope import render_request
from tests.unit.carrier_client.samples import APPLICANT, HALL, PASSWORD, USERNAME, fixture, order

REQUESTS = {
    "create_order": ("CreateOrder", builders.create_order(order())),
    "cancel_order": (
        "CancelOrder",
        builders.cancel_order("LO202611260001", "1151238971060", "申请人撤回"),
    ),
    "query_order": ("QueryOrder", builders.query_order("LO202611260001")),
    "query_trace": ("QueryTrace", builders.query_trace(["1151238971060", "9858638312956"])),
    "parse_address": ("ParseAddress", builders.parse_address("浙江省杭州市西湖区保俶路88号")),
    "check_reachability": ("CheckReachability", builders.check_reachability(HALL, APPLICANT)),
}


def canonical(xml: bytes) -> str:
    return etree.canonicalize(etree.fromstring(xml), strip_text=True)


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_request_envelope_matches_its_golden_file(
    name: str, contract: LoadedContract, service: ServiceProxy
) -> None:
    operation, arguments = REQUESTS[name]
    sent = render_request(contract, service, operation, arguments, USERNAME, PASSWORD)
    assert canonical(sent) == canonical(fixture(f"{name}.request.xml"))


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_request_payload_is_valid_against_the_contract_xsd(
    name: str, contract: LoadedContract, service: ServiceProxy
) -> None:
    operation, arguments = REQUESTS[name]
    sent = render_request(contract, service, operation, arguments, USERNAME, PASSWORD)
    payload = etree.fromstring(sent).find("{http://schemas.xmlsoap.org/soap/envelope/}Body")[0]
    assert contract.schema.problem(payload) is None


def test_envelope_without_credentials_has_no_security_header(
    contract: LoadedContract, service: ServiceProxy
) -> None:
    sent = render_request(contract, service, "QueryOrder", builders.query_order("LO1"), "", "")
    assert b"Security" not in sent


def test_optional_fields_left_empty_are_not_sent(
    contract: LoadedContract, service: ServiceProxy
) -> None:
    plain = order().__class__(logistics_order_no="LO2", sender=HALL, receiver=APPLICANT)
    sent = render_request(contract, service, "CreateOrder", builders.create_order(plain), "", "")
    for absent in (b"customerNo", b"insuranceAmount", b"pickupStartTime", b"cargos", b"remark"):
        assert absent not in sent


def test_a_request_the_contract_cannot_express_is_a_protocol_error(
    contract: LoadedContract, service: ServiceProxy
) -> None:
    with pytest.raises(CarrierProtocolError):
        render_request(contract, service, "QueryOrder", {"orderNumber": "LO1"}, "", "")
