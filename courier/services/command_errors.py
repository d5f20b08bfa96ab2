"""Say in Chinese what pydantic found wrong with a field (never its English text)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Context = dict[str, Any]

MESSAGES: dict[str, Callable[[Context], str]] = {
    "missing": lambda c: "必须填写。",
    "string_type": lambda c: "应为文本（字符串）。",
    "string_too_short": lambda c: f"至少 {c['min_length']} 个字符。",
    "string_too_long": lambda c: f"过长（最多 {c['max_length']} 个字符）。",
    "string_unicode": lambda c: "包含无效字符。",
    "int_type": lambda c: "应为整数。",
    "int_parsing": lambda c: "应为整数。",
    "int_from_float": lambda c: "应为整数。",
    "int_parsing_size": lambda c: "数值超出允许范围。",
    "bool_type": lambda c: "应为 true 或 false。",
    "bool_parsing": lambda c: "应为 true 或 false。",
    "decimal_type": lambda c: "金额格式不正确。",
    "decimal_parsing": lambda c: "金额格式不正确。",
    "decimal_max_places": lambda c: f"金额最多保留 {c['decimal_places']} 位小数。",
    "decimal_max_digits": lambda c: "金额位数过多。",
    "decimal_whole_digits": lambda c: "金额位数过多。",
    "finite_number": lambda c: "应为有限的数。",
    "greater_than_equal": lambda c: f"不能小于 {c['ge']}。",
    "greater_than": lambda c: f"应大于 {c['gt']}。",
    "less_than_equal": lambda c: f"不能大于 {c['le']}。",
    "less_than": lambda c: f"应小于 {c['lt']}。",
    "list_type": lambda c: "应为列表。",
    "too_long": lambda c: f"最多 {c['max_length']} 项。",
    "too_short": lambda c: f"至少 {c['min_length']} 项。",
    "model_type": lambda c: "应为对象。",
    "model_attributes_type": lambda c: "应为对象。",
    "dict_type": lambda c: "应为对象。",
    "enum": lambda c: f"应为以下之一：{_choices(c)}。",
    "literal_error": lambda c: f"应为以下之一：{_choices(c)}。",
}
FALLBACK = "格式不正确。"


def _choices(context: Context) -> str:
    """Turn pydantic's "'a', 'b' or 'c'" into "a、b、c"."""
    return "、".join(p.strip("'\"") for p in re.split(r", | or ", str(context.get("expected", ""))))


def chinese_message(error: Any) -> str:
    """Return the Chinese message of one pydantic error (ours are already in Chinese)."""
    kind = str(error["type"])
    if kind in MESSAGES:
        try:
            return MESSAGES[kind](dict(error.get("ctx") or {}))
        except KeyError:
            return FALLBACK
    # Our own validators raise PydanticCustomError with a Chinese message template.
    return str(error["msg"]) if kind.startswith("courier_") else FALLBACK
