"""Say in our words what pydantic found wrong with a field (never its English text)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from courier.domain.text import Text

Context = dict[str, Any]

MESSAGES: dict[str, Callable[[Context], Text]] = {
    "missing": lambda c: Text("必须填写。"),
    "string_type": lambda c: Text("应为文本（字符串）。"),
    "string_too_short": lambda c: Text("至少 {n} 个字符。", n=c["min_length"]),
    "string_too_long": lambda c: Text("过长（最多 {n} 个字符）。", n=c["max_length"]),
    "string_unicode": lambda c: Text("包含无效字符。"),
    "int_type": lambda c: Text("应为整数。"),
    "int_parsing": lambda c: Text("应为整数。"),
    "int_from_float": lambda c: Text("应为整数。"),
    "int_parsing_size": lambda c: Text("数值超出允许范围。"),
    "bool_type": lambda c: Text("应为 true 或 false。"),
    "bool_parsing": lambda c: Text("应为 true 或 false。"),
    "decimal_type": lambda c: Text("金额格式不正确。"),
    "decimal_parsing": lambda c: Text("金额格式不正确。"),
    "decimal_max_places": lambda c: Text("金额最多保留 {n} 位小数。", n=c["decimal_places"]),
    "decimal_max_digits": lambda c: Text("金额位数过多。"),
    "decimal_whole_digits": lambda c: Text("金额位数过多。"),
    "finite_number": lambda c: Text("应为有限的数。"),
    "greater_than_equal": lambda c: Text("不能小于 {n}。", n=c["ge"]),
    "greater_than": lambda c: Text("应大于 {n}。", n=c["gt"]),
    "less_than_equal": lambda c: Text("不能大于 {n}。", n=c["le"]),
    "less_than": lambda c: Text("应小于 {n}。", n=c["lt"]),
    "list_type": lambda c: Text("应为列表。"),
    "too_long": lambda c: Text("最多 {n} 项。", n=c["max_length"]),
    "too_short": lambda c: Text("至少 {n} 项。", n=c["min_length"]),
    "model_type": lambda c: Text("应为对象。"),
    "model_attributes_type": lambda c: Text("应为对象。"),
    "dict_type": lambda c: Text("应为对象。"),
    "enum": lambda c: Text("应为以下之一：{choices}。", choices=_choices(c)),
    "literal_error": lambda c: Text("应为以下之一：{choices}。", choices=_choices(c)),
}
FALLBACK = Text("格式不正确。")


def _choices(context: Context) -> str:
    """Turn pydantic's "'a', 'b' or 'c'" into "a、b、c" (in English "a, b, c")."""
    choices = [p.strip("'\"") for p in re.split(r", | or ", str(context.get("expected", "")))]
    listed = choices[0]
    for choice in choices[1:]:
        listed = Text("{listed}、{choice}", listed=listed, choice=choice)
    return listed


def chinese_message(error: Any) -> str:
    """Return the message of one pydantic error, a `Text` that says it in Chinese."""
    kind = str(error["type"])
    if kind in MESSAGES:
        try:
            return MESSAGES[kind](dict(error.get("ctx") or {}))
        except KeyError:
            return FALLBACK
    # Our own validators raise PydanticCustomError with a `Text` sentence, a catalogue key that
    # pydantic hands back as a plain str.
    return Text(str(error["msg"])) if kind.startswith("courier_") else FALLBACK
