"""The postage tariff: first weight and weight steps per product, insurance as a rate.

Money is Decimal, rounded to the fen (0.01) half-up, once per fee.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from importlib.resources import files
from pathlib import Path
from typing import Any

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def to_fen(amount: Decimal) -> Decimal:
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ProductRate:
    """首重 and 续重 of one product (bizProductNo)."""

    name: str
    first_grams: int
    first_price: Decimal
    step_grams: int
    step_price: Decimal

    def postage(self, weight_grams: int) -> Decimal:
        """Return the first-weight price plus one step price per started step above it."""
        above = max(0, weight_grams - self.first_grams)
        steps = -(-above // self.step_grams)
        return to_fen(self.first_price + steps * self.step_price)


@dataclass(frozen=True)
class InsuranceRate:
    """保价费: a rate of the insured value, never less than the minimum."""

    rate: Decimal
    minimum: Decimal

    def fee(self, insured_value: Decimal | None) -> Decimal:
        if insured_value is None:
            return ZERO
        return to_fen(max(self.minimum, insured_value * self.rate))


@dataclass(frozen=True)
class Tariff:
    products: Mapping[str, ProductRate]
    insurance: InsuranceRate

    def rate_for(self, biz_product_no: str) -> ProductRate | None:
        return self.products.get(biz_product_no)

    @classmethod
    def from_json(cls, text: str) -> Tariff:
        """Read a tariff document; ValueError names what is wrong."""
        try:
            document = json.loads(text)
            products = {str(no): _product(no, spec) for no, spec in document["products"].items()}
            insurance = document["insurance"]
            rate = InsuranceRate(_money(insurance, "rate"), _money(insurance, "minimum"))
        except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as error:
            raise ValueError(f"not a tariff document ({error!r})") from error
        if not products:
            raise ValueError("the tariff names no product")
        return cls(products, rate)


def read_tariff(path: str = "") -> Tariff:
    """Return the tariff in the file at path, or the one shipped (courier/domain/data)."""
    source = Path(path) if path else files("courier.domain").joinpath("data/tariff.json")
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"cannot read {path} ({error.__class__.__name__})") from error
    return Tariff.from_json(text)


def _product(number: str, spec: dict[str, Any]) -> ProductRate:
    return ProductRate(
        name=str(spec.get("name", number)),
        first_grams=_grams(spec, "first_grams"),
        first_price=_money(spec, "first_price"),
        step_grams=_grams(spec, "step_grams"),
        step_price=_money(spec, "step_price"),
    )


def _grams(spec: Mapping[str, Any], key: str) -> int:
    value = spec[key]
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{key} must be a whole number of grams above 0")
    return value


def _money(spec: Mapping[str, Any], key: str) -> Decimal:
    """Read an amount written as a string ("6.00"), so no float rounding enters."""
    value = spec[key]
    if not isinstance(value, str):
        raise ValueError(f'{key} must be written as a string, e.g. "6.00"')
    try:
        amount = Decimal(value)
    except InvalidOperation as error:
        raise ValueError(f"{key} is not an amount: {value!r}") from error
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{key} must be 0 or more")
    return amount
