"""Bad settings are clear errors at start, naming each setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from courier.config import ConfigError, Settings
from courier.storage.crypto import new_key


def env(tmp_path: Path, **values: str) -> dict[str, str]:
    return {"COURIER_VAR_DIR": str(tmp_path), **{f"COURIER_{k}": v for k, v in values.items()}}


def test_defaults_give_an_embedded_sqlite_setup_with_keys_made_once(tmp_path: Path) -> None:
    settings = Settings.from_env(env(tmp_path))
    assert settings.database_url == f"sqlite:///{(tmp_path / 'courier.db').resolve()}"
    assert settings.task_runner == "inprocess" and settings.is_embedded_simulator
    assert settings.carrier_endpoint == "http://127.0.0.1:8000/simulator/carrier"
    assert settings.public_base_url == "http://127.0.0.1:8000"
    moved = Settings.from_env(env(tmp_path, PORT="8080"))
    assert moved.public_base_url == "http://127.0.0.1:8080"
    assert moved.carrier_endpoint == "http://127.0.0.1:8080/simulator/carrier"
    assert Settings.from_env(env(tmp_path)).data_key == settings.data_key


def test_every_bad_setting_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as failure:
        Settings.from_env(
            env(
                tmp_path,
                DATABASE_URL="mysql://x",
                DATA_KEY="short",
                TASK_RUNNER="threads",
                CARRIER_ENDPOINT="ftp://carrier",
            )
        )
    message = str(failure.value)
    for name in ("DATABASE_URL", "DATA_KEY", "TASK_RUNNER", "CARRIER_ENDPOINT"):
        assert f"COURIER_{name}" in message


def test_numbers_that_are_not_numbers_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="COURIER_PORT"):
        Settings.from_env(env(tmp_path, PORT="eighty"))


def test_production_needs_explicit_secrets(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="COURIER_DATA_KEY"):
        Settings.from_env(env(tmp_path, ENV="production"))
    ok = Settings.from_env(env(tmp_path, ENV="production", DATA_KEY=new_key(), SECRET_KEY="s" * 32))
    assert ok.env == "production"


def test_celery_needs_a_broker(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"BROKER_URL"):
        Settings.from_env(env(tmp_path, TASK_RUNNER="celery"))
