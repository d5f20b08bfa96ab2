"""The GB/T 2260 table names every county as the carrier expects, and addresses agree with it."""

from __future__ import annotations

import pytest

from courier.domain import divisions
from courier.domain.divisions import Division
from courier.domain.errors import InvalidValue, ValidationFailed
from courier.domain.places import NAMES_NOT_IN_TABLE, Address


def test_a_county_resolves_to_its_province_city_and_county() -> None:
    place = divisions.resolve("330106")
    assert place.names() == ("浙江省", "杭州市", "西湖区")
    assert (place.province.code, place.city.code) == ("330000", "330100")


def test_a_municipality_is_its_own_city() -> None:
    assert divisions.resolve("110101").names() == ("北京市", "北京市", "东城区")
    assert divisions.cities("110000") == (Division("110100", "北京市"),)


def test_chongqing_counties_sit_in_the_one_city_with_its_districts() -> None:
    assert divisions.resolve("500229").names() == ("重庆市", "重庆市", "城口县")
    inside = {d.name for d in divisions.counties("500100")}
    assert {"渝中区", "城口县"} <= inside


def test_a_county_under_the_province_is_its_own_city_and_county() -> None:
    place = divisions.resolve("429004")
    assert place.names() == ("湖北省", "仙桃市", "仙桃市")
    assert Division("429004", "仙桃市") in divisions.cities("420000")
    assert divisions.counties("429004") == (Division("429004", "仙桃市"),)


def test_a_city_without_counties_is_its_own_county() -> None:
    assert divisions.resolve("441900").names() == ("广东省", "东莞市", "东莞市")


def test_the_table_holds_the_mainland_only() -> None:
    names = {p.name for p in divisions.provinces()}
    assert len(names) == 31 and "浙江省" in names and "台湾省" not in names


@pytest.mark.parametrize("code", ["999999", "330100", "330000", "710101", "133100"])
def test_a_code_not_in_the_table_is_refused_on_the_county_code(code: str) -> None:
    with pytest.raises(InvalidValue, match="区县代码不在行政区划表中") as refused:
        divisions.resolve(code)
    assert refused.value.field == "county_code"


@pytest.mark.parametrize("code", ["33010", "33010a", "٣٣٠١٠٦", ""])
def test_a_malformed_code_says_what_a_code_looks_like(code: str) -> None:
    with pytest.raises(InvalidValue, match="6 位") as refused:
        divisions.resolve(code)
    assert refused.value.field == "county_code"


def test_children_of_a_code_that_is_not_their_parent_are_none() -> None:
    assert divisions.cities("330106") == () and divisions.counties("330000") == ()
    assert divisions.lookup("330100") is None


def test_names_find_their_county() -> None:
    place = divisions.find("浙江省", "杭州市", "西湖区")
    assert place is not None and place.county.code == "330106"
    assert divisions.find("浙江省", "宁波市", "西湖区") is None
    assert divisions.find("浙江", "杭州市", "西湖区") is None


def test_in_a_city_without_counties_any_county_name_finds_the_city() -> None:
    place = divisions.find("广东省", "东莞市", "虎门镇")
    assert place is not None and place.county == Division("441900", "东莞市")


def test_an_address_fills_the_names_of_its_county_code() -> None:
    address = Address.create("", "", "", "110101", "东四十条1号", "100007")
    assert (address.province, address.city, address.county) == ("北京市", "北京市", "东城区")


def test_an_address_without_a_code_takes_the_code_of_its_names() -> None:
    address = Address.create("浙江省", "杭州市", "西湖区", "", "保俶路88号", "310007")
    assert address.county_code == "330106"


def test_a_name_that_disagrees_with_the_code_is_refused_by_field() -> None:
    with pytest.raises(InvalidValue, match="应为“杭州市”") as refused:
        Address.create("浙江省", "宁波市", "西湖区", "330106", "保俶路88号", "310007")
    assert refused.value.field == "city"


def test_every_disagreeing_name_is_named_at_once() -> None:
    with pytest.raises(ValidationFailed) as refused:
        Address.create("北京市", "北京市", "东城区", "330106", "保俶路88号", "310007")
    assert set(refused.value.errors) == {"province", "city", "county"}


def test_an_address_with_an_unknown_code_is_refused_on_the_code() -> None:
    with pytest.raises(InvalidValue, match="区县代码不在行政区划表中") as refused:
        Address.create("浙江省", "杭州市", "西湖区", "330199", "保俶路88号", "310007")
    assert refused.value.field == "county_code"


def test_names_without_a_code_that_the_table_does_not_hold_are_refused() -> None:
    with pytest.raises(InvalidValue, match=NAMES_NOT_IN_TABLE) as refused:
        Address.create("浙江省", "杭州市", "东城区", "", "保俶路88号", "310007")
    assert refused.value.field == "county_code"


def test_a_town_given_as_county_without_a_code_is_not_taken_silently() -> None:
    with pytest.raises(InvalidValue, match="应为“东莞市”") as refused:
        Address.create("广东省", "东莞市", "虎门镇", "", "连升路1号", "523900")
    assert refused.value.field == "county"
