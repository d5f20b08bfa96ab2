"""Tracking settings: poll intervals, stuck thresholds, the simulator's pickup delay."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from courier.bootstrap import bootstrap
from courier.carrier_wiring import simulator_settings_for
from courier.config import ConfigError, Settings
from courier.domain.leg import LegStatus


def env(tmp_path: Path, **values: str) -> dict[str, str]:
    return {"COURIER_VAR_DIR": str(tmp_path), **{f"COURIER_{k}": v for k, v in values.items()}}


def test_tracking_settings_default_to_the_documented_schedule(tmp_path: Path) -> None:
    settings = Settings.from_env(env(tmp_path))
    assert (settings.poll_intervals, settings.stuck_thresholds) == ("", "")
    assert settings.simulator_pickup_seconds == 600
    assert simulator_settings_for(settings).pickup_delay_seconds == 600


def test_the_wired_app_polls_and_flags_by_the_settings(tmp_path: Path) -> None:
    settings = Settings.from_env(
        env(
            tmp_path,
            POLL_INTERVALS="near_delivery=10m, idle=6h",
            STUCK_THRESHOLDS="in_transit=48h,out_for_delivery=12h",
            SIMULATOR_PICKUP_SECONDS="30",
        )
    )
    app = bootstrap(settings)
    try:
        schedule = app.poll_policy().schedule
        assert (schedule.near_delivery, schedule.idle) == (
            timedelta(minutes=10),
            timedelta(hours=6),
        )
        limits = app.stuck_thresholds().limits
        assert limits[LegStatus.IN_TRANSIT] == timedelta(hours=48)
        assert limits[LegStatus.OUT_FOR_DELIVERY] == timedelta(hours=12)
        assert simulator_settings_for(settings).pickup_delay_seconds == 30
    finally:
        app.close()


def test_bad_tracking_settings_are_refused_each_by_name(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as failure:
        Settings.from_env(
            env(
                tmp_path,
                POLL_INTERVALS="near_delivery=soon",
                STUCK_THRESHOLDS="delivered=1d",
                SIMULATOR_PICKUP_SECONDS="-5",
            )
        )
    message = str(failure.value)
    assert "COURIER_POLL_INTERVALS: 'soon' is not a span" in message
    assert "COURIER_STUCK_THRESHOLDS: 'delivered' is not one of booked" in message
    assert "COURIER_SIMULATOR_PICKUP_SECONDS must be between 0 and 604800" in message


def test_a_pickup_delay_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="COURIER_SIMULATOR_PICKUP_SECONDS='soon'"):
        Settings.from_env(env(tmp_path, SIMULATOR_PICKUP_SECONDS="soon"))
