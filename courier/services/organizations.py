"""Use cases of administration: halls, departments and staff accounts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar

from courier.domain.accounts import Account, Role
from courier.domain.errors import Conflict, InvalidValue
from courier.domain.identifiers import normalize_phone
from courier.domain.organizations import (
    CarrierAccount,
    Department,
    Hall,
    Organization,
    PaymentMode,
)
from courier.domain.places import required_text
from courier.services import inputs
from courier.services.passwords import hash_password
from courier.services.unit_of_work import OrganizationRepository, UnitOfWork

_CODE = re.compile(r"[A-Za-z0-9_-]{2,30}")
T = TypeVar("T", bound=Organization)


def _code(data: Mapping[str, Any]) -> str:
    code = inputs.text(data, "code")
    if not _CODE.fullmatch(code):
        raise InvalidValue("编码应为 2–30 位字母、数字、下划线或连字符。", "code")
    return code


def _carrier_account(data: Mapping[str, Any]) -> CarrierAccount:
    customer_no = inputs.text(data, "customer_no")
    if not re.fullmatch(r"[A-Za-z0-9]{4,30}", customer_no):
        raise InvalidValue("协议客户号应为 4–30 位字母或数字。", "customer_no")
    product = inputs.text(data, "biz_product_no") or "1"
    if product not in ("1", "2", "11"):
        raise InvalidValue(
            "产品应为 1（特快专递）、2（快递包裹）或 11（国内标快）。", "biz_product_no"
        )
    try:
        mode = PaymentMode(inputs.integer(data, "payment_mode", 1))
    except ValueError:
        raise InvalidValue("付款方式应为 1（寄件人付）或 2（收件人付）。", "payment_mode") from None
    return CarrierAccount(customer_no, product, mode)


def _organization_fields(data: Mapping[str, Any]) -> dict[str, Any]:
    fields = inputs.Fields()
    values = {
        "code": fields.build("code", _code, data),
        "name": fields.build("name", required_text, inputs.text(data, "name"), "name", "名称"),
        "address": fields.build("address", inputs.address, inputs.mapping(data, "address")),
        "contact_name": fields.build(
            "contact_name",
            required_text,
            inputs.text(data, "contact_name"),
            "contact_name",
            "联系人",
        ),
        "contact_phone": fields.build(
            "contact_phone", normalize_phone, inputs.text(data, "contact_phone"), "contact_phone"
        ),
        "carrier_account": fields.build(
            "carrier_account", _carrier_account, inputs.mapping(data, "carrier_account")
        ),
    }
    fields.check()
    return values


def register_hall(uow: UnitOfWork, data: Mapping[str, Any]) -> int:
    """Register a service hall."""
    with uow:
        return _register(uow, uow.halls, Hall(**_organization_fields(data)), "大厅")


def register_department(uow: UnitOfWork, data: Mapping[str, Any]) -> int:
    """Register a department that owns cases."""
    with uow:
        return _register(uow, uow.departments, Department(**_organization_fields(data)), "部门")


def _register(uow: UnitOfWork, repository: OrganizationRepository[T], item: T, label: str) -> int:
    if repository.get_by_code(item.code) is not None:
        raise Conflict(f"该{label}编码已存在。", "code")
    repository.add(item)
    uow.commit()
    assert item.id is not None
    return item.id


def create_account(uow: UnitOfWork, data: Mapping[str, Any]) -> int:
    """Create a staff account tied to a hall or a department."""
    with uow:
        account = _account_from(uow, data)
        if uow.accounts.get_by_username(account.username) is not None:
            raise Conflict("该用户名已存在。", "username")
        uow.accounts.add(account)
        uow.commit()
        assert account.id is not None
        return account.id


def _account_from(uow: UnitOfWork, data: Mapping[str, Any]) -> Account:
    username = inputs.text(data, "username")
    if not re.fullmatch(r"[a-z0-9_.-]{3,40}", username):
        raise InvalidValue("用户名应为 3–40 位小写字母、数字或 . _ -。", "username")
    password = str(data.get("password") or "")
    if len(password) < 8:
        raise InvalidValue("密码至少 8 位。", "password")
    try:
        role = Role(inputs.text(data, "role"))
    except ValueError:
        raise InvalidValue("角色应为 hall_staff、department_staff 或 admin。", "role") from None
    account = Account(
        username, inputs.text(data, "display_name") or username, role, hash_password(password)
    )
    if role is Role.HALL_STAFF:
        hall = uow.halls.get_by_code(inputs.text(data, "hall_code"))
        if hall is None:
            raise InvalidValue("所属大厅不存在。", "hall_code")
        account.hall_id = hall.id
    if role is Role.DEPARTMENT_STAFF:
        department = uow.departments.get_by_code(inputs.text(data, "department_code"))
        if department is None:
            raise InvalidValue("所属部门不存在。", "department_code")
        account.department_id = department.id
    return account
