"""Postal addresses and the parties that send and receive parcels."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

from courier.domain import divisions
from courier.domain.errors import InvalidValue
from courier.domain.identifiers import normalize_phone, normalize_postcode
from courier.domain.text import Text
from courier.domain.validation import all_valid

CODE_MISSING = Text("请填写区县代码。")
NAMES_NOT_IN_TABLE = Text("省份、城市、区县与行政区划表不符，请选择区县。")
# field → (label, longest name)
_PLACE_FIELDS = {
    "province": (Text("省份"), 20),
    "city": (Text("城市"), 30),
    "county": (Text("区县"), 30),
}


def _visible(text: str) -> bool:
    """Tell text with something to read from text of only spaces, zero-width or bidi marks."""
    return any(not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in text)


def _required(value: str, field: str, label: str, max_length: int = 100) -> str:
    text = (value or "").strip()
    if not _visible(text):
        raise InvalidValue(Text("请填写{label}。", label=label), field)
    if len(text) > max_length:
        raise InvalidValue(
            Text("{label}过长（最多 {most} 个字）。", label=label, most=max_length), field
        )
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
        """Validate and build an address, naming every bad part at once.

        The county code decides the place (GB/T 2260): names left empty are filled from the
        table, names given must be the table's. Without a code, the names must denote a county.
        """
        named = {"province": province, "city": city, "county": county}
        values = all_valid(
            place=lambda: _place(named, county_code),
            street=lambda: _required(street, "street", Text("详细地址"), 120),
            postcode=lambda: normalize_postcode(postcode),
        )
        place: divisions.Place = values.pop("place")
        return cls(*place.names(), place.county.code, **values)

    def one_line(self) -> str:
        return f"{self.province}{self.city}{self.county}{self.street}"


def _place(named: dict[str, str], county_code: str) -> divisions.Place:
    """Return the place of the code, or of the names when there is no code."""
    if not (county_code or "").strip():
        return _place_of_names(named)
    place = divisions.lookup(county_code.strip())
    checks: dict[str, Callable[[], object]] = {
        field: _agreeing(value, field, place) for field, value in named.items()
    }
    checks["county_code"] = lambda: divisions.resolve(county_code)
    found: divisions.Place = all_valid(**checks)["county_code"]
    return found


def _agreeing(value: str, field: str, place: divisions.Place | None) -> Callable[[], str]:
    """Check one name against the code's place; without a place, only that it is there."""
    label, longest = _PLACE_FIELDS[field]

    def check() -> str:
        given = (value or "").strip()
        if place is None:
            return _required(value, field, label, longest)
        expected = dict(zip(_PLACE_FIELDS, place.names(), strict=True))[field]
        if given and given != expected:
            code = place.county.code
            message = Text(
                "{label}与区县代码 {code} 不符，应为“{expected}”。",
                label=label,
                code=code,
                expected=expected,
            )
            raise InvalidValue(message, field)
        return expected

    return check


def _place_of_names(named: dict[str, str]) -> divisions.Place:
    """Find the county the names denote; they must all be there and be the table's."""
    place = divisions.find(named["province"], named["city"], named["county"])
    checks: dict[str, Callable[[], object]] = {
        field: _agreeing(value, field, place) for field, value in named.items()
    }
    checks[divisions.FIELD] = lambda: place or _no_code(named)
    found: divisions.Place = all_valid(**checks)[divisions.FIELD]
    return found


def _no_code(named: dict[str, str]) -> NoReturn:
    given = all(_visible(value or "") for value in named.values())
    raise InvalidValue(NAMES_NOT_IN_TABLE if given else CODE_MISSING, divisions.FIELD)


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
            name=_required(name, "name", Text("姓名"), 40),
            phone=normalize_phone(phone),
            address=address,
            organization=(organization or "").strip()[:60],
        )


def required_text(value: str, field: str, label: str, max_length: int = 100) -> str:
    """Return stripped text, or raise InvalidValue when it is empty or too long."""
    return _required(value, field, label, max_length)
