"""Turn untrusted input (JSON bodies, form fields, CLI options) into domain values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from courier.domain.case import Applicant, ResultDelivery
from courier.domain.errors import DomainError, InvalidValue, ValidationFailed
from courier.domain.identifiers import (
    normalize_county_code,
    normalize_id_number,
    normalize_mobile,
    normalize_postcode,
)
from courier.domain.materials import Material
from courier.domain.places import Address, required_text

T = TypeVar("T")


class Fields:
    """Collect every field error while building values, then fail once with all of them."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def build(self, path: str, builder: Callable[..., T], *args: Any) -> T | None:
        """Return builder(*args), or None after noting its errors under `path`."""
        try:
            return builder(*args)
        except ValidationFailed as failed:
            prefix = f"{path}." if path else ""
            self.errors.update({prefix + k: v for k, v in failed.errors.items()})
        except DomainError as error:
            self.errors[_key(path, error.field)] = error.message
        return None

    def check(self) -> None:
        if self.errors:
            raise ValidationFailed(self.errors)


def _key(path: str, field: str | None) -> str:
    """Name the field of an error: the path, refined by the error's own field if deeper."""
    if not path:
        return field or ""
    leaf = (field or "").rsplit(".", 1)[-1]
    if not leaf or leaf == path.rsplit(".", 1)[-1]:
        return path
    return f"{path}.{leaf}" if path else leaf


def text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str | int):
        raise InvalidValue("应为文本。", key)
    return str(value).strip()


def integer(data: Mapping[str, Any], key: str, default: int) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or value in ("", None):
        return default if value in ("", None) else _not_integer(key)
    try:
        return int(str(value).strip())
    except ValueError:
        return _not_integer(key)


def _not_integer(key: str) -> int:
    raise InvalidValue("应为整数。", key)


def money(data: Mapping[str, Any], key: str) -> Decimal | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise InvalidValue("金额格式不正确。", key) from None
    if not amount.is_finite() or amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise InvalidValue("金额最多保留两位小数。", key)
    return amount


def mapping(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, Mapping):
        raise InvalidValue("应为对象。", key)
    return value


_ADDRESS_PARTS: dict[str, Callable[[str], str]] = {
    "province": lambda v: required_text(v, "province", "省份", 20),
    "city": lambda v: required_text(v, "city", "城市", 30),
    "county": lambda v: required_text(v, "county", "区县", 30),
    "county_code": normalize_county_code,
    "street": lambda v: required_text(v, "street", "详细地址", 120),
    "postcode": normalize_postcode,
}


def address(data: Mapping[str, Any]) -> Address:
    """Build an Address from its fields, reporting every bad one."""
    fields = Fields()
    parts = {
        key: fields.build(key, lambda k=key, check=check: check(text(data, k)))
        for key, check in _ADDRESS_PARTS.items()
    }
    fields.check()
    return Address(**parts)  # type: ignore[arg-type]


def applicant(data: Mapping[str, Any], needs_address: bool) -> Applicant:
    """Build the applicant, with an address when one was given or is required."""
    fields = Fields()
    given = fields.build("address", mapping, data, "address") or {}
    place = fields.build("address", address, given) if (given or needs_address) else None
    name = fields.build("name", lambda: required_text(text(data, "name"), "name", "申请人姓名", 40))
    mobile = fields.build("mobile", lambda: normalize_mobile(text(data, "mobile")))
    id_number = fields.build("id_number", lambda: normalize_id_number(text(data, "id_number")))
    fields.check()
    return Applicant(name, mobile, id_number, place)  # type: ignore[arg-type]


def material(data: Mapping[str, Any]) -> Material:
    original = data.get("original", True)
    if not isinstance(original, bool):
        raise InvalidValue("“是否原件”应为 true 或 false。", "original")
    return Material.create(
        text(data, "name"), original, integer(data, "pages", 1), integer(data, "copies", 1)
    )


def result_delivery(value: Any) -> ResultDelivery:
    try:
        return ResultDelivery(value)
    except ValueError:
        raise InvalidValue(
            "结果送达方式应为 mail（邮寄）、pickup_at_hall（窗口自取）或 electronic（电子送达）。",
            "result_delivery",
        ) from None
