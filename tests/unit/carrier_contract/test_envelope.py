"""Reading request envelopes and writing replies and faults."""

from __future__ import annotations

import io

import pytest
from lxml import etree

from integrations.carrier.contract import CARRIER_NS, CARRIER_XSD
from integrations.carrier.soapserver import (
    SOAP_ENV,
    ContractSchema,
    FaultCode,
    IncomingRequest,
    SoapFault,
    SoapRequest,
    build_fault,
    build_reply,
    build_request,
)
from integrations.carrier.soapserver.xmlmap import payload

QUERY = payload(CARRIER_NS, "QueryOrder", {"logisticsOrderNo": "CASE-1"})


def read_request(data: bytes, namespace: str) -> SoapRequest:
    return IncomingRequest(io.BytesIO(data), len(data)).read(namespace)


def test_a_request_yields_operation_payload_and_username_token():
    request = read_request(build_request(QUERY, "hall", "s3cret"), CARRIER_NS)

    assert (request.operation, request.username, request.password) == (
        "QueryOrder",
        "hall",
        "s3cret",
    )
    assert request.payload.findtext(f"{{{CARRIER_NS}}}logisticsOrderNo") == "CASE-1"


def test_a_request_without_a_security_header_has_no_credentials():
    request = read_request(build_reply(QUERY), CARRIER_NS)

    assert (request.username, request.password) == (None, None)


def test_a_password_digest_is_not_taken_for_a_password():
    data = build_request(QUERY, "hall", "s3cret").replace(b"#PasswordText", b"#PasswordDigest")

    assert read_request(data, CARRIER_NS).password is None


@pytest.mark.parametrize(
    "data",
    [
        b"<Envelope><Body/></Envelope>",
        f'<e:Envelope xmlns:e="{SOAP_ENV}"><e:Body/></e:Envelope>'.encode(),
        f'<e:Envelope xmlns:e="{SOAP_ENV}"><e:Body><a/><b/></e:Body></e:Envelope>'.encode(),
    ],
)
def test_anything_but_one_payload_in_a_soap_11_body_is_malformed(data: bytes):
    with pytest.raises(SoapFault) as raised:
        read_request(data, CARRIER_NS)

    assert raised.value.code == FaultCode.MALFORMED


def test_a_payload_from_another_namespace_is_an_unknown_operation():
    foreign = payload("urn:other", "QueryOrder", {"logisticsOrderNo": "X"})

    with pytest.raises(SoapFault) as raised:
        read_request(build_reply(foreign), CARRIER_NS)

    assert raised.value.code == FaultCode.UNKNOWN_OPERATION


@pytest.mark.parametrize(
    ("code", "faultcode", "fault_class"),
    [("S0001", "soap:Server", "system"), ("B0102", "soap:Client", "business")],
)
def test_a_fault_carries_code_and_class_in_a_schema_valid_detail(code, faultcode, fault_class):
    envelope = etree.fromstring(build_fault(SoapFault(code, "说明"), CARRIER_NS))

    fault = envelope.find(f"{{{SOAP_ENV}}}Body/{{{SOAP_ENV}}}Fault")
    detail = fault.find(f"detail/{{{CARRIER_NS}}}CarrierFault")
    ContractSchema.from_xsd(CARRIER_XSD).validate(detail)
    assert fault.findtext("faultcode") == faultcode
    assert detail.findtext(f"{{{CARRIER_NS}}}class") == fault_class
    assert fault.findtext("faultstring") == "说明"


def test_schema_validation_names_the_offending_element():
    bad = payload(CARRIER_NS, "QueryOrder", {"logisticsOrderNo": "has spaces"})

    with pytest.raises(SoapFault) as raised:
        ContractSchema.from_xsd(CARRIER_XSD).validate(bad)

    assert raised.value.code == FaultCode.INVALID
    assert "logisticsOrderNo" in raised.value.message


def test_credentials_are_read_before_a_malformed_body_is_noticed():
    data = build_request(QUERY, "hall", "s3cret").replace(b"</soap:Body>", b"<oops></soap:Body>")

    incoming = IncomingRequest(io.BytesIO(data), len(data))

    assert (incoming.username, incoming.password) == ("hall", "s3cret")
    with pytest.raises(SoapFault) as raised:
        incoming.read(CARRIER_NS)
    assert raised.value.code == FaultCode.MALFORMED


def test_a_body_past_the_size_cap_is_refused_while_streaming():
    data = build_request(QUERY, "hall", "s3cret")
    padded = data.replace(b"CASE-1", b"CASE-1" + b" " * 50_000)
    incoming = IncomingRequest(io.BytesIO(padded), None, max_bytes=20_000)

    with pytest.raises(SoapFault, match="larger than 20000 bytes"):
        incoming.read(CARRIER_NS)


def test_a_header_stuffed_in_front_of_the_body_is_refused_after_a_small_read():
    stuffing = b"<pad/>" * 100_000
    data = build_request(QUERY, "hall", "s3cret").replace(
        b"<wsse:Security", stuffing + b"<wsse:Security"
    )
    stream = io.BytesIO(data)

    with pytest.raises(SoapFault, match="Header larger than"):
        IncomingRequest(stream, len(data))

    assert stream.tell() < 64 * 1024 < len(data)
