"""Label privacy masking: the GB/T 41833 rule holds for any input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from courier.domain.masking import mask_address, mask_name, mask_phone

HANZI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
names = st.text(HANZI, min_size=1, max_size=6)
mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
landlines = st.from_regex(r"0[0-9]{2,3}-[0-9]{7,8}", fullmatch=True)
streets = st.sampled_from(["人民路100号", "中山北路2-8号", "解放大道1号", "滨江路"])
estates = st.sampled_from(["阳光小区", "金色家园", "万达广场", "锦绣花园", ""])
units = st.sampled_from(
    ["3栋2单元501室", "3-2-501", "5号楼", "1单元", "B座1203", "12层", "7幢302室", "2号楼3单元401"]
)


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三", "张*"), ("王小明", "王*明"), ("欧阳娜娜", "欧**娜"), ("李", "*"), ("", "")],
)
def test_name_keeps_only_its_first_and_last_characters(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@given(names)
def test_a_masked_name_never_equals_the_name(name: str) -> None:
    masked = mask_name(name)
    assert masked != name
    assert masked.count("*") >= 1
    assert len(masked) == len(name)


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13112341907", "131******07"),
        ("+86 131 1234 1907", "131******07"),
        ("0571-87654321", "0571******21"),
        ("1234567", "*****67"),
        ("12", "**"),
        ("", ""),
        ("131******07", "131******07"),
    ],
)
def test_phone_hides_at_least_six_digits(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@given(mobiles)
def test_every_mobile_hides_six_digits_and_their_run(mobile: str) -> None:
    masked = mask_phone(mobile)
    assert masked.count("*") >= 6
    assert mobile[3:9] not in masked
    assert sum(c.isdigit() for c in masked) <= 5


@given(landlines)
def test_every_landline_hides_six_digits(landline: str) -> None:
    masked = mask_phone(landline)
    digits = landline.replace("-", "")
    assert masked.count("*") >= 6
    assert digits not in masked
    assert masked.endswith(digits[-2:])


@given(st.text(max_size=20))
def test_odd_phone_input_never_raises_and_hides_all_but_four_plus_two(text: str) -> None:
    masked = mask_phone(text)
    assert sum(c.isdigit() for c in masked) <= 6


@pytest.mark.parametrize(
    "street",
    [
        "人民路100号阳光小区3栋2单元501室",
        "人民路100号阳光小区3-2-501",
        "人民路100号阳光小区5号楼",
        "人民路100号阳光小区1单元",
        "人民路100号阳光小区B座1203",
    ],
)
def test_address_drops_building_unit_and_room(street: str) -> None:
    assert mask_address(street) == "人民路100号阳光小区****"


@given(streets, estates, units)
def test_address_keeps_street_and_community_only(street: str, estate: str, unit: str) -> None:
    assert mask_address(street + estate + unit) == street + estate + "****"


@pytest.mark.parametrize("street", ["人民路100号阳光小区", "人民路100号阳光小区****", "", "  "])
def test_address_without_a_unit_or_already_masked_is_kept(street: str) -> None:
    assert mask_address(street) == street.strip()


@given(st.text(max_size=40))
def test_masking_never_raises_on_odd_input(text: str) -> None:
    assert isinstance(mask_name(text) + mask_phone(text) + mask_address(text), str)
