"""Build the carrier adapter from settings: SOAP client, shared breaker, call log."""

from __future__ import annotations

from courier.config import Settings
from courier.ports.carrier import Carrier
from courier.storage.call_log import SqlCallRecorder
from integrations.carrier.breaker import (
    BreakerSettings,
    CircuitBreaker,
    InMemoryCircuitBreaker,
    RedisCircuitBreaker,
)
from integrations.carrier.soap.factory import build_carrier
from integrations.carrier.soap.settings import CarrierClientSettings


def breaker_for(settings: Settings) -> CircuitBreaker:
    """Share the breaker through Redis when there is one; else keep it in this process."""
    if not settings.redis_url:
        return InMemoryCircuitBreaker(BreakerSettings())
    return RedisCircuitBreaker.from_url(settings.redis_url, BreakerSettings())


def carrier_for(settings: Settings, recorder: SqlCallRecorder) -> Carrier:
    client_settings = CarrierClientSettings(
        endpoint=settings.carrier_endpoint,
        username=settings.carrier_username,
        password=settings.carrier_password,
        connect_timeout=settings.carrier_connect_timeout,
        read_timeout=settings.carrier_read_timeout,
    )
    return build_carrier(client_settings, breaker_for(settings), recorder)
