"""Postal addresses and the parties that send and receive parcels."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from courier.domain.errors import InvalidValue
from courier.domain.identifiers import normalize_county_code, normalize_phone, normalize_postcode
from courier.domain.validation import all_valid


def _visible(text: str) -> bool:
    """Tell text with something to read from text of only spaces, zero-width or bidi marks."""
    return any(not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in text)


def _required(value: str, field: str, label: str, max_length: int = 100) -> str:
    text = (value or "").strip()
    if not _visible(text):
        raise InvalidValue(f"请填写{label}。", field)
    if len(text) > max_length:
        raise InvalidValue(f"{label}过长（最多 {max_length} 个字）。", field)
    return text


@dataclass(frozen=True)
class Address:
    """A mainland postal address: names of places as the carrier wants them, plus codes."""

    province: str
    city: str
    county: str
    county_code: str
    street: str
    postcode: str

    @classmethod
    def create(
        cls, province: str, city: str, county: str, county_code: str, street: str, postcode: str
    ) -> Address:
        """Validate and build an address, naming every bad part at once."""
        return cls(
            **all_valid(
                province=lambda: _required(province, "province", "省份", 20),
                city=lambda: _required(city, "city", "城市", 30),
                county=lambda: _required(county, "county", "区县", 30),
                county_code=lambda: normalize_county_code(county_code),
                street=lambda: _required(street, "street", "详细地址", 120),
                postcode=lambda: normalize_postcode(postcode),
            )
        )

    def one_line(self) -> str:
        return f"{self.province}{self.city}{self.county}{self.street}"


@dataclass(frozen=True)
class Party:
    """Who sends or receives one parcel: full name and phone go to the carrier only."""

    name: str
    phone: str
    address: Address
    organization: str = ""

    @classmethod
    def create(cls, name: str, phone: str, address: Address, organization: str = "") -> Party:
        """Validate and build a party."""
        return cls(
            name=_required(name, "name", "姓名", 40),
            phone=normalize_phone(phone),
            address=address,
            organization=(organization or "").strip()[:60],
        )


def required_text(value: str, field: str, label: str, max_length: int = 100) -> str:
    """Return stripped text, or raise InvalidValue when it is empty or too long."""
    return _required(value, field, label, max_length)
