"""Use cases of administration: halls, departments and staff accounts."""

from __future__ import annotations

import re
from typing import Any, TypeVar

from courier.domain.accounts import Account, Role
from courier.domain.audit import AuditAction
from courier.domain.errors import Conflict, InvalidValue
from courier.domain.identifiers import normalize_phone
from courier.domain.organizations import (
    CarrierAccount,
    Department,
    Hall,
    Organization,
    PaymentMode,
    PickupMode,
)
from courier.domain.places import required_text
from courier.services import audit
from courier.services.commands import (
    CarrierAccountFields,
    CreateAccount,
    Fields,
    RegisterOrganization,
)
from courier.services.passwords import hash_password
from courier.services.unit_of_work import OrganizationRepository, UnitOfWork

_CODE = re.compile(r"[A-Za-z0-9_-]{2,30}")
T = TypeVar("T", bound=Organization)


def _code(code: str) -> str:
    if not _CODE.fullmatch(code):
        raise InvalidValue("编码应为 2–30 位字母、数字、下划线或连字符。", "code")
    return code


def _carrier_account(fields: CarrierAccountFields) -> CarrierAccount:
    if not re.fullmatch(r"[A-Za-z0-9]{4,30}", fields.customer_no):
        raise InvalidValue("协议客户号应为 4–30 位字母或数字。", "customer_no")
    return CarrierAccount(
        fields.customer_no,
        fields.biz_product_no,
        PaymentMode(fields.payment_mode),
        receipt_flag=fields.receipt_flag,
        result_receiver_pays=fields.result_receiver_pays,
        pickup_mode=PickupMode(fields.pickup_type),
    )


def _organization_fields(command: RegisterOrganization) -> dict[str, Any]:
    fields, c = Fields(), command
    values = {
        "code": fields.build("code", lambda: _code(c.code)),
        "name": fields.build("name", lambda: required_text(c.name, "", "名称")),
        "address": fields.build("address", c.address.to_address),
        "contact_name": fields.build(
            "contact_name", lambda: required_text(c.contact_name, "", "联系人")
        ),
        "contact_phone": fields.build(
            "contact_phone", lambda: normalize_phone(c.contact_phone, "")
        ),
        "carrier_account": fields.build(
            "carrier_account", lambda: _carrier_account(c.carrier_account)
        ),
    }
    fields.check()
    return values


def register_hall(uow: UnitOfWork, command: RegisterOrganization, by: int | None = None) -> int:
    """Register a service hall."""
    with uow:
        return _register(uow, uow.halls, Hall(**_organization_fields(command)), "hall", by)


def register_department(
    uow: UnitOfWork, command: RegisterOrganization, by: int | None = None
) -> int:
    """Register a department that owns cases."""
    with uow:
        department = Department(**_organization_fields(command))
        return _register(uow, uow.departments, department, "department", by)


_LABELS = {"hall": "大厅", "department": "部门"}


def _register(
    uow: UnitOfWork, repository: OrganizationRepository[T], item: T, kind: str, by: int | None
) -> int:
    if repository.get_by_code(item.code) is not None:
        raise Conflict(f"该{_LABELS[kind]}编码已存在。", "code")
    repository.add(item)
    uow.flush()
    audit.record(uow, AuditAction.ORGANIZATION_REGISTERED, by, target=f"{kind}:{item.id}")
    uow.commit()
    assert item.id is not None
    return item.id


def create_account(uow: UnitOfWork, command: CreateAccount, by: int | None = None) -> int:
    """Create a staff account tied to a hall or a department."""
    with uow:
        account = _account_from(uow, command)
        if uow.accounts.get_by_username(account.username) is not None:
            raise Conflict("该用户名已存在。", "username")
        uow.accounts.add(account)
        uow.flush()
        audit.record(uow, AuditAction.ACCOUNT_CREATED, by, target=f"account:{account.id}")
        uow.commit()
        assert account.id is not None
        return account.id


def _account_from(uow: UnitOfWork, command: CreateAccount) -> Account:
    username = command.username
    if not re.fullmatch(r"[a-z0-9_.-]{3,40}", username):
        raise InvalidValue("用户名应为 3–40 位小写字母、数字或 . _ -。", "username")
    account = Account(
        username,
        command.display_name or username,
        command.account_role,
        hash_password(command.password),
    )
    if command.account_role is Role.HALL_STAFF:
        hall = uow.halls.get_by_code(command.hall_code)
        if hall is None:
            raise InvalidValue("所属大厅不存在。", "hall_code")
        account.hall_id = hall.id
    if command.account_role is Role.DEPARTMENT_STAFF:
        department = uow.departments.get_by_code(command.department_code)
        if department is None:
            raise InvalidValue("所属部门不存在。", "department_code")
        account.department_id = department.id
    return account
