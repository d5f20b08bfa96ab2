"""The postage tariff: first weight, started weight steps, insurance with a minimum, fen half-up."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from courier.domain.tariff import InsuranceRate, ProductRate, Tariff, read_tariff, to_fen

EMS = ProductRate("EMS", first_grams=500, first_price=Decimal("20.00"), step_grams=500,
                  step_price=Decimal("6.00"))  # fmt: skip


@pytest.mark.parametrize(
    ("grams", "postage"),
    [(1, "20.00"), (500, "20.00"), (501, "26.00"), (1000, "26.00"), (1001, "32.00"),
     (30000, "374.00")],
)  # fmt: skip
def test_postage_is_the_first_weight_price_plus_one_step_per_started_step(
    grams: int, postage: str
) -> None:
    assert EMS.postage(grams) == Decimal(postage)


def test_insurance_is_a_rate_of_the_insured_value_never_below_the_minimum() -> None:
    insurance = InsuranceRate(Decimal("0.005"), Decimal("1.00"))
    assert insurance.fee(None) == Decimal("0.00")
    assert insurance.fee(Decimal("100")) == Decimal("1.00")  # 0.50 → the minimum
    assert insurance.fee(Decimal("1000")) == Decimal("5.00")


@pytest.mark.parametrize(
    ("amount", "fen"), [("1.505", "1.51"), ("1.504", "1.50"), ("1.666650", "1.67"), ("2.5", "2.50")]
)
def test_money_is_rounded_to_the_fen_half_up(amount: str, fen: str) -> None:
    assert to_fen(Decimal(amount)) == Decimal(fen)
    assert str(to_fen(Decimal(amount))) == fen


def test_a_fee_exactly_on_half_a_fen_rounds_up() -> None:
    insurance = InsuranceRate(Decimal("0.005"), Decimal("1.00"))
    assert insurance.fee(Decimal("301")) == Decimal("1.51")  # 1.505


def test_the_shipped_tariff_prices_every_product_a_leg_can_be_booked_with() -> None:
    tariff = read_tariff()
    for product in ("1", "2", "11"):
        rate = tariff.rate_for(product)
        assert rate is not None and rate.postage(200) > 0
    assert tariff.rate_for("99") is None


def test_a_tariff_file_replaces_the_shipped_one(tmp_path: Path) -> None:
    document = {
        "products": {"1": {"name": "特快", "first_grams": 1000, "first_price": "15.00",
                           "step_grams": 1000, "step_price": "5.50"}},
        "insurance": {"rate": "0.01", "minimum": "2.00"},
    }  # fmt: skip
    path = tmp_path / "tariff.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    tariff = read_tariff(str(path))
    assert set(tariff.products) == {"1"}
    assert tariff.products["1"].postage(2500) == Decimal("26.00")
    assert tariff.insurance.fee(Decimal("500")) == Decimal("5.00")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("not json", "not a tariff"),
        ('{"products": {}, "insurance": {"rate": "0.01", "minimum": "1"}}', "no product"),
        ('{"products": {"1": {"first_grams": 500, "first_price": 20, "step_grams": 500,'
         ' "step_price": "6"}}, "insurance": {"rate": "0.01", "minimum": "1"}}', "string"),
        ('{"products": {"1": {"first_grams": 0, "first_price": "20", "step_grams": 500,'
         ' "step_price": "6"}}, "insurance": {"rate": "0.01", "minimum": "1"}}', "grams"),
        ('{"products": {"1": {"first_grams": 500, "first_price": "-1", "step_grams": 500,'
         ' "step_price": "6"}}, "insurance": {"rate": "0.01", "minimum": "1"}}', "0 or more"),
        ('{"products": {"1": {"first_grams": 500, "first_price": "abc", "step_grams": 500,'
         ' "step_price": "6"}}, "insurance": {"rate": "0.01", "minimum": "1"}}', "not an amount"),
        ('{"products": {"1": {}}, "insurance": {}}', "not a tariff"),
    ],
)  # fmt: skip
def test_a_malformed_tariff_is_refused_saying_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        Tariff.from_json(text)


def test_a_missing_tariff_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        read_tariff(str(tmp_path / "missing.json"))
