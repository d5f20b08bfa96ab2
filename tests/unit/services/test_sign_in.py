"""Signing in costs the same for unknown users; sessions end on sign-out and disabling."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from courier.domain.accounts import Account, Role
from courier.domain.errors import NotFound
from courier.domain.staff_session import StaffSession
from courier.services.auth import (
    WrongCredentials,
    authenticate,
    disable_account,
    end_session,
    session_account,
    session_digest,
    sign_in,
)
from courier.services.passwords import DUMMY_HASH, check_password, hash_password
from tests.factories import NOW
from tests.fakes import FakeUnitOfWork


class CountingHasher:
    """Stands in for check_password and records which hash each attempt was checked against."""

    def __init__(self, answer: bool = False) -> None:
        self.checked: list[str] = []
        self.answer = answer

    def __call__(self, password: str, stored: str) -> bool:
        self.checked.append(stored)
        return self.answer


class FakeSessions:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow
        self.rows: dict[str, StaffSession] = {}
        self.touches = 0

    def add(self, staff_session: StaffSession) -> None:
        self.rows[staff_session.id_hash] = staff_session

    def get_active(self, id_hash: str) -> StaffSession | None:
        found = self.rows.get(id_hash)
        if found is None or not self.uow.accounts.get(found.account_id).active:
            return None
        return StaffSession(**vars(found))

    def touch(self, id_hash: str, at: datetime) -> None:
        self.touches += 1
        self.rows[id_hash].last_seen_at = at

    def revoke(self, id_hash: str, at: datetime) -> None:
        if id_hash in self.rows:
            self.rows[id_hash].revoked_at = at

    def revoke_all(self, account_id: int, at: datetime) -> None:
        for row in self.rows.values():
            if row.account_id == account_id:
                row.revoked_at = at


@pytest.fixture
def uow() -> FakeUnitOfWork:
    uow = FakeUnitOfWork()
    uow.accounts.add(Account("bj-window", "窗口", Role.HALL_STAFF, "scrypt$known-hash", hall_id=1))
    return uow


def test_an_unknown_username_is_checked_against_the_dummy_hash(uow: FakeUnitOfWork) -> None:
    hasher = CountingHasher()
    with pytest.raises(WrongCredentials):
        authenticate(uow, "nobody", "guess", hasher)
    assert hasher.checked == [DUMMY_HASH]


def test_a_known_username_with_a_wrong_password_does_the_same_single_check(
    uow: FakeUnitOfWork,
) -> None:
    hasher = CountingHasher()
    with pytest.raises(WrongCredentials) as known:
        authenticate(uow, "bj-window", "guess", hasher)
    with pytest.raises(WrongCredentials) as unknown:
        authenticate(uow, "nobody", "guess", hasher)
    assert hasher.checked == ["scrypt$known-hash", DUMMY_HASH]
    assert known.value.message == unknown.value.message


def test_a_disabled_account_is_refused_after_the_same_work(uow: FakeUnitOfWork) -> None:
    uow.accounts.get(1).active = False
    hasher = CountingHasher(answer=True)
    with pytest.raises(WrongCredentials):
        authenticate(uow, "bj-window", "right", hasher)
    assert hasher.checked == [DUMMY_HASH]


def test_no_password_opens_the_dummy_hash() -> None:
    assert not check_password("", DUMMY_HASH)
    assert not check_password("courier-demo", DUMMY_HASH)


def signed_in(uow: FakeUnitOfWork, sessions: FakeSessions) -> str:
    uow.accounts.get(1).password_hash = hash_password("courier-demo")
    return sign_in(uow, sessions, ("bj-window", "courier-demo"), NOW, "10.0.0.7")


def test_signing_in_keeps_only_a_digest_of_the_session_id(uow: FakeUnitOfWork) -> None:
    sessions = FakeSessions(uow)
    token = signed_in(uow, sessions)
    assert list(sessions.rows) == [session_digest(token)] and token not in sessions.rows
    assert sessions.rows[session_digest(token)].client_address == "10.0.0.7"
    assert session_account(sessions, token, NOW) == 1


def test_a_signed_out_session_no_longer_names_its_account(uow: FakeUnitOfWork) -> None:
    sessions = FakeSessions(uow)
    token = signed_in(uow, sessions)
    end_session(sessions, token, NOW)
    assert session_account(sessions, token, NOW + timedelta(seconds=1)) is None


def test_disabling_an_account_ends_its_sessions(uow: FakeUnitOfWork) -> None:
    sessions = FakeSessions(uow)
    token = signed_in(uow, sessions)
    disable_account(uow, sessions, 1, NOW)
    assert not uow.accounts.get(1).active
    assert sessions.rows[session_digest(token)].revoked_at == NOW
    assert session_account(sessions, token, NOW) is None


def test_disabling_an_unknown_account_is_not_found(uow: FakeUnitOfWork) -> None:
    with pytest.raises(NotFound):
        disable_account(uow, FakeSessions(uow), 99, NOW)


def test_requests_within_a_minute_do_not_rewrite_last_seen(uow: FakeUnitOfWork) -> None:
    sessions = FakeSessions(uow)
    token = signed_in(uow, sessions)
    for seconds in (10, 30, 59):
        assert session_account(sessions, token, NOW + timedelta(seconds=seconds)) == 1
    assert sessions.touches == 0
    session_account(sessions, token, NOW + timedelta(seconds=61))
    assert sessions.touches == 1
    assert session_account(sessions, token, NOW + timedelta(minutes=30)) == 1  # idle from 61 s
