"""The one SOAP 1.1 kit of the carrier integration, used by client, push endpoint and simulator.

namespaces · safexml (streaming parser for requests, fast parser for replies) · incoming
(header-first request reading) · envelope (writing) · schema · faults · wsdl · xmlmap.
"""

from integrations.carrier.soapserver.envelope import (
    build_fault,
    build_reply,
    build_request,
    security_header,
)
from integrations.carrier.soapserver.faults import FaultClass, FaultCode, SoapFault
from integrations.carrier.soapserver.incoming import IncomingRequest, SoapRequest
from integrations.carrier.soapserver.namespaces import PASSWORD_TEXT, SOAP_ENV, WSSE
from integrations.carrier.soapserver.safexml import UnsafeXml, parse_reply, parse_untrusted
from integrations.carrier.soapserver.schema import ContractSchema, SchemaProblem
from integrations.carrier.soapserver.wsdl import served_wsdl

__all__ = [
    "PASSWORD_TEXT",
    "SOAP_ENV",
    "WSSE",
    "ContractSchema",
    "FaultClass",
    "FaultCode",
    "IncomingRequest",
    "SchemaProblem",
    "SoapFault",
    "SoapRequest",
    "UnsafeXml",
    "build_fault",
    "build_reply",
    "build_request",
    "parse_reply",
    "parse_untrusted",
    "security_header",
    "served_wsdl",
]
