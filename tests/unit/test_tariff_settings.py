"""COURIER_TARIFF_FILE: the statements' tariff, checked at start; the shipped one by default."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from courier.bootstrap import bootstrap
from courier.config import ConfigError, Settings


def env(tmp_path: Path, **values: str) -> dict[str, str]:
    return {"COURIER_VAR_DIR": str(tmp_path), **{f"COURIER_{k}": v for k, v in values.items()}}


def test_without_a_tariff_file_statements_use_the_shipped_tariff(tmp_path: Path) -> None:
    settings = Settings.from_env(env(tmp_path))
    assert settings.tariff_file == ""
    tariff = bootstrap(settings).tariff()
    assert set(tariff.products) == {"1", "2", "11"}


def test_a_tariff_file_sets_the_prices_of_statements(tmp_path: Path) -> None:
    product = {"first_grams": 1000, "first_price": "18.00", "step_grams": 1000, "step_price": "6"}
    document = {"products": {"1": product}, "insurance": {"rate": "0.003", "minimum": "2.00"}}
    path = tmp_path / "tariff.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    tariff = bootstrap(Settings.from_env(env(tmp_path, TARIFF_FILE=str(path)))).tariff()
    assert tariff.products["1"].postage(1500) == Decimal("24.00")


@pytest.mark.parametrize("content", [None, "{}", '{"products": {"1": {}}}'])
def test_an_unreadable_or_malformed_tariff_file_stops_the_start(
    tmp_path: Path, content: str | None
) -> None:
    path = tmp_path / "tariff.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match="COURIER_TARIFF_FILE"):
        Settings.from_env(env(tmp_path, TARIFF_FILE=str(path)))
