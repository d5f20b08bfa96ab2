"""Halls, departments and accounts: add, get, by code or username, listed in order."""

from __future__ import annotations

import pytest

from courier.domain.accounts import Account, Role
from courier.domain.errors import Conflict
from tests import factories
from tests.integration.storage.contract.support import NewUow, Offices


def test_halls_and_departments_are_found_by_id_and_code_and_listed_by_code(
    new_uow: NewUow, offices: Offices
) -> None:
    with new_uow() as uow:
        hall = uow.halls.get(offices.other_hall)
        assert hall is not None and hall.code == "H-XC"
        assert hall.contact_name == "李窗口" and hall.contact_phone == "13800138000"
        assert uow.halls.get_by_code("H-XC") is hall
        assert uow.halls.get_by_code("D-MZ") is None
        assert [h.code for h in uow.halls.list()] == ["H-DC", "H-XC"]
        assert [d.code for d in uow.departments.list()] == ["D-GA", "D-MZ"]
        department = uow.departments.get(offices.department)
        assert department is not None and department.address == factories.department().address
        assert uow.departments.get(offices.other_department + 100) is None


def test_a_second_office_with_the_same_code_is_refused(new_uow: NewUow, offices: Offices) -> None:
    with new_uow() as uow, pytest.raises(Conflict):
        uow.halls.add(factories.hall(None, "H-DC"))
        uow.commit()
    with new_uow() as uow:
        assert [h.code for h in uow.halls.list()] == ["H-DC", "H-XC"]


def _account(username: str, hall_id: int | None) -> Account:
    return Account(username, f"{username} 名", Role.HALL_STAFF, "hash", hall_id=hall_id)


def test_accounts_are_found_by_id_and_username_and_listed_by_username(
    new_uow: NewUow, offices: Offices
) -> None:
    with new_uow() as uow:
        for name in ("zhao", "bj-window", "li"):
            uow.accounts.add(_account(name, offices.hall))
        uow.commit()
    with new_uow() as uow:
        account = uow.accounts.get_by_username("li")
        assert account is not None and account.hall_id == offices.hall and account.active
        assert account.id is not None and uow.accounts.get(account.id) is account
        assert uow.accounts.get_by_username("wang") is None
        assert uow.accounts.get(account.id + 100) is None
        assert [a.username for a in uow.accounts.list()] == ["bj-window", "li", "zhao"]


def test_a_second_account_with_the_same_username_is_refused(
    new_uow: NewUow, offices: Offices
) -> None:
    with new_uow() as uow:
        uow.accounts.add(_account("li", offices.hall))
        uow.commit()
    with new_uow() as uow, pytest.raises(Conflict):
        uow.accounts.add(_account("li", None))
        uow.commit()
    with new_uow() as uow:
        assert [a.hall_id for a in uow.accounts.list()] == [offices.hall]
