"""API tokens: stored with their account and halls, found by digest, revoked for good."""

from __future__ import annotations

import itertools

import pytest

from courier.domain.accounts import Account, Role
from courier.domain.api_tokens import NO_PASSWORD, ApiToken, token_digest
from courier.domain.errors import Conflict
from tests import factories
from tests.integration.storage.contract.support import NewUow, Offices

_accounts = itertools.count(1)


def add_token(new_uow: NewUow, secret: str, *hall_ids: int) -> int:
    with new_uow() as uow:
        account = Account(f"api-{next(_accounts)}", "办件系统", Role.INTEGRATION, NO_PASSWORD)
        account.halls = [uow.halls.get(hall_id) for hall_id in hall_ids]  # type: ignore[misc]
        token = ApiToken("办件系统", token_digest(secret), account, factories.NOW)
        uow.accounts.add(account)
        uow.api_tokens.add(token)
        uow.commit()
        assert token.id is not None
        return token.id


def test_a_token_is_found_by_its_digest_with_its_account_and_halls(
    new_uow: NewUow, offices: Offices
) -> None:
    token_id = add_token(new_uow, "s1", offices.other_hall, offices.hall)
    with new_uow() as uow:
        found = uow.api_tokens.get_by_digest(token_digest("s1"))
        assert found is not None and found.id == token_id and found.matches("s1")
        assert found.hall_codes == ["H-DC", "H-XC"]
        assert found.account.role is Role.INTEGRATION and found.account.active
        assert found.account.scope().hall_ids == {offices.hall, offices.other_hall}
        assert found.created_at == factories.NOW and found.last_used_at is None
        assert uow.api_tokens.get_by_digest(token_digest("s2")) is None
        assert uow.api_tokens.get(token_id) is found


def test_tokens_are_listed_in_the_order_they_were_issued(new_uow: NewUow, offices: Offices) -> None:
    ids = [add_token(new_uow, secret, offices.hall) for secret in ("b", "a", "c")]
    with new_uow() as uow:
        assert [token.id for token in uow.api_tokens.list()] == ids


def test_revoking_a_token_is_kept_and_disables_its_account(
    new_uow: NewUow, offices: Offices
) -> None:
    token_id = add_token(new_uow, "s1", offices.hall)
    with new_uow() as uow:
        token = uow.api_tokens.get(token_id)
        assert token is not None
        token.revoke(factories.NOW)
        token.last_used_at = factories.NOW
        uow.commit()
    with new_uow() as uow:
        token = uow.api_tokens.get(token_id)
        assert token is not None and not token.signs_in()
        assert token.revoked_at == factories.NOW == token.last_used_at
        assert not token.account.active


def test_two_tokens_with_one_digest_are_refused(new_uow: NewUow, offices: Offices) -> None:
    add_token(new_uow, "same", offices.hall)
    with pytest.raises(Conflict):
        add_token(new_uow, "same", offices.hall)
