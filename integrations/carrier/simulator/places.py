"""Chinese administrative divisions (GB/T 2260, from python-stdnum) and address parsing."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from stdnum import numdb

MUNICIPALITY_CITY_PARTS = ("市辖区", "县")
DIRECT_COUNTY_PARTS = ("省直辖县级行政区划", "自治区直辖县级行政区划")
_SUFFIX = re.compile(r"(壮族自治区|回族自治区|维吾尔自治区|自治区|特別行政區|省|市|地区|盟|区|县)$")
_HISTORY = re.compile(r"^\[(\d{4})?-(\d{4})?\]")


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    parent: str = ""  # code of the enclosing division

    @property
    def short(self) -> str:
        """Return the name without its administrative suffix (广东省 → 广东)."""
        short = _SUFFIX.sub("", self.name)
        return short if len(short) >= 2 else self.name


@dataclass(frozen=True)
class Places:
    provinces: tuple[Division, ...]
    cities: tuple[Division, ...]
    counties: tuple[Division, ...]


def _current_name(raw: str) -> str | None:
    """Return the name of a division still in use, None for an abolished one."""
    history = _HISTORY.match(raw)
    if history and history.group(2):
        return None
    return _HISTORY.sub("", raw)


def _add_part(places: dict[str, list[Division]], province: Division, code: str, name: str) -> None:
    city_code = province.code[:2] + code[:2] + "00"
    if code.endswith("00"):
        if name in MUNICIPALITY_CITY_PARTS:
            places["cities"].append(Division(city_code, province.name, province.code))
        elif name not in DIRECT_COUNTY_PARTS:
            places["cities"].append(Division(city_code, name, province.code))
    elif code[:2] == "90":  # county-level city directly under the province
        places["cities"].append(Division(province.code[:2] + code, name, province.code))
    else:
        places["counties"].append(Division(province.code[:2] + code, name, city_code))


@functools.cache
def places() -> Places:
    """Load the divisions in use today, once per process."""
    found: dict[str, list[Division]] = {"provinces": [], "cities": [], "counties": []}
    for _, low, _, props, parts in numdb.get("cn/loc").prefixes:
        province = Division(low + "0000", props["province"])
        found["provinces"].append(province)
        for _, code, _, part_props, _ in parts:
            name = _current_name(part_props.get("county", ""))
            if name and code != "0000":
                _add_part(found, province, code, name)
    return Places(*(tuple(found[key]) for key in ("provinces", "cities", "counties")))


def _match(text: str, candidates: tuple[Division, ...] | list[Division]) -> Division | None:
    """Return the division whose full or short name starts `text`, longest first."""
    hits = [(len(n), d) for d in candidates for n in {d.name, d.short} if text.startswith(n)]
    return max(hits, key=lambda hit: hit[0])[1] if hits else None


def _strip(text: str, division: Division | None) -> str:
    if division is None:
        return text
    name = division.name if text.startswith(division.name) else division.short
    return text[len(name) :] if text.startswith(name) else text


def _within(divisions: tuple[Division, ...], parent: Division | None) -> list[Division]:
    return [d for d in divisions if parent is None or d.parent == parent.code]


def split_address(text: str) -> tuple[Division, Division, Division | None, str] | None:
    """Split free text into province, city, county and the rest; None if not recognised."""
    table = places()
    rest = text.strip()
    province = _match(rest, table.provinces)
    rest = _strip(rest, province)
    city = _match(rest, _within(table.cities, province))
    if city is None and province is not None and province.code[:2] in ("11", "12", "31", "50"):
        city = next(c for c in table.cities if c.parent == province.code)
    if city is None:
        return None
    rest = _strip(rest, city)
    province = province or next(p for p in table.provinces if p.code == city.parent)
    county = _match(rest, _within(table.counties, city))
    return province, city, county, _strip(rest, county)


def find(divisions: tuple[Division, ...], name: str, parent: Division | None) -> Division | None:
    """Find a division by full or short name, inside `parent` when given."""
    candidates = _within(divisions, parent)
    return next((d for d in candidates if name in (d.name, d.short)), None)
