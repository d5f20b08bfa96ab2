"""Request builders and envelopes, compared with golden files after canonicalisation."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from lxml import etree
from zeep.wsse.username import UsernameToken

from courier.ports.carrier import CarrierRequestInvalid, OrderRequest
from integrations.carrier.soap import builders
from integrations.carrier.soap.contract import LoadedContract
from integrations.carrier.soap.envelope import render_request, username_token
from integrations.carrier.soap.settings import CarrierClientSettings
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
SECURITY = username_token(USERNAME, PASSWORD)


def canonical(xml: bytes) -> str:
    return str(etree.canonicalize(etree.fromstring(xml), strip_text=True))


def render(contract: LoadedContract, operation: str, arguments: dict[str, Any]) -> bytes:
    plan = contract.plans[operation]
    return render_request(plan, arguments, SECURITY, contract.schema.problem)


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_request_envelope_matches_its_golden_file(name: str, contract: LoadedContract) -> None:
    operation, arguments = REQUESTS[name]
    assert canonical(render(contract, operation, arguments)) == canonical(
        fixture(f"{name}.request.xml")
    )


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_request_envelope_is_what_zeep_itself_would_send(
    name: str, contract: LoadedContract
) -> None:
    operation, arguments = REQUESTS[name]
    settings = CarrierClientSettings(endpoint="http://127.0.0.1:9/carrier")
    service = contract.client.create_service(settings.binding, settings.endpoint)
    by_zeep = contract.client.create_message(service, operation, **arguments)
    by_zeep, _ = UsernameToken(USERNAME, PASSWORD).apply(by_zeep, {})
    assert canonical(render(contract, operation, arguments)) == canonical(etree.tostring(by_zeep))


def test_envelope_without_credentials_has_no_security_header(contract: LoadedContract) -> None:
    plan = contract.plans["QueryOrder"]
    assert b"Security" not in render_request(plan, builders.query_order("LO1"), None)


def test_optional_fields_left_empty_are_not_sent(contract: LoadedContract) -> None:
    plain = OrderRequest(logistics_order_no="LO2", sender=HALL, receiver=APPLICANT)
    sent = render(contract, "CreateOrder", builders.create_order(plain))
    for absent in (b"customerNo", b"insuranceAmount", b"pickupStartTime", b"cargos", b"remark"):
        assert absent not in sent


def test_a_field_the_contract_does_not_know_is_refused_and_named_in_the_log(
    contract: LoadedContract, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(CarrierRequestInvalid, match="寄递信息不符合要求"):
        render(contract, "QueryOrder", {"orderNumber": "LO1"})
    assert "orderNumber" in caplog.text


def test_a_missing_required_field_is_refused_in_words(contract: LoadedContract) -> None:
    with pytest.raises(CarrierRequestInvalid, match="订单号必须填写"):
        render(contract, "QueryOrder", {})


def test_a_value_breaking_the_xsd_is_refused_before_sending_in_words_staff_read(
    contract: LoadedContract, caplog: pytest.LogCaptureFixture
) -> None:
    arguments = builders.create_order(order())
    arguments["receiver"] = arguments["receiver"] | {"mobile": "12345678"}
    with pytest.raises(CarrierRequestInvalid) as refused:
        render(contract, "CreateOrder", arguments)
    assert refused.value.message.startswith("收件人手机号码格式不正确")
    assert "facet" not in refused.value.message and "12345678" not in refused.value.message
    assert "receiver.mobile SCHEMAV_CVC_PATTERN_VALID" in caplog.text
    assert "12345678" not in caplog.text  # the value may be personal data


def test_a_bad_receiver_postcode_is_named_as_such(contract: LoadedContract) -> None:
    arguments = builders.create_order(order())
    arguments["receiver"] = arguments["receiver"] | {"postCode": "10001"}
    with pytest.raises(CarrierRequestInvalid, match=r"^收件人邮编格式不正确"):
        render(contract, "CreateOrder", arguments)


def test_a_too_long_sender_name_is_named_as_such(contract: LoadedContract) -> None:
    arguments = builders.create_order(order())
    arguments["sender"] = arguments["sender"] | {"name": "张" * 51}
    with pytest.raises(CarrierRequestInvalid, match=r"^寄件人姓名过长"):
        render(contract, "CreateOrder", arguments)


def test_a_party_with_only_a_landline_is_sent_with_phone_and_no_mobile(
    contract: LoadedContract,
) -> None:
    department = replace(HALL, mobile="", phone="0571-87654321")
    plain = OrderRequest(logistics_order_no="LO3", sender=department, receiver=APPLICANT)
    sent = etree.fromstring(render(contract, "CreateOrder", builders.create_order(plain)))
    sender = sent.find(".//{urn:courier:carrier:v1}sender")
    assert sender.findtext("{urn:courier:carrier:v1}phone") == "0571-87654321"
    assert sender.find("{urn:courier:carrier:v1}mobile") is None
