"""The contract files load in a standard toolkit (zeep) and compile as XML Schema."""

from __future__ import annotations

from pathlib import Path

import pytest
import zeep
from lxml import etree

from integrations.carrier.contract import CARRIER_WSDL, CARRIER_XSD, PUSH_WSDL
from integrations.carrier.push_endpoint import SoapPushReader
from integrations.carrier.soapserver import ContractSchema, served_wsdl

CARRIER_OPERATIONS = {
    "CreateOrder",
    "CancelOrder",
    "QueryOrder",
    "QueryTrace",
    "ParseAddress",
    "CheckReachability",
}


def operations(client: zeep.Client) -> set[str]:
    port = next(iter(next(iter(client.wsdl.services.values())).ports.values()))
    return set(port.binding._operations)


def test_the_carrier_wsdl_loads_in_zeep_with_every_operation():
    assert operations(zeep.Client(str(CARRIER_WSDL))) == CARRIER_OPERATIONS


def test_the_push_wsdl_loads_in_zeep():
    assert operations(zeep.Client(str(PUSH_WSDL))) == {"PushTrace"}


def test_the_carrier_xsd_compiles_in_lxml():
    etree.XMLSchema(etree.parse(str(CARRIER_XSD)))


def test_the_push_schema_inlined_in_its_wsdl_compiles():
    ContractSchema.from_wsdl(PUSH_WSDL)


def test_the_served_carrier_wsdl_is_self_contained_and_loads(tmp_path: Path):
    served = tmp_path / "served.wsdl"
    served.write_bytes(served_wsdl(CARRIER_WSDL, "http://carrier.example/ems"))

    client = zeep.Client(str(served))

    assert client.service._binding_options["address"] == "http://carrier.example/ems"
    assert b"schemaLocation" not in served.read_bytes()


def test_the_push_wsdl_is_served_with_the_given_address(tmp_path: Path):
    served = tmp_path / "push.wsdl"
    served.write_bytes(SoapPushReader().wsdl("https://courier.example/carrier/push"))

    client = zeep.Client(str(served))

    assert client.service._binding_options["address"] == "https://courier.example/carrier/push"


XS = "{http://www.w3.org/2001/XMLSchema}"


def trace_limits(schema: etree._Element) -> dict[str, int]:
    """Return {element name: longest text the contract allows} for the Trace type."""
    lengths = {
        simple.get("name"): int(limit.get("value"))
        for simple in schema.iter(f"{XS}simpleType")
        for limit in simple.iter(f"{XS}maxLength")
    }
    trace = next(t for t in schema.iter(f"{XS}complexType") if t.get("name") == "Trace")
    return {
        e.get("name"): lengths[e.get("type").split(":")[1]]
        for e in trace.iter(f"{XS}element")
        if e.get("type").split(":")[1] in lengths
    }


@pytest.mark.parametrize("source", ["push", "carrier"])
def test_every_trace_text_the_contract_allows_fits_its_column(source: str):
    from courier.storage.tables import tracking_events
    from integrations.carrier.traces import TRACE_FIELDS

    if source == "push":
        schema = etree.parse(str(PUSH_WSDL)).find(".//{http://schemas.xmlsoap.org/wsdl/}types")[0]
    else:
        schema = etree.parse(str(CARRIER_XSD)).getroot()
    column_of = {tag: column for column, tag in TRACE_FIELDS.items()}
    limits = trace_limits(schema)

    assert set(limits) >= {"opName", "opDesc", "opOrgName", "opOrgCode", "operatorName"}
    for element, limit in limits.items():
        assert tracking_events.c[column_of[element]].type.length >= limit, element
