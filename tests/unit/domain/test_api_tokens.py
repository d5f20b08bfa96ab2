"""An API token is known by its digest, acts for its halls only, and stops for good when revoked."""

from __future__ import annotations

from datetime import timedelta

import pytest

from courier.domain.accounts import Account, Role
from courier.domain.api_tokens import (
    NO_PASSWORD,
    TOUCH_EVERY,
    ApiToken,
    token_digest,
    token_name,
)
from courier.domain.errors import InvalidValue
from courier.domain.leg import LegKind
from tests import factories
from tests.factories import NOW

SECRET = "ctk_" + "A" * 43


def integration(*hall_ids: int) -> Account:
    account = Account("api-1", "办件系统", Role.INTEGRATION, NO_PASSWORD, id=7)
    account.halls = [factories.hall(hall_id, f"H-{hall_id}") for hall_id in hall_ids]
    return account


def token(**changes: object) -> ApiToken:
    issued = ApiToken("办件系统", token_digest(SECRET), integration(1), NOW)
    for name, value in changes.items():
        setattr(issued, name, value)
    return issued


def test_the_digest_is_a_sha256_that_never_contains_the_secret() -> None:
    digest = token_digest(SECRET)
    assert len(digest) == 64 and SECRET not in digest and "ctk_" not in digest
    assert digest == token_digest(SECRET) != token_digest(SECRET + "x")


def test_a_token_matches_its_secret_only() -> None:
    assert token().matches(SECRET)
    assert not token().matches(SECRET[:-1] + "B")
    assert not token().matches("")


def test_a_revoked_token_no_longer_signs_in_and_disables_its_account() -> None:
    revoked = token()
    revoked.revoke(NOW)
    assert not revoked.signs_in()
    assert not revoked.account.active and revoked.revoked_at == NOW
    revoked.revoke(NOW + timedelta(days=1))
    assert revoked.revoked_at == NOW  # the first revocation time stays


def test_a_token_of_a_disabled_account_does_not_sign_in() -> None:
    disabled = token()
    disabled.account.active = False
    assert not disabled.signs_in()


def test_last_use_is_written_at_most_once_a_minute() -> None:
    assert token().needs_touch(NOW)
    used = token(last_used_at=NOW)
    assert not used.needs_touch(NOW + TOUCH_EVERY - timedelta(seconds=1))
    assert used.needs_touch(NOW + TOUCH_EVERY)


@pytest.mark.parametrize("name", ["", "   ", "x" * 41])
def test_a_token_name_must_be_1_to_40_characters(name: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        token_name(name)
    assert refused.value.field == "name"


def test_an_integration_account_sees_the_cases_of_its_halls_only() -> None:
    account = integration(1, 3)
    assert account.can_see(factories.case("BJ2026112600001", hall_id=1))
    assert account.can_see(factories.case("BJ2026112600002", hall_id=3))
    assert not account.can_see(factories.case("BJ2026112600003", hall_id=2))


def test_an_integration_account_opens_cases_at_its_halls_but_books_and_decides_nothing() -> None:
    account = integration(1)
    assert account.may_open_cases_at(1) and not account.may_open_cases_at(2)
    assert not any(account.can_book(kind) for kind in LegKind)
    assert not account.sends_from_desk(LegKind.ORIGINALS)


def test_an_integration_account_without_halls_sees_nothing() -> None:
    assert not integration().can_see(factories.case())


def test_hall_staff_and_admins_open_cases_where_they_did_before() -> None:
    window = Account("w", "W", Role.HALL_STAFF, "x", hall_id=1)
    department = Account("d", "D", Role.DEPARTMENT_STAFF, "x", department_id=1)
    admin = Account("a", "A", Role.ADMIN, "x")
    assert window.may_open_cases_at(1) and not window.may_open_cases_at(2)
    assert not department.may_open_cases_at(1)
    assert admin.may_open_cases_at(2)
