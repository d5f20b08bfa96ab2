"""The carrier contract files (WSDL/XSD) and their namespaces."""

from pathlib import Path

CONTRACT_DIR = Path(__file__).parent
CARRIER_WSDL = CONTRACT_DIR / "carrier.wsdl"
CARRIER_XSD = CONTRACT_DIR / "carrier.xsd"
PUSH_WSDL = CONTRACT_DIR / "push.wsdl"

CARRIER_NS = "urn:courier:carrier:v1"
PUSH_NS = "urn:courier:carrier:push:v1"
