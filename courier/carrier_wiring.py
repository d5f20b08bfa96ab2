"""Build the carrier adapters from one `Settings`: SOAP or EMS open client, breaker, simulator.

Every adapter setting that Courier's own settings also speak of (credentials, timeouts) is
derived here, so the client, the breaker and the simulator cannot disagree with them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from courier.config import Settings
from courier.ports.carrier import Carrier
from courier.ports.push import FormPushReader
from courier.storage.call_log import SqlCallRecorder
from integrations.carrier.breaker import (
    BreakerSettings,
    CircuitBreaker,
    InMemoryCircuitBreaker,
    RedisCircuitBreaker,
)
from integrations.carrier.ems_open import EmsOpenCarrier, EmsOpenSettings
from integrations.carrier.ems_open.push import EmsPushReader
from integrations.carrier.simulator.settings import SimulatorSettings
from integrations.carrier.soap.factory import build_carrier
from integrations.carrier.soap.settings import CarrierClientSettings


def client_settings_for(settings: Settings) -> CarrierClientSettings:
    """Return the SOAP client's settings: endpoint, our credentials and the call timeouts."""
    return CarrierClientSettings(
        endpoint=settings.carrier_endpoint,
        username=settings.carrier_username,
        password=settings.carrier_password,
        connect_timeout=settings.carrier_connect_timeout,
        read_timeout=settings.carrier_read_timeout,
    )


def ems_open_settings_for(settings: Settings) -> EmsOpenSettings:
    """Return the EMS open platform client's settings: full URL, credentials, timeouts."""
    return EmsOpenSettings(
        endpoint=settings.carrier_endpoint,
        sender_no=settings.ems_sender_no,
        authorization=settings.ems_authorization,
        sign_key=settings.ems_sign_key,
        connect_timeout=settings.carrier_connect_timeout,
        read_timeout=settings.carrier_read_timeout,
    )


def breaker_settings_for(settings: Settings) -> BreakerSettings:
    """Return the breaker's settings; a probe's claim lasts as long as its call can."""
    return BreakerSettings(probe_timeout_seconds=settings.carrier_call_seconds)


def simulator_settings_for(settings: Settings, **behaviour: Any) -> SimulatorSettings:
    """Return a simulator that accepts our credentials and pushes with the push credentials.

    `behaviour` takes the simulator's own knobs (push URL, duplicates, faults, pace).
    """
    derived: dict[str, Any] = {
        "username": settings.carrier_username,
        "password": settings.carrier_password,
        "push_username": settings.push_username,
        "push_password": settings.push_password,
        "ems_sender_no": settings.ems_sender_no,
        "ems_authorization": settings.ems_authorization,
        "ems_sign_key": settings.ems_sign_key,
        "protocol": "ems-open" if settings.carrier == "ems_open" else "soap",
        "admin_token": settings.simulator_admin_token,
        "stage_seconds": settings.simulator_stage_seconds,
        "pickup_delay_seconds": settings.simulator_pickup_seconds,
        # a hung call must outlast the client's patience, so that the client gives up first
        "hang_seconds": settings.carrier_call_seconds + 5,
        # numbers and push serials keep growing across restarts, never re-issued
        "state_dir": str(Path(settings.var_dir) / "simulator"),
    }
    return SimulatorSettings(**{**derived, **behaviour})


def breaker_for(settings: Settings) -> CircuitBreaker:
    """Share the breaker through Redis when there is one; else keep it in this process."""
    if not settings.redis_url:
        return InMemoryCircuitBreaker(breaker_settings_for(settings))
    return RedisCircuitBreaker.from_url(settings.redis_url, breaker_settings_for(settings))


def carrier_for(settings: Settings, recorder: SqlCallRecorder) -> Carrier:
    """Return the carrier COURIER_CARRIER names, behind the shared breaker."""
    if settings.carrier == "ems_open":
        return EmsOpenCarrier(ems_open_settings_for(settings), breaker_for(settings), recorder)
    return build_carrier(client_settings_for(settings), breaker_for(settings), recorder)


def ems_push_reader_for(settings: Settings) -> FormPushReader:
    """Return the 040002 reader: pushes to our agreement number, signed with our signKey."""
    return EmsPushReader(settings.ems_sender_no, settings.ems_sign_key)
