"""Use cases of administration: halls, departments and staff accounts."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Any, Protocol, TypeVar

from courier.domain.accounts import Account, Role
from courier.domain.audit import AuditAction
from courier.domain.errors import Conflict, InvalidValue, NotFound
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
from courier.domain.text import Text
from courier.services import audit
from courier.services.commands import (
    CarrierAccountFields,
    CreateAccount,
    EditOrganization,
    Fields,
    RegisterOrganization,
)
from courier.services.passwords import hash_password
from courier.services.unit_of_work import OrganizationRepository, UnitOfWork

_CODE = re.compile(r"[A-Za-z0-9_-]{2,30}")
T = TypeVar("T", bound=Organization)


def _code(code: str) -> str:
    if not _CODE.fullmatch(code):
        raise InvalidValue(Text("编码应为 2–30 位字母、数字、下划线或连字符。"), "code")
    return code


def _carrier_account(fields: CarrierAccountFields) -> CarrierAccount:
    if not re.fullmatch(r"[A-Za-z0-9]{4,30}", fields.customer_no):
        raise InvalidValue(Text("协议客户号应为 4–30 位字母或数字。"), "customer_no")
    return CarrierAccount(
        fields.customer_no,
        fields.biz_product_no,
        PaymentMode(fields.payment_mode),
        receipt_flag=fields.receipt_flag,
        result_receiver_pays=fields.result_receiver_pays,
        pickup_mode=PickupMode(fields.pickup_type),
    )


# How each detail of an office is read from its command (the domain's rules, once).
_DETAILS: dict[str, Callable[[Any], Any]] = {
    "name": lambda name: required_text(name, "", Text("名称")),
    "address": lambda address: address.to_address(),
    "contact_name": lambda name: required_text(name, "", Text("联系人")),
    "contact_phone": lambda phone: normalize_phone(phone, ""),
    "carrier_account": _carrier_account,
}


def _details(given: dict[str, Any], fields: Fields) -> dict[str, Any]:
    """Build each given detail, noting its errors under its own name."""
    return {
        name: fields.build(name, partial(_DETAILS[name], value)) for name, value in given.items()
    }


def _organization_fields(command: RegisterOrganization) -> dict[str, Any]:
    fields = Fields()
    code = fields.build("code", lambda: _code(command.code))
    values = _details({name: getattr(command, name) for name in _DETAILS}, fields)
    fields.check()
    return {"code": code, **values}


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


_TAKEN = {"hall": Text("该大厅编码已存在。"), "department": Text("该部门编码已存在。")}


def _register(
    uow: UnitOfWork, repository: OrganizationRepository[T], item: T, kind: str, by: int | None
) -> int:
    if repository.get_by_code(item.code) is not None:
        raise Conflict(_TAKEN[kind], "code")
    repository.add(item)
    uow.flush()
    audit.record(uow, AuditAction.ORGANIZATION_REGISTERED, by, target=f"{kind}:{item.id}")
    uow.commit()
    assert item.id is not None
    return item.id


def edit_hall(uow: UnitOfWork, code: str, command: EditOrganization, by: int | None = None) -> Hall:
    """Change a hall's name, address, contact or carrier account."""
    return _edit(uow, _halls, code, command, by)


def edit_department(
    uow: UnitOfWork, code: str, command: EditOrganization, by: int | None = None
) -> Department:
    """Change a department's name, address, contact or carrier account."""
    return _edit(uow, _departments, code, command, by)


def set_hall_active(uow: UnitOfWork, code: str, active: bool, by: int | None = None) -> Hall:
    """Deactivate a hall (no new cases or accounts) or bring it back."""
    return _set_active(uow, _halls, code, active, by)


def set_department_active(
    uow: UnitOfWork, code: str, active: bool, by: int | None = None
) -> Department:
    """Deactivate a department (offered for no new case) or bring it back."""
    return _set_active(uow, _departments, code, active, by)


def _halls(uow: UnitOfWork) -> OrganizationRepository[Hall]:
    return uow.halls


def _departments(uow: UnitOfWork) -> OrganizationRepository[Department]:
    return uow.departments


# the unit of work's repositories exist only inside `with uow`, so they are reached from there
Repository = Callable[[UnitOfWork], OrganizationRepository[T]]


def _edit(
    uow: UnitOfWork, repository: Repository[T], code: str, command: EditOrganization, by: int | None
) -> T:
    with uow:
        item = existing(repository(uow), code)
        fields = Fields()
        given = {name: getattr(command, name) for name in _DETAILS}
        values = _details({k: v for k, v in given.items() if v is not None}, fields)
        fields.check()
        for name, value in values.items():
            setattr(item, name, value)
        audit.record(uow, AuditAction.ORGANIZATION_CHANGED, by, target=f"office:{code}")
        uow.commit()
        return item


def _set_active(
    uow: UnitOfWork, repository: Repository[T], code: str, on: bool, by: int | None
) -> T:
    with uow:
        item = existing(repository(uow), code)
        item.active = on
        detail = Text("启用") if on else Text("停用")
        target = f"office:{code}"
        audit.record(uow, AuditAction.ORGANIZATION_CHANGED, by, target=target, detail=detail)
        uow.commit()
        return item


def existing(repository: OrganizationRepository[T], code: str) -> T:
    """Return the hall or department of this code, or raise NotFound."""
    item = repository.get_by_code(code)
    if item is None:
        raise NotFound(Text("未找到该大厅或部门。"), "code")
    return item


def create_account(uow: UnitOfWork, command: CreateAccount, by: int | None = None) -> int:
    """Create a staff account tied to a hall or a department."""
    with uow:
        account = _account_from(uow, command)
        if uow.accounts.get_by_username(account.username) is not None:
            raise Conflict(Text("该用户名已存在。"), "username")
        uow.accounts.add(account)
        uow.flush()
        audit.record(uow, AuditAction.ACCOUNT_CREATED, by, target=f"account:{account.id}")
        uow.commit()
        assert account.id is not None
        return account.id


def _account_from(uow: UnitOfWork, command: CreateAccount) -> Account:
    username = command.username
    if not re.fullmatch(r"[a-z0-9_.-]{3,40}", username):
        raise InvalidValue(Text("用户名应为 3–40 位小写字母、数字或 . _ -。"), "username")
    account = Account(
        username,
        command.display_name or username,
        command.account_role,
        hash_password(command.password),
    )
    hall_id, department_id = office_ids(uow, command.account_role, command)
    account.assign(command.account_role, hall_id, department_id)
    return account


class OfficeCodes(Protocol):
    """The hall and department a command names for an account (None: not named)."""

    @property
    def hall_code(self) -> str | None: ...
    @property
    def department_code(self) -> str | None: ...


def office_ids(uow: UnitOfWork, role: Role, codes: OfficeCodes) -> tuple[int | None, int | None]:
    """Return the ids of the active hall and department named for an account of this role."""
    hall = department = None
    if role is Role.HALL_STAFF and codes.hall_code is not None:
        hall = uow.halls.get_by_code(codes.hall_code)
        if hall is None:
            raise InvalidValue(Text("所属大厅不存在。"), "hall_code")
        hall.check_active("hall_code")
    if role is Role.DEPARTMENT_STAFF and codes.department_code is not None:
        department = uow.departments.get_by_code(codes.department_code)
        if department is None:
            raise InvalidValue(Text("所属部门不存在。"), "department_code")
        department.check_active("department_code")
    return (hall.id if hall else None), (department.id if department else None)
