"""The production carrier client over the SOAP contract (karrio-style split).

builders (port → call arguments) · envelope (zeep + WSDL) · transport (HTTP) ·
reply (safe parse, faults, XSD) · parsers (reply → port) · errors (one mapping table) ·
words (contract problems in staff's words). Namespaces, UsernameToken, the hardened parsers
and the schema come from the one SOAP kit, `integrations.carrier.soapserver`.
"""

from integrations.carrier.soap.factory import build_carrier
from integrations.carrier.soap.settings import CarrierClientSettings

__all__ = ["CarrierClientSettings", "build_carrier"]
