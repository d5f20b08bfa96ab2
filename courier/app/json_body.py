"""Read a JSON request body within bounds: size, nesting depth, integer range, valid text."""

from __future__ import annotations

import json
from typing import Any

from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

from courier.domain.errors import ValidationFailed
from courier.domain.text import Text

MAX_BYTES = 256 * 1024  # a case with 50 materials is a few KB; labels take ≤ 1,000 ids
MAX_DEPTH = 8  # our deepest body (organization → address) has 3 levels
MAX_INT = 2**31 - 1  # ids and every number we take fit a 32-bit integer column
TOO_DEEP = Text("嵌套层级过深（最多 {n} 层）。", n=MAX_DEPTH)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # NaN, Infinity: Python accepts, JSON does not


def read_json_object(raw: bytes) -> Any:
    """Decode the body, refusing what would break a use case further in with a field-named 422."""
    if len(raw) > MAX_BYTES:
        raise RequestEntityTooLarge()
    try:
        data = json.loads(raw, parse_constant=_refuse_constant)
    except RecursionError:
        raise ValidationFailed({"body": TOO_DEEP}) from None
    except ValueError:
        raise BadRequest() from None
    errors = _problems(data)
    if errors:
        raise ValidationFailed(errors)
    return data


def _problems(data: Any) -> dict[str, str]:
    """Walk the decoded value without recursion; name the first path of each problem."""
    errors: dict[str, str] = {}
    stack: list[tuple[str, Any, int]] = [("", data, 0)]
    while stack:
        path, value, depth = stack.pop()
        problem = _problem(value, depth)
        if problem:
            errors.setdefault(path.split(".")[0] if depth >= MAX_DEPTH else path or "body", problem)
            continue
        if isinstance(value, dict):
            for key, item in value.items():
                key_problem = text_problem(key)
                if key_problem:
                    named = Text("字段名{problem}", problem=key_problem)
                    errors.setdefault(_join(path, "?"), named)
                    continue
                stack.append((_join(path, key), item, depth + 1))
        elif isinstance(value, list):
            stack.extend((_join(path, str(i)), item, depth + 1) for i, item in enumerate(value))
    return errors


def _problem(value: Any, depth: int) -> str | None:
    if depth >= MAX_DEPTH:
        return TOO_DEEP
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
        return Text("数值超出允许范围（绝对值最大 {n}）。", n=MAX_INT)
    if isinstance(value, str):
        return text_problem(value)
    return None


def text_problem(text: str) -> str | None:
    if "\x00" in text:
        return Text("不能包含 NUL 字符。")
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        return Text("包含无效的 Unicode 字符（孤立代理项）。")
    return None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
