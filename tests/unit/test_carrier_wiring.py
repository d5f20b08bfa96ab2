"""Each carrier adapter's settings are derived from the one `Settings`, never restated."""

from __future__ import annotations

from dataclasses import fields, replace

from courier.carrier_wiring import (
    breaker_for,
    breaker_settings_for,
    client_settings_for,
    simulator_settings_for,
)
from courier.config import Settings
from integrations.carrier.breaker import InMemoryCircuitBreaker
from integrations.carrier.simulator import DuplicateOrders, SimulatorSettings
from integrations.carrier.soap import CarrierClientSettings

OURS = Settings(
    carrier_endpoint="https://carrier.example.cn/ws",
    carrier_username="hall-gw",
    carrier_password="carrier-pass-0042",
    carrier_connect_timeout=2.0,
    carrier_read_timeout=7.5,
    push_username="ems-push",
    push_password="push-pass-0043",
    simulator_admin_token="admin-token-0044-0044",
    simulator_stage_seconds=42.0,
)


def test_the_soap_client_uses_our_endpoint_credentials_and_timeouts() -> None:
    client = client_settings_for(OURS)
    assert (client.endpoint, client.username, client.password) == (
        "https://carrier.example.cn/ws",
        "hall-gw",
        "carrier-pass-0042",
    )
    assert (client.connect_timeout, client.read_timeout) == (2.0, 7.5)


def test_a_breaker_probe_holds_its_claim_for_the_longest_call() -> None:
    assert OURS.carrier_call_seconds == 2.0 + 2 * 7.5
    assert breaker_settings_for(OURS).probe_timeout_seconds == OURS.carrier_call_seconds
    breaker = breaker_for(OURS)
    assert isinstance(breaker, InMemoryCircuitBreaker)
    assert breaker.settings.probe_timeout_seconds == 17.0


def test_the_simulator_accepts_our_credentials_and_pushes_with_the_push_credentials() -> None:
    simulator = simulator_settings_for(OURS, push_url="http://127.0.0.1:1/carrier/push")
    assert (simulator.username, simulator.password) == ("hall-gw", "carrier-pass-0042")
    assert (simulator.push_username, simulator.push_password) == ("ems-push", "push-pass-0043")
    assert simulator.admin_token == "admin-token-0044-0044"
    assert simulator.stage_seconds == 42.0
    assert simulator.hang_seconds > OURS.carrier_call_seconds  # the client gives up first
    assert simulator.push_url == "http://127.0.0.1:1/carrier/push"


def test_the_simulator_s_own_knobs_override_the_derived_ones() -> None:
    simulator = simulator_settings_for(
        OURS, stage_seconds=5.0, duplicate_orders=DuplicateOrders.REJECT
    )
    assert simulator.stage_seconds == 5.0 and simulator.duplicate_orders is DuplicateOrders.REJECT
    assert simulator.password == OURS.carrier_password


def test_adapters_built_with_their_own_defaults_agree_with_courier_s_defaults() -> None:
    ours = Settings()
    client = CarrierClientSettings(endpoint="http://127.0.0.1:9/carrier")
    simulator = SimulatorSettings()
    assert (client.connect_timeout, client.read_timeout) == (
        ours.carrier_connect_timeout,
        ours.carrier_read_timeout,
    )
    assert (simulator.username, simulator.password) == (
        ours.carrier_username,
        ours.carrier_password,
    )
    assert (simulator.push_username, simulator.push_password) == (
        ours.push_username,
        ours.push_password,
    )
    assert simulator.admin_token == ""  # admin endpoints are off unless a token is given


def test_no_adapter_settings_show_a_password_or_token() -> None:
    shown = repr(client_settings_for(OURS)) + repr(simulator_settings_for(OURS))
    for secret in ("carrier-pass-0042", "push-pass-0043", "admin-token-0044-0044"):
        assert secret not in shown
    assert {f.name for f in fields(SimulatorSettings) if not f.repr} >= {
        "password",
        "push_password",
        "admin_token",
    }


def test_the_simulator_keeps_its_number_counters_under_the_var_dir() -> None:
    derived = simulator_settings_for(replace(OURS, var_dir="/srv/courier"))
    assert derived.state_dir == "/srv/courier/simulator"
