"""Reading a pasted address with the carrier, and the warning when it cannot deliver there."""

from __future__ import annotations

import pytest

from courier.domain.errors import InvalidValue
from courier.ports.carrier import (
    CarrierOutcomeUnknown,
    CarrierParty,
    CarrierUnavailable,
    ParsedAddress,
)
from courier.services.addresses import (
    NOT_CHECKED,
    PARSING_UNAVAILABLE,
    AddressReading,
    in_table,
    read_pasted_address,
)
from integrations.carrier.fake import FakeCarrier
from tests import factories
from tests.fakes import FakeUnitOfWork

PASTED = "浙江省杭州市西湖区保俶路88号阳光小区"


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    uow.departments.add(factories.department())
    return uow


def test_a_pasted_address_is_split_by_the_carrier(uow: FakeUnitOfWork) -> None:
    assert read_pasted_address(uow, FakeCarrier(), "D-MZ", PASTED) == AddressReading(
        "浙江省", "杭州市", "西湖区", "保俶路88号阳光小区", "330106"
    )


def test_a_municipality_read_by_the_carrier_gets_its_county_code() -> None:
    reading = in_table(ParsedAddress("北京市", "北京市", "东城区", "东四十条1号"))
    assert (reading.city, reading.county_code) == ("北京市", "110101")


def test_a_town_in_a_city_without_counties_moves_to_the_street() -> None:
    reading = in_table(ParsedAddress("广东省", "东莞市", "虎门镇", "连升路1号"))
    assert reading == AddressReading("广东省", "东莞市", "东莞市", "虎门镇连升路1号", "441900")


def test_a_place_the_table_does_not_hold_is_warned_about_and_left_to_choose(
    uow: FakeUnitOfWork,
) -> None:
    reading = read_pasted_address(uow, FakeCarrier(), "D-MZ", "浙江省杭州市东城区某路1号")
    assert reading.county_code == "" and "不在行政区划表中" in reading.warning


def test_the_reachability_is_asked_from_the_department_to_the_pasted_address(
    uow: FakeUnitOfWork,
) -> None:
    carrier = FakeCarrier()
    read_pasted_address(uow, carrier, "D-MZ", PASTED)
    assert carrier.operations() == ["parse_address", "check_reachability"]
    assert carrier.calls[-1].arguments["sender"].prov == "浙江省"


def test_an_unreachable_address_is_warned_about_naming_the_department(uow: FakeUnitOfWork) -> None:
    carrier = FakeCarrier(unreachable_provinces=frozenset({"浙江省"}))
    warning = read_pasted_address(uow, carrier, "D-MZ", PASTED).warning
    assert warning.startswith("邮政提示：无法从杭州市民政局寄达该地址")


def test_without_a_department_there_is_nothing_to_check_from(uow: FakeUnitOfWork) -> None:
    carrier = FakeCarrier(unreachable_provinces=frozenset({"浙江省"}))
    assert read_pasted_address(uow, carrier, "", PASTED).warning == ""
    assert carrier.operations() == ["parse_address"]


class ReachabilityDown(FakeCarrier):
    """Parses addresses, but its reachability check is down."""

    def check_reachability(self, sender: CarrierParty, receiver: CarrierParty) -> bool:
        raise CarrierUnavailable("邮政系统繁忙", code="S0001")


def test_a_carrier_that_cannot_check_reachability_leaves_a_note_not_an_error(
    uow: FakeUnitOfWork,
) -> None:
    reading = read_pasted_address(uow, ReachabilityDown(), "D-MZ", PASTED)
    assert (reading.province, reading.warning) == ("浙江省", NOT_CHECKED)


def test_a_carrier_that_cannot_parse_is_a_field_error_asking_to_type_it(
    uow: FakeUnitOfWork,
) -> None:
    carrier = FakeCarrier()
    carrier.fail_next(CarrierOutcomeUnknown("timeout"))
    with pytest.raises(InvalidValue) as refused:
        read_pasted_address(uow, carrier, "D-MZ", PASTED)
    assert (refused.value.field, refused.value.message) == ("address_text", PARSING_UNAVAILABLE)
