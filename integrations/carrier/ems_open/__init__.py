"""The production carrier client over the EMS open platform (karrio-style split).

sm4 (body encryption) · envelope (form request, JSON reply) · codes (api codes) ·
builders (port → JSON bodies) · transport (the SOAP client's HTTP part) · parsers
(retBody → port) · errors (retCode classes → port errors) · journal (masked call record).
"""

from integrations.carrier.ems_open.client import EmsOpenCarrier
from integrations.carrier.ems_open.settings import PLATFORM_PATH, EmsOpenSettings

__all__ = ["PLATFORM_PATH", "EmsOpenCarrier", "EmsOpenSettings"]
