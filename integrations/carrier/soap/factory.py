"""Build the production carrier from configuration."""

from __future__ import annotations

from courier.ports.carrier import Carrier
from integrations.carrier.breaker import CircuitBreaker
from integrations.carrier.recording import CallRecorder
from integrations.carrier.soap.client import SoapCarrier
from integrations.carrier.soap.settings import CarrierClientSettings


def build_carrier(
    settings: CarrierClientSettings, breaker: CircuitBreaker, recorder: CallRecorder
) -> Carrier:
    """Return the SOAP carrier; the contract is parsed on its first call, not here."""
    return SoapCarrier(settings, breaker, recorder)
