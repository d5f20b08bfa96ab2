"""GB/T 2260 mainland divisions (province → city → county) under the names the carrier expects.

The table (data/gb2260.tsv, built by scripts/build-divisions) already maps the special cases:
a municipality is its own city (110101 → 北京市 北京市 东城区); a county-level unit directly
under a province, and a prefecture-level city without counties, is its own city and county
(429004 → 湖北省 仙桃市 仙桃市, 441900 → 广东省 东莞市 东莞市).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files

from courier.domain.errors import InvalidValue

FIELD = "county_code"
MALFORMED = "区县代码应为 6 位 GB/T 2260 县级行政区划代码。"
NOT_IN_TABLE = "区县代码不在行政区划表中。"
PROVINCE, CITY, COUNTY = 1, 2, 3
_CODE = re.compile(r"[0-9]{6}")


@dataclass(frozen=True)
class Division:
    code: str
    name: str


@dataclass(frozen=True)
class Place:
    """A county with the city and province it belongs to."""

    province: Division
    city: Division
    county: Division

    def names(self) -> tuple[str, str, str]:
        return self.province.name, self.city.name, self.county.name


@dataclass(frozen=True)
class _Table:
    nodes: dict[tuple[int, str], tuple[str, str]]  # (level, code) → (name, parent code)
    children: dict[tuple[int, str], tuple[Division, ...]]  # (level, code) → the level below


@functools.cache
def _table() -> _Table:
    """Read the table once per process, on first use."""
    text = files("courier.domain").joinpath("data/gb2260.tsv").read_text(encoding="utf-8")
    nodes: dict[tuple[int, str], tuple[str, str]] = {}
    children: dict[tuple[int, str], list[Division]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        level_text, code, name, parent = line.split("\t")
        level = int(level_text)
        nodes[(level, code)] = (name, parent)
        children.setdefault((level - 1, parent), []).append(Division(code, name))
    return _Table(nodes, {key: tuple(found) for key, found in children.items()})


def provinces() -> tuple[Division, ...]:
    return _table().children.get((PROVINCE - 1, ""), ())


def cities(province_code: str) -> tuple[Division, ...]:
    """Return the cities of a province; none for a code that is not a province."""
    return _table().children.get((PROVINCE, province_code), ())


def counties(city_code: str) -> tuple[Division, ...]:
    """Return the counties of a city; none for a code that is not a city."""
    return _table().children.get((CITY, city_code), ())


def lookup(county_code: str) -> Place | None:
    """Return the place of a county code, or None when the table does not hold it."""
    nodes = _table().nodes
    county = nodes.get((COUNTY, county_code))
    if county is None:
        return None
    city = nodes[(CITY, county[1])]
    province = nodes[(PROVINCE, city[1])]
    return Place(
        Division(city[1], province[0]),
        Division(county[1], city[0]),
        Division(county_code, county[0]),
    )


def resolve(county_code: str) -> Place:
    """Return the province, city and county of a code, or say why the code is refused."""
    code = (county_code or "").strip()
    if not _CODE.fullmatch(code):
        raise InvalidValue(MALFORMED, FIELD)
    place = lookup(code)
    if place is None:
        raise InvalidValue(NOT_IN_TABLE, FIELD)
    return place


def find(province: str, city: str, county: str) -> Place | None:
    """Return the place these names denote, or None when they name none (or only part of one).

    A city that is its own county (东莞市) takes any county name: that is the town, which then
    belongs in the street.
    """
    found_province = _named(provinces(), province)
    if found_province is None:
        return None
    found_city = _named(cities(found_province.code), city)
    if found_city is None:
        return None
    inside = counties(found_city.code)
    if len(inside) == 1 and inside[0].code == found_city.code:
        return Place(found_province, found_city, inside[0])
    found_county = _named(inside, county)
    return None if found_county is None else Place(found_province, found_city, found_county)


def _named(divisions: tuple[Division, ...], name: str) -> Division | None:
    wanted = (name or "").strip()
    return next((d for d in divisions if d.name == wanted), None)
