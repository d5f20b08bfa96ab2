"""Minimal server-side SOAP 1.1: safe parsing, validation, replies and faults."""

from integrations.carrier.soapserver.envelope import (
    SOAP_ENV,
    WSSE,
    SoapRequest,
    build_fault,
    build_reply,
    build_request,
    read_request,
)
from integrations.carrier.soapserver.faults import FaultClass, FaultCode, SoapFault
from integrations.carrier.soapserver.safexml import parse_untrusted
from integrations.carrier.soapserver.schema import ContractSchema
from integrations.carrier.soapserver.wsdl import served_wsdl

__all__ = [
    "SOAP_ENV",
    "WSSE",
    "ContractSchema",
    "FaultClass",
    "FaultCode",
    "SoapFault",
    "SoapRequest",
    "build_fault",
    "build_reply",
    "build_request",
    "parse_untrusted",
    "read_request",
    "served_wsdl",
]
