"""Validation of identifiers: mobiles, resident ID numbers, postcodes, county codes."""

from __future__ import annotations

import re

import phonenumbers
from stdnum import numdb
from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumError

from courier.domain.errors import InvalidValue
from courier.domain.text import Text

# No maintained library covers Chinese postcodes; the format (6 digits, may start with 0)
# is all the post office publishes as a rule.
_POSTCODE = re.compile(r"[0-9]{6}")


def _ascii_digits(value: str, message: str, field: str) -> str:
    """Refuse digits other than 0–9 (Arabic-Indic, full-width…): the carrier reads only those."""
    if any(ch.isdigit() and not ch.isascii() for ch in value or ""):
        raise InvalidValue(message, field)
    return value or ""


def normalize_mobile(value: str, field: str = "mobile") -> str:
    """Return the 11-digit mainland mobile number, or raise InvalidValue."""
    value = _ascii_digits(value, Text("手机号码应由半角数字 0–9 组成。"), field)
    digits = re.sub(r"[\s-]", "", value)
    try:
        parsed = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        raise InvalidValue(Text("手机号码格式不正确，应为 11 位数字。"), field) from None
    kind = phonenumbers.number_type(parsed)
    mobile_kinds = (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    if (
        parsed.country_code != 86
        or not phonenumbers.is_valid_number(parsed)
        or kind not in mobile_kinds
    ):
        raise InvalidValue(Text("手机号码无效，请填写 11 位大陆手机号。"), field)
    return str(parsed.national_number)


def is_mobile(number: str) -> bool:
    """Tell a normalized mainland mobile number from a landline (which has an area code)."""
    return len(number) == 11 and number.startswith("1")


def normalize_phone(value: str, field: str = "phone") -> str:
    """Return a valid mainland mobile or landline number (digits, landline with area code)."""
    value = _ascii_digits(value, Text("电话号码应由半角数字 0–9 组成。"), field)
    digits = re.sub(r"[\s-]", "", value)
    try:
        parsed = phonenumbers.parse(digits, "CN")
    except phonenumbers.NumberParseException:
        raise InvalidValue(Text("电话号码格式不正确。"), field) from None
    if parsed.country_code != 86 or not phonenumbers.is_valid_number(parsed):
        raise InvalidValue(Text("电话号码无效，请填写手机号或带区号的固定电话。"), field)
    national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return re.sub(r"\D", "", national)


def normalize_id_number(value: str, field: str = "id_number") -> str:
    """Return the 18-character resident ID number after checking its check character."""
    value = _ascii_digits(value, Text("身份证号码应由半角数字 0–9（末位可为 X）组成。"), field)
    try:
        return str(ric.validate(value.strip().upper()))
    except StdnumError:
        raise InvalidValue(
            Text("身份证号码无效（长度、出生日期或校验位不正确）。"), field
        ) from None


def normalize_postcode(value: str, field: str = "postcode") -> str:
    """Return the 6-digit postcode, keeping a leading zero."""
    code = (value or "").strip()
    if not _POSTCODE.fullmatch(code):
        raise InvalidValue(Text("邮政编码应为 6 位数字。"), field)
    return code


def normalize_county_code(value: str, field: str = "county_code") -> str:
    """Return a GB/T 2260 county-level division code known to the reference table."""
    code = (value or "").strip()
    if not re.fullmatch(r"[0-9]{6}", code) or code.endswith("00"):
        raise InvalidValue(Text("区县代码应为 6 位 GB/T 2260 县级行政区划代码。"), field)
    parts = numdb.get("cn/loc").info(code)
    if len(parts) < 2 or not parts[-1][1].get("county"):
        raise InvalidValue(Text("区县代码不在 GB/T 2260 行政区划表中。"), field)
    return code
