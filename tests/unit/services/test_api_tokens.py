"""Issuing, using and revoking API tokens, and the case system's repeated intake, with fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from courier.domain.accounts import Account, Role
from courier.domain.errors import NotFound, ValidationFailed
from courier.domain.intake import CaseNumberTaken
from courier.ports.clock import FixedClock
from courier.services import cases
from courier.services.api_tokens import (
    CreateApiToken,
    TokenRefused,
    bearer_account,
    create_api_token,
    list_api_tokens,
    revoke_api_token,
)
from courier.services.auth import WrongCredentials, authenticate
from courier.services.commands import OpenCase
from tests import factories
from tests.factories import NOW
from tests.fakes import FakeUnitOfWork


@pytest.fixture
def uow() -> FakeUnitOfWork:
    fake = FakeUnitOfWork()
    fake.halls.add(factories.hall(None, "H-DC"))
    fake.halls.add(factories.hall(None, "H-XC"))
    fake.departments.add(factories.department(None, "D-MZ"))
    return fake


def issue(uow: FakeUnitOfWork, *halls: str) -> str:
    command = CreateApiToken.parse({"name": "办件系统", "halls": list(halls or ["H-DC"])})
    return create_api_token(uow, command, FixedClock(NOW)).secret


def test_a_new_token_is_shown_once_and_only_its_digest_is_kept(uow: FakeUnitOfWork) -> None:
    secret = issue(uow)
    assert secret.startswith("ctk_") and len(secret) >= 4 + 43
    (token,) = list_api_tokens(uow)
    assert secret not in vars(token).values() and token.matches(secret)
    assert token.account.role is Role.INTEGRATION and token.hall_codes == ["H-DC"]


def test_two_tokens_never_share_a_secret_or_an_account(uow: FakeUnitOfWork) -> None:
    assert issue(uow) != issue(uow)
    first, second = list_api_tokens(uow)
    assert first.account is not second.account


def test_a_token_for_an_unknown_hall_names_the_bad_entry(uow: FakeUnitOfWork) -> None:
    with pytest.raises(Exception) as refused:
        issue(uow, "H-DC", "H-NONE")
    assert getattr(refused.value, "field", None) == "halls.1"
    assert list_api_tokens(uow) == []


def test_a_token_needs_a_name_and_at_least_one_hall() -> None:
    with pytest.raises(ValidationFailed) as refused:
        CreateApiToken.parse({"name": "x", "halls": []})
    assert "halls" in refused.value.errors


def test_the_bearer_of_a_live_token_is_its_account(uow: FakeUnitOfWork) -> None:
    secret = issue(uow)
    (token,) = list_api_tokens(uow)
    assert bearer_account(uow, secret, NOW) == token.account.id


@pytest.mark.parametrize("secret", ["", "ctk_unknown", "Basic abc"])
def test_an_unknown_token_is_refused(uow: FakeUnitOfWork, secret: str) -> None:
    issue(uow)
    with pytest.raises(TokenRefused):
        bearer_account(uow, secret, NOW)


def test_a_revoked_token_is_refused(uow: FakeUnitOfWork) -> None:
    secret = issue(uow)
    (token,) = list_api_tokens(uow)
    assert token.id is not None
    revoke_api_token(uow, token.id, FixedClock(NOW))
    with pytest.raises(TokenRefused):
        bearer_account(uow, secret, NOW + timedelta(seconds=1))


def test_revoking_an_unknown_token_is_not_found(uow: FakeUnitOfWork) -> None:
    with pytest.raises(NotFound):
        revoke_api_token(uow, 99, FixedClock(NOW))


def test_last_use_is_recorded_without_a_write_on_every_request(uow: FakeUnitOfWork) -> None:
    secret = issue(uow)
    commits = uow.commits
    for seconds in (0, 10, 59):
        bearer_account(uow, secret, NOW + timedelta(seconds=seconds))
    assert uow.commits == commits + 1
    bearer_account(uow, secret, NOW + timedelta(seconds=60))
    assert uow.commits == commits + 2
    assert list_api_tokens(uow)[0].last_used_at == NOW + timedelta(seconds=60)


def test_a_token_account_cannot_sign_in_with_a_password(uow: FakeUnitOfWork) -> None:
    issue(uow)
    (token,) = list_api_tokens(uow)
    for password in ("", "!", token.account.password_hash):
        with pytest.raises(WrongCredentials):
            authenticate(uow, token.account.username, password)


def intake(number: str = "BJ2026112600777", hall: str = "H-DC", **changes: object) -> OpenCase:
    data = {
        "case_number": number,
        "matter_name": "婚姻登记档案查询",
        "hall_code": hall,
        "department_code": "D-MZ",
        "result_delivery": "pickup_at_hall",
        "applicant": {"name": "张小明", "mobile": "13112341907", "id_number": "11010519491231002X"},
        "materials": [{"name": "户口簿", "pages": 4}],
    }
    return OpenCase.parse({**data, **changes})


def token_account(uow: FakeUnitOfWork, *halls: str) -> int:
    return bearer_account(uow, issue(uow, *halls), NOW)


def test_a_token_opens_cases_at_its_halls_only(uow: FakeUnitOfWork) -> None:
    account_id = token_account(uow, "H-DC")
    opened = cases.open_or_find_case(uow, account_id, intake(), FixedClock(NOW))
    assert not opened.existed
    with pytest.raises(ValidationFailed) as refused:
        cases.open_or_find_case(uow, account_id, intake("BJ2026112600778", "H-XC"), FixedClock(NOW))
    assert "hall_code" in refused.value.errors


def test_a_token_reads_its_halls_cases_and_not_the_others(uow: FakeUnitOfWork) -> None:
    admin = Account("admin", "管理员", Role.ADMIN, "x")
    uow.accounts.add(admin)
    assert admin.id is not None
    cases.open_case(uow, admin.id, intake("BJ2026112600001", "H-DC"), FixedClock(NOW))
    cases.open_case(uow, admin.id, intake("BJ2026112600002", "H-XC"), FixedClock(NOW))
    account_id = token_account(uow, "H-DC")
    assert [c.case_number for c in cases.list_cases(uow, account_id)] == ["BJ2026112600001"]
    with pytest.raises(NotFound):
        cases.get_case(uow, account_id, "BJ2026112600002")


def test_the_same_intake_again_finds_the_case_it_opened(uow: FakeUnitOfWork) -> None:
    account_id = token_account(uow)
    cases.open_or_find_case(uow, account_id, intake(), FixedClock(NOW))
    again = cases.open_or_find_case(uow, account_id, intake(), FixedClock(NOW))
    assert again.existed and again.case_number == "BJ2026112600777"
    assert len(cases.list_cases(uow, account_id)) == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"matter_name": "另一个事项"},
        {"applicant": {"name": "李四", "mobile": "13112341907", "id_number": "11010519491231002X"}},
        {"materials": [{"name": "户口簿", "pages": 5}]},
    ],
    ids=["matter", "applicant", "materials"],
)
def test_the_same_case_number_with_other_data_is_a_conflict_and_changes_nothing(
    uow: FakeUnitOfWork, changes: dict[str, object]
) -> None:
    account_id = token_account(uow)
    cases.open_or_find_case(uow, account_id, intake(), FixedClock(NOW))
    with pytest.raises(CaseNumberTaken) as refused:
        cases.open_or_find_case(uow, account_id, intake(**changes), FixedClock(NOW))
    assert refused.value.code == "case_number_exists"
    assert cases.get_case(uow, account_id, "BJ2026112600777").matter_name == "婚姻登记档案查询"


def test_another_halls_case_number_is_a_conflict_without_showing_the_case(
    uow: FakeUnitOfWork,
) -> None:
    cases.open_or_find_case(uow, token_account(uow, "H-XC"), intake(hall="H-XC"), FixedClock(NOW))
    other = token_account(uow, "H-DC", "H-XC")
    only_dc = token_account(uow, "H-DC")
    assert cases.open_or_find_case(uow, other, intake(hall="H-XC"), FixedClock(NOW)).existed
    with pytest.raises(CaseNumberTaken):
        cases.open_or_find_case(uow, only_dc, intake(hall="H-DC"), FixedClock(NOW))


def test_a_token_of_one_hall_opens_cases_there_without_naming_it(uow: FakeUnitOfWork) -> None:
    account_id = token_account(uow, "H-XC")
    cases.open_or_find_case(uow, account_id, intake(hall=""), FixedClock(NOW))
    hall = uow.halls.get_by_code("H-XC")
    assert hall is not None
    assert cases.get_case(uow, account_id, "BJ2026112600777").hall_id == hall.id


def test_a_token_of_several_halls_must_name_the_hall(uow: FakeUnitOfWork) -> None:
    account_id = token_account(uow, "H-DC", "H-XC")
    with pytest.raises(ValidationFailed) as refused:
        cases.open_or_find_case(uow, account_id, intake(hall=""), FixedClock(NOW))
    assert "hall_code" in refused.value.errors
