"""Read a pasted address with the carrier (060001) and warn if it cannot deliver there (060002).

The carrier's names are mapped to a GB/T 2260 county code when the table holds them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from courier.domain import divisions
from courier.domain.errors import InvalidValue
from courier.domain.text import Text
from courier.ports.carrier import (
    Carrier,
    CarrierBusinessError,
    CarrierError,
    CarrierParty,
    ParsedAddress,
)
from courier.services.carrier_orders import carrier_party
from courier.services.unit_of_work import UnitOfWork

FIELD = "address_text"
NOTHING_PASTED = Text("请先粘贴申请人的完整地址")
NOT_RECOGNISED = Text("邮政无法识别该地址，请核对后手动选择省市区")
PARSING_UNAVAILABLE = Text("邮政地址解析暂不可用，请手动选择省市区")
NOT_CHECKED = Text("暂时无法向邮政核实能否寄达该地址，寄递前请再核对")


@dataclass(frozen=True)
class AddressReading:
    """A pasted address split as the carrier reads it, and a warning if it cannot deliver.

    county_code is empty when the table does not hold the carrier's names.
    """

    province: str
    city: str
    county: str
    street: str
    county_code: str = ""
    warning: str = ""


def read_pasted_address(
    uow: UnitOfWork, carrier: Carrier, department_code: str, text: str
) -> AddressReading:
    """Split a pasted address; check that the department's result can be mailed there."""
    if not text.strip():
        raise InvalidValue(NOTHING_PASTED, field=FIELD)
    try:
        parsed = carrier.parse_address(text.strip())
    except CarrierBusinessError:
        raise InvalidValue(NOT_RECOGNISED, field=FIELD) from None
    except CarrierError:
        raise InvalidValue(PARSING_UNAVAILABLE, field=FIELD) from None
    reading = in_table(parsed)
    if not reading.county_code:
        place = f"{parsed.prov}{parsed.city}{parsed.county}"
        return replace(reading, warning=_not_in_table(place))
    return replace(reading, warning=_reachability_warning(uow, carrier, department_code, reading))


def in_table(parsed: ParsedAddress) -> AddressReading:
    """Name the carrier's place as the table does; a town the table lacks goes in the street."""
    place = divisions.find(parsed.prov, parsed.city, parsed.county)
    if place is None:
        return AddressReading(parsed.prov, parsed.city, parsed.county, parsed.address)
    town = parsed.county if parsed.county not in ("", place.county.name) else ""
    return AddressReading(*place.names(), town + parsed.address, place.county.code)


def _reachability_warning(
    uow: UnitOfWork, carrier: Carrier, department_code: str, reading: AddressReading
) -> str:
    """Say whether the carrier cannot deliver from the department; no department, no check."""
    with uow:
        department = uow.departments.get_by_code(department_code) if department_code else None
    if department is None:
        return ""
    receiver = CarrierParty("", "", reading.province, reading.city, reading.county, reading.street)
    try:
        reachable = carrier.check_reachability(carrier_party(department.as_party()), receiver)
    except CarrierError:
        return NOT_CHECKED
    return "" if reachable else _unreachable(department.name)


def _unreachable(sender: str) -> Text:
    return Text("邮政提示：无法从{sender}寄达该地址，请与申请人核对，或改为窗口自取", sender=sender)


def _not_in_table(place: str) -> Text:
    return Text(
        "邮政解析出的省市区（{place}）不在行政区划表中，请手动选择省、市、区县", place=place
    )
