"""Mask personal data for printing on labels (GB/T 41833 privacy waybill rule).

Carriers get full names and phones; only what is printed is masked. Every function
accepts any string and never raises: odd input yields a safe, fully hidden value.
"""

from __future__ import annotations

import re
import unicodedata

MASK = "*"
ADDRESS_MASK = "****"
_MOBILE = re.compile(r"1\d{10}")
_COUNTRY_PREFIXES = ("0086", "86")

_NUMERAL = r"[0-9A-Za-z一二三四五六七八九十零〇]"  # said as is: Chinese numerals in addresses
_UNIT_PATTERNS = (
    # 3-2-501, 12－3 (building-unit-room); not 2-8号, which is a range of house numbers
    re.compile(r"\d+\s*[-－—–]\s*\d+(?!\d|\s*号(?!楼|房))"),  # said as is: address pattern
    # 5号楼, 3栋, 2单元, 501室, B座, 12层, 3#楼, 2幢
    re.compile(_NUMERAL + r"+\s*(?:号楼|号房|单元|[栋幢座层室户房楼#＃])"),  # said as is: address
)
# "阳光小区3号" or "华府1203": a number right after a residential name is a building or room.
# The Chinese here reads addresses (data), never words for readers; the masks are the same in
# every language, as the label they are printed on is.
_AFTER_ESTATE = re.compile(
    r"(?:小区|花园|家园|公寓|大厦|大楼|新村|广场|中心|"  # said as is: address pattern
    r"苑|园|府|庭|里|村|城|湾|邸)"
    r"(?P<unit>[0-9A-Za-z]+号?)"
)


def mask_name(name: str) -> str:
    """Hide the middle of a name: 张三→张*, 王小明→王*明, 欧阳娜娜→欧**娜."""
    chars = "".join(name.split())
    if not chars:
        return ""
    if len(chars) <= 1:
        return MASK
    if len(chars) == 2:
        return chars[0] + MASK
    return chars[0] + MASK * (len(chars) - 2) + chars[-1]


def mask_phone(phone: str) -> str:
    """Hide at least 6 digits of a phone number: 13112341907 → 131******07."""
    symbols = _phone_symbols(phone)
    count = len(symbols)
    shown_tail = 2 if count > 2 else 0
    # Keep the prefix (mobile network or area code) only when 6 digits stay hidden.
    shown_head = min(4, max(0, count - 6 - shown_tail))
    hidden = count - shown_head - shown_tail
    return symbols[:shown_head] + MASK * hidden + symbols[count - shown_tail :]


def _phone_symbols(phone: str) -> str:
    """Return the digits of a phone, '*' kept in place, without a +86 prefix."""
    # Any script's decimal digit counts, so Arabic-Indic or full-width digits are masked too.
    symbols = "".join(
        str(unicodedata.decimal(c)) if c.isdecimal() else c
        for c in phone
        if c.isdecimal() or c == MASK
    )
    for prefix in _COUNTRY_PREFIXES:
        rest = symbols.removeprefix(prefix)
        if rest != symbols and _MOBILE.fullmatch(rest):
            return rest
    return symbols


def mask_address(street: str) -> str:
    """Replace the building/unit/room part of a street address with ****."""
    text = street.strip()
    start = _unit_start(text)
    if start is None:
        return text
    return text[:start].rstrip() + ADDRESS_MASK


def _unit_start(text: str) -> int | None:
    """Return where the first building/unit/room reference begins, if any."""
    starts = [m.start() for pattern in _UNIT_PATTERNS if (m := pattern.search(text))]
    estate = _AFTER_ESTATE.search(text)
    if estate:
        starts.append(estate.start("unit"))
    return min(starts) if starts else None
