"""Bad settings are clear errors at start, naming each setting and never a secret's value."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from courier.config import ConfigError, Settings, described
from courier.storage.crypto import new_key


def env(tmp_path: Path, **values: str) -> dict[str, str]:
    return {"COURIER_VAR_DIR": str(tmp_path), **{f"COURIER_{k}": v for k, v in values.items()}}


def production(tmp_path: Path, **values: str) -> dict[str, str]:
    """A production environment that passes every check, with `values` changed."""
    good = {
        "ENV": "production",
        "SIMULATOR": "off",
        "SMS": "off",
        "CARRIER_ENDPOINT": "https://carrier.example.cn/ws",
        "DATA_KEY": new_key(),
        "SECRET_KEY": secrets.token_hex(32),
        "CARRIER_PASSWORD": secrets.token_urlsafe(16),
        "PUSH_PASSWORD": secrets.token_urlsafe(16),
    }
    return env(tmp_path, **{**good, **values})


def refusal(environ: dict[str, str]) -> str:
    with pytest.raises(ConfigError) as failure:
        Settings.from_env(environ)
    return str(failure.value)


def test_defaults_give_an_embedded_sqlite_setup_with_keys_made_once(tmp_path: Path) -> None:
    settings = Settings.from_env(env(tmp_path))
    assert settings.database_url == f"sqlite:///{(tmp_path / 'courier.db').resolve()}"
    assert settings.task_runner == "inprocess" and settings.is_embedded_simulator
    assert settings.carrier_endpoint == "http://127.0.0.1:8000/simulator/carrier"
    assert settings.public_base_url == "http://127.0.0.1:8000"
    assert (settings.booking_lease_seconds, settings.carrier_reconcile_seconds) == (120, 600)
    assert settings.simulator_admin_token == ""
    moved = Settings.from_env(env(tmp_path, PORT="8080"))
    assert moved.public_base_url == "http://127.0.0.1:8080"
    assert moved.carrier_endpoint == "http://127.0.0.1:8080/simulator/carrier"
    assert Settings.from_env(env(tmp_path)).data_key == settings.data_key


def test_every_bad_setting_is_named(tmp_path: Path) -> None:
    message = refusal(
        env(
            tmp_path,
            DATABASE_URL="mysql://x",
            DATA_KEY="short",
            TASK_RUNNER="threads",
            CARRIER_ENDPOINT="ftp://carrier",
            PORT="eighty",
            CARRIER_CONNECT_TIMEOUT="0",
            CARRIER_READ_TIMEOUT="301",
        )
    )
    for name in (
        "DATABASE_URL",
        "DATA_KEY",
        "TASK_RUNNER",
        "CARRIER_ENDPOINT",
        "PORT",
        "CARRIER_CONNECT_TIMEOUT",
        "CARRIER_READ_TIMEOUT",
    ):
        assert f"COURIER_{name}" in message


def test_numbers_that_are_not_numbers_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="COURIER_PORT"):
        Settings.from_env(env(tmp_path, PORT="eighty"))
    with pytest.raises(ConfigError, match="COURIER_BOOKING_LEASE_SECONDS"):
        Settings.from_env(env(tmp_path, BOOKING_LEASE_SECONDS="two minutes"))


def test_a_lease_shorter_than_the_longest_carrier_call_is_refused(tmp_path: Path) -> None:
    # connect 3 s + 2 × read 10 s = 23 s
    assert Settings.from_env(env(tmp_path, BOOKING_LEASE_SECONDS="23")).booking_lease_seconds == 23
    message = refusal(env(tmp_path, BOOKING_LEASE_SECONDS="22.5"))
    assert "COURIER_BOOKING_LEASE_SECONDS (22.5 s) must be at least" in message
    assert "(23 s)" in message
    slower = refusal(env(tmp_path, CARRIER_READ_TIMEOUT="60"))  # 123 s > the 120 s default
    assert "COURIER_BOOKING_LEASE_SECONDS" in slower and "COURIER_CARRIER_READ_TIMEOUT" in slower


def test_a_reconcile_time_shorter_than_the_lease_is_refused(tmp_path: Path) -> None:
    message = refusal(env(tmp_path, CARRIER_RECONCILE_SECONDS="119"))
    assert "COURIER_CARRIER_RECONCILE_SECONDS (119 s) must be at least" in message
    assert "COURIER_BOOKING_LEASE_SECONDS (120 s)" in message
    longer_lease = refusal(env(tmp_path, BOOKING_LEASE_SECONDS="900"))
    assert "COURIER_CARRIER_RECONCILE_SECONDS (600 s)" in longer_lease
    both = env(tmp_path, BOOKING_LEASE_SECONDS="900", CARRIER_RECONCILE_SECONDS="900")
    assert Settings.from_env(both).carrier_reconcile_seconds == 900


def test_lease_and_reconcile_times_must_be_positive(tmp_path: Path) -> None:
    message = refusal(env(tmp_path, BOOKING_LEASE_SECONDS="-1", CARRIER_RECONCILE_SECONDS="nan"))
    assert "COURIER_BOOKING_LEASE_SECONDS must be more than 0" in message
    assert "COURIER_CARRIER_RECONCILE_SECONDS must be more than 0" in message


def test_production_accepts_explicit_strong_secrets(tmp_path: Path) -> None:
    settings = Settings.from_env(production(tmp_path))
    assert settings.env == "production" and not settings.is_embedded_simulator
    assert not (tmp_path / "data.key").exists() and not (tmp_path / "secret.key").exists()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CARRIER_PASSWORD", "courier-dev"),
        ("CARRIER_PASSWORD", ""),
        ("CARRIER_PASSWORD", "Short-pw1"),
        ("PUSH_PASSWORD", "carrier-dev"),
        ("PUSH_PASSWORD", ""),
        ("PUSH_PASSWORD", "Short-pw1"),
        ("SECRET_KEY", ""),
        ("SECRET_KEY", "a1b2c3d4e5f6a7b8c9d0"),
        ("SECRET_KEY", "s" * 64),
        ("DATA_KEY", ""),
        ("DATA_KEY", "c2hvcnQta2V5"),
        ("DATA_KEY", "k" * 43),
    ],
)
def test_production_refuses_default_empty_and_weak_secrets(
    tmp_path: Path, name: str, value: str
) -> None:
    message = refusal(production(tmp_path, **{name: value}))
    assert f"COURIER_{name}" in message
    if value:
        assert value not in message


def test_production_refuses_the_embedded_simulator(tmp_path: Path) -> None:
    message = refusal(production(tmp_path, SIMULATOR="embedded"))
    assert "COURIER_SIMULATOR=embedded is for development only" in message
    unset = production(tmp_path)
    del unset["COURIER_SIMULATOR"]  # embedded is the default
    assert "COURIER_SIMULATOR" in refusal(unset)


def test_the_defaults_in_production_name_every_variable_to_set(tmp_path: Path) -> None:
    message = refusal(env(tmp_path, ENV="production"))
    for name in ("CARRIER_PASSWORD", "PUSH_PASSWORD", "SECRET_KEY", "DATA_KEY", "SIMULATOR"):
        assert f"COURIER_{name}" in message


def test_a_short_simulator_admin_token_is_refused_without_repeating_it(tmp_path: Path) -> None:
    message = refusal(env(tmp_path, SIMULATOR_ADMIN_TOKEN="tok-1234"))
    assert "COURIER_SIMULATOR_ADMIN_TOKEN" in message and "tok-1234" not in message
    token = secrets.token_urlsafe(16)
    assert Settings.from_env(env(tmp_path, SIMULATOR_ADMIN_TOKEN=token)).simulator_admin_token


def test_no_error_message_repeats_a_secret_even_among_other_errors(tmp_path: Path) -> None:
    weak = {
        "CARRIER_PASSWORD": "Pw-0001",
        "PUSH_PASSWORD": "Pw-0002",
        "SECRET_KEY": "Sk-000000003",
        "DATA_KEY": "Dk-0000000004",
        "SIMULATOR_ADMIN_TOKEN": "At-0000005",
    }
    message = refusal(production(tmp_path, PORT="0", **weak))
    assert "COURIER_PORT" in message
    for name, value in weak.items():
        assert f"COURIER_{name}" in message and value not in message


def test_secrets_are_hidden_from_repr_and_from_the_description(tmp_path: Path) -> None:
    settings = Settings.from_env(
        production(
            tmp_path,
            DATABASE_URL="postgresql+psycopg://courier:Db-pass-77@db:5432/courier",
            REDIS_URL="redis://:Redis-pass-88@redis:6379/0",
            SIMULATOR_ADMIN_TOKEN=secrets.token_urlsafe(16),
        )
    )
    hidden = [
        settings.data_key,
        settings.secret_key,
        settings.carrier_password,
        settings.push_password,
        settings.simulator_admin_token,
    ]
    shown = dict(described(settings))
    text = repr(settings) + repr(shown)
    for secret in [*hidden, "Db-pass-77", "Redis-pass-88"]:
        assert secret not in text
    assert shown["COURIER_CARRIER_PASSWORD"] == "(set, hidden)"
    assert shown["COURIER_DATABASE_URL"] == "postgresql+psycopg://courier:***@db:5432/courier"
    assert shown["COURIER_BOOKING_LEASE_SECONDS"] == "120.0"


def test_celery_needs_a_broker(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"BROKER_URL"):
        Settings.from_env(env(tmp_path, TASK_RUNNER="celery"))


def test_a_url_keeps_everything_but_its_password() -> None:
    from courier.config import without_password

    assert without_password("postgresql+psycopg://app:Pw-9@db:5432/c") == (
        "postgresql+psycopg://app:***@db:5432/c"
    )
    assert without_password("redis://:Pw-9@redis:6379/0") == "redis://:***@redis:6379/0"
    assert without_password("sqlite:////var/courier.db") == "sqlite:////var/courier.db"


def test_sms_settings_are_checked_and_the_api_key_is_never_shown(tmp_path: Path) -> None:
    assert Settings.from_env(env(tmp_path)).sms == "embedded"
    message = refusal(env(tmp_path, SMS="pigeon", SMS_QUIET_HOURS="late", SMS_TIMEOUT="0"))
    assert "COURIER_SMS must be one of embedded, http, off" in message
    assert "COURIER_SMS_QUIET_HOURS" in message and "COURIER_SMS_TIMEOUT" in message
    missing = refusal(env(tmp_path, SMS="http"))
    assert "COURIER_SMS_GATEWAY_URL" in missing and "COURIER_SMS_API_KEY" in missing
    key = "sms-key-" + secrets.token_hex(8)
    settings = Settings.from_env(
        env(tmp_path, SMS="http", SMS_GATEWAY_URL="http://127.0.0.1:9/sms", SMS_API_KEY=key)
    )
    assert key not in repr(settings) and ("COURIER_SMS_API_KEY", "(set, hidden)") in described(
        settings
    )


def test_production_refuses_the_embedded_sms_outbox_and_a_plain_http_gateway(
    tmp_path: Path,
) -> None:
    assert "COURIER_SMS=embedded is for development only" in refusal(
        production(tmp_path, SMS="embedded")
    )
    unset = production(tmp_path)
    del unset["COURIER_SMS"]  # embedded is the default
    assert "COURIER_SMS=embedded" in refusal(unset)
    key = secrets.token_hex(16)
    plain = production(
        tmp_path, SMS="http", SMS_GATEWAY_URL="http://sms.example.cn", SMS_API_KEY=key
    )
    message = refusal(plain)
    assert "must be an https URL in production" in message and key not in message
    https = {**plain, "COURIER_SMS_GATEWAY_URL": "https://sms.example.cn/send"}
    assert Settings.from_env(https).sms == "http"
