"""Configuration of the production carrier client."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from integrations.carrier.contract import CARRIER_WSDL, CARRIER_XSD


@dataclass(frozen=True)
class CarrierClientSettings:
    """Where the carrier is, who we are to it, and how long and how much we wait for it."""

    endpoint: str
    username: str = ""
    password: str = field(default="", repr=False)
    wsdl_path: Path = CARRIER_WSDL
    xsd_path: Path = CARRIER_XSD
    binding: str = "{urn:courier:carrier:v1}CarrierBinding"
    connect_timeout: float = 3.0  # the defaults are Courier's; it derives them from Settings
    read_timeout: float = 10.0  # per wait for the reply, and again for reading its body
    max_response_bytes: int = 2 * 1024 * 1024
    strict: bool = True
    pool_maxsize: int = 10
