"""Waybill numbers: 13-digit domestic EMS numbers and UPU S10 international ones."""

from __future__ import annotations

import re

from courier.domain.errors import InvalidValue
from courier.domain.text import Text

_DOMESTIC = re.compile(r"\d{13}")
_S10 = re.compile(r"([A-Z]{2})(\d{8})(\d)([A-Z]{2})")
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check_digit(serial: str) -> int:
    """Return the UPU S10 check digit for an 8-digit serial."""
    remainder = 11 - sum(int(d) * w for d, w in zip(serial, _S10_WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(remainder, remainder)


def is_s10(number: str) -> bool:
    match = _S10.fullmatch(number)
    return match is not None and s10_check_digit(match.group(2)) == int(match.group(3))


def normalize_waybill_no(value: str, field: str = "waybill_no") -> str:
    """Return the waybill number in canonical form, or raise InvalidValue."""
    number = re.sub(r"\s", "", value or "").upper()
    if _DOMESTIC.fullmatch(number) or is_s10(number):
        return number
    if _S10.fullmatch(number):
        raise InvalidValue(Text("国际运单号校验位不正确。"), field)
    raise InvalidValue(
        Text("运单号格式不正确：国内 EMS 为 13 位数字，国际为 S10 格式（如 EA123456785CN）。"),
        field,
    )
