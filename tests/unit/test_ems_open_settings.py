"""Choosing the EMS open platform by configuration: its credentials, checks and wiring."""

from __future__ import annotations

import base64
import secrets
from dataclasses import fields
from pathlib import Path

import pytest

from courier.carrier_wiring import carrier_for, ems_open_settings_for, simulator_settings_for
from courier.config import Settings, described
from courier.config_rules import EMS_OPEN_PATH
from integrations.carrier.ems_open import PLATFORM_PATH, EmsOpenCarrier, EmsOpenSettings
from integrations.carrier.recording import InMemoryCallRecorder
from integrations.carrier.soap.client import SoapCarrier
from tests.unit.test_config import env, production, refusal

SIGN_KEY = base64.b64encode(secrets.token_bytes(16)).decode()
AUTHORIZATION = secrets.token_urlsafe(18)


def ems_production(tmp_path: Path, **values: str) -> dict[str, str]:
    """A production environment on the EMS open platform that passes every check."""
    good = {
        "CARRIER": "ems_open",
        "CARRIER_ENDPOINT": "https://api.ems.com.cn" + EMS_OPEN_PATH,
        "EMS_SENDER_NO": "1100012345678",
        "EMS_AUTHORIZATION": AUTHORIZATION,
        "EMS_SIGN_KEY": SIGN_KEY,
    }
    return production(tmp_path, **{**good, **values})


def test_soap_stays_the_default_carrier(tmp_path: Path) -> None:
    settings = Settings.from_env(env(tmp_path))
    assert settings.carrier == "soap" and settings.carrier_endpoint.endswith("/simulator/carrier")


def test_the_embedded_default_points_the_ems_client_at_the_simulators_platform_path(
    tmp_path: Path,
) -> None:
    settings = Settings.from_env(env(tmp_path, CARRIER="ems_open"))
    assert settings.carrier_endpoint == "http://127.0.0.1:8000/simulator" + PLATFORM_PATH
    assert EMS_OPEN_PATH == PLATFORM_PATH


def test_an_unknown_carrier_is_refused(tmp_path: Path) -> None:
    assert "COURIER_CARRIER must be one of soap, ems_open" in refusal(env(tmp_path, CARRIER="sf"))


def test_production_accepts_the_credentials_ems_issued(tmp_path: Path) -> None:
    settings = Settings.from_env(ems_production(tmp_path))
    assert (settings.carrier, settings.ems_sender_no) == ("ems_open", "1100012345678")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("EMS_SENDER_NO", "1100000000000"),
        ("EMS_SENDER_NO", ""),
        ("EMS_AUTHORIZATION", "courier-ems-dev"),
        ("EMS_AUTHORIZATION", ""),
        ("EMS_AUTHORIZATION", "short-auth"),
        ("EMS_AUTHORIZATION", "x" * 24),
        ("EMS_SIGN_KEY", "Y291cmllci1lbXMtZGV2IQ=="),
        ("EMS_SIGN_KEY", ""),
        ("EMS_SIGN_KEY", "c2hvcnQ="),
        ("EMS_SIGN_KEY", "AAAAAAAAAAAAAAAAAAAAAA=="),
    ],
)
def test_production_refuses_default_empty_and_weak_ems_credentials(
    tmp_path: Path, name: str, value: str
) -> None:
    message = refusal(ems_production(tmp_path, **{name: value}))
    assert f"COURIER_{name}" in message
    if value:
        assert value not in message


def test_a_sign_key_that_is_not_sixteen_bytes_is_refused_in_development_too(
    tmp_path: Path,
) -> None:
    message = refusal(env(tmp_path, CARRIER="ems_open", EMS_SIGN_KEY="not-a-key"))
    assert "COURIER_EMS_SIGN_KEY must be the signKey EMS issued" in message


def test_ems_secrets_are_write_only(tmp_path: Path) -> None:
    settings = Settings.from_env(ems_production(tmp_path))
    shown = repr(settings) + str(described(settings)) + repr(ems_open_settings_for(settings))
    shown += repr(simulator_settings_for(settings))
    assert AUTHORIZATION not in shown and SIGN_KEY not in shown
    assert {f.name for f in fields(EmsOpenSettings) if not f.repr} == {"authorization", "sign_key"}


def test_the_ems_client_and_the_simulator_share_our_credentials_and_timeouts(
    tmp_path: Path,
) -> None:
    settings = Settings.from_env(ems_production(tmp_path, CARRIER_READ_TIMEOUT="7.5"))
    client, simulator = ems_open_settings_for(settings), simulator_settings_for(settings)
    assert (client.sender_no, client.authorization, client.sign_key) == (
        simulator.ems_sender_no,
        simulator.ems_authorization,
        simulator.ems_sign_key,
    )
    assert client.endpoint == settings.carrier_endpoint and client.read_timeout == 7.5


@pytest.mark.parametrize(("carrier", "kind"), [("soap", SoapCarrier), ("ems_open", EmsOpenCarrier)])
def test_courier_carrier_chooses_the_adapter(tmp_path: Path, carrier: str, kind: type) -> None:
    settings = Settings.from_env(env(tmp_path, CARRIER=carrier))
    adapter = carrier_for(settings, InMemoryCallRecorder())  # type: ignore[arg-type]
    assert isinstance(adapter, kind)


def test_production_on_the_ems_open_platform_needs_no_soap_password(tmp_path: Path) -> None:
    environ = ems_production(tmp_path)
    del environ["COURIER_CARRIER_PASSWORD"]  # the documented default stays: nothing sends it
    settings = Settings.from_env(environ)
    assert (settings.carrier, settings.carrier_password) == ("ems_open", "courier-dev")


def test_production_on_the_ems_open_platform_names_the_ems_credentials_to_set(
    tmp_path: Path,
) -> None:
    environ = env(tmp_path, ENV="production", CARRIER="ems_open")
    message = refusal(environ)
    for name in ("EMS_SENDER_NO", "EMS_AUTHORIZATION", "EMS_SIGN_KEY", "PUSH_PASSWORD"):
        assert f"COURIER_{name}" in message
    assert "COURIER_CARRIER_PASSWORD" not in message


def test_production_on_the_ems_open_platform_still_refuses_the_default_push_password(
    tmp_path: Path,
) -> None:
    message = refusal(ems_production(tmp_path, PUSH_PASSWORD="carrier-dev"))
    assert "COURIER_PUSH_PASSWORD" in message and "COURIER_CARRIER_PASSWORD" not in message


def test_production_on_soap_still_refuses_the_default_carrier_password(tmp_path: Path) -> None:
    environ = production(tmp_path)
    del environ["COURIER_CARRIER_PASSWORD"]
    assert "COURIER_CARRIER_PASSWORD must be set in production" in refusal(environ)
