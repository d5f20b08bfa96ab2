"""The Idempotency-Key lifetime is a setting: 24 hours unless told, and refused when absurd."""

from __future__ import annotations

from pathlib import Path

import pytest

from courier.config import ConfigError, Settings


def test_keys_last_24_hours_by_default(tmp_path: Path) -> None:
    settings = Settings.from_env({"COURIER_VAR_DIR": str(tmp_path)})
    assert settings.idempotency_key_hours == 24


@pytest.mark.parametrize("hours", ["0", "-1", "721"])
def test_a_lifetime_outside_1_to_720_hours_is_refused(tmp_path: Path, hours: str) -> None:
    environ = {"COURIER_VAR_DIR": str(tmp_path), "COURIER_IDEMPOTENCY_KEY_HOURS": hours}
    with pytest.raises(ConfigError, match="COURIER_IDEMPOTENCY_KEY_HOURS"):
        Settings.from_env(environ)
