"""Identifiers are checked with maintained libraries and the rules in DOMAIN.md."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from courier.domain.errors import InvalidValue
from courier.domain.identifiers import (
    normalize_county_code,
    normalize_id_number,
    normalize_mobile,
    normalize_phone,
    normalize_postcode,
)
from courier.domain.waybill import is_s10, normalize_waybill_no, s10_check_digit


@pytest.mark.parametrize("number", ["1151238971060", "9858638312956", "0000000000000"])
def test_thirteen_digit_domestic_waybills_are_accepted(number: str) -> None:
    assert normalize_waybill_no(number) == number


def test_s10_check_digit_follows_the_upu_rule() -> None:
    assert normalize_waybill_no("ea123456785cn") == "EA123456785CN"
    with pytest.raises(InvalidValue, match="校验位"):
        normalize_waybill_no("EA123456789CN")


@given(st.from_regex(r"\A\d{8}\Z"))
def test_every_serial_has_exactly_one_valid_check_digit(serial: str) -> None:
    valid = [d for d in range(10) if is_s10(f"EE{serial}{d}CN")]
    assert valid == [s10_check_digit(serial)]


@pytest.mark.parametrize("number", ["", "123", "11512389710601", "115123897106A", "EA12345678CN"])
def test_malformed_waybills_are_refused(number: str) -> None:
    with pytest.raises(InvalidValue):
        normalize_waybill_no(number)


def test_mobile_numbers_are_normalized_and_checked() -> None:
    assert normalize_mobile("131 1234-1907") == "13112341907"
    assert normalize_mobile("+86 13112341907") == "13112341907"
    for bad in ("1311234190", "23112341907", "01062345678", "abc"):
        with pytest.raises(InvalidValue):
            normalize_mobile(bad)


def test_landlines_need_an_area_code() -> None:
    assert normalize_phone("0571-87654321") == "057187654321"
    with pytest.raises(InvalidValue):
        normalize_phone("87654321")


def test_resident_id_numbers_need_a_correct_check_character() -> None:
    assert normalize_id_number("11010519491231002x") == "11010519491231002X"
    with pytest.raises(InvalidValue, match="校验位"):
        normalize_id_number("110105194912310021")


def test_postcodes_keep_a_leading_zero() -> None:
    assert normalize_postcode("010000") == "010000"
    for bad in ("10000", "1000000", "01000a"):
        with pytest.raises(InvalidValue):
            normalize_postcode(bad)


def test_county_codes_must_exist_in_gbt_2260() -> None:
    assert normalize_county_code("330106") == "330106"
    for bad in ("330100", "999999", "33010"):
        with pytest.raises(InvalidValue):
            normalize_county_code(bad)
