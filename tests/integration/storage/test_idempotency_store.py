"""The Idempotency-Key store on SQLite and PostgreSQL, held to the fake's rules."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from courier.domain.accounts import Account, Role
from courier.domain.idempotency import Fingerprint, IdempotencyRecord, StoredResponse
from courier.services.idempotency import IdempotencyStore
from courier.storage.crypto import FieldCipher, decode_key, new_key
from courier.storage.database import make_engine, make_session_factory
from courier.storage.idempotency import SqlIdempotencyStore
from courier.storage.migrate import upgrade
from courier.storage.orm import start_mappers
from courier.storage.uow import SqlUnitOfWork
from tests.factories import NOW
from tests.fake_intake import FakeIdempotencyStore

TTL = timedelta(hours=24)
CASE = Fingerprint("POST", "/api/v1/cases", "a" * 64)
# a label PDF is bytes, not text; the case answer quotes masked personal data
ANSWER = StoredResponse(
    201,
    (("Content-Type", "application/json"), ("Location", "/api/v1/cases/BJ1")),
    '{"applicant": {"name": "张*明"}}'.encode() + b"\x00\xff",
)
SIMULTANEOUS = 8


def record(
    account_id: int, key: str = "k-1", claim: str = "c-1", **changes: object
) -> IdempotencyRecord:
    held = IdempotencyRecord(account_id, key, CASE, claim, NOW, NOW + TTL)
    return replace(held, **changes)  # type: ignore[arg-type]


def _engine(request: pytest.FixtureRequest, kind: str, tmp_path: Path) -> sa.Engine:
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    if kind == "postgres":
        url = request.getfixturevalue("postgres_url")
    engine = make_engine(url, FieldCipher(decode_key(new_key())))
    upgrade(engine)
    return engine


@pytest.fixture(params=["fake", "sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine | None]:
    if request.param == "fake":
        yield None
        return
    engine = _engine(request, request.param, tmp_path)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def sql_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    engine = _engine(request, request.param, tmp_path)
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine: sa.Engine | None) -> IdempotencyStore:
    return FakeIdempotencyStore() if engine is None else SqlIdempotencyStore(engine)


def principal(engine: sa.Engine | None, username: str = "window") -> int:
    """Return the id of a stored account (keys belong to one)."""
    if engine is None:
        return len(username)
    start_mappers()
    with SqlUnitOfWork(make_session_factory(engine)) as uow:
        account = Account(username, username, Role.HALL_STAFF, "x")
        uow.accounts.add(account)
        uow.commit()
        assert account.id is not None
        return account.id


def test_a_claimed_key_comes_back_as_claimed_and_cannot_be_claimed_again(
    store: IdempotencyStore, engine: sa.Engine | None
) -> None:
    account_id = principal(engine)
    assert store.claim(record(account_id))
    assert not store.claim(record(account_id, claim="c-2"))
    assert store.get(account_id, "k-1") == record(account_id)
    assert store.get(account_id, "k-2") is None


def test_an_answer_comes_back_byte_for_byte_with_its_headers(
    store: IdempotencyStore, engine: sa.Engine | None
) -> None:
    account_id = principal(engine)
    store.claim(record(account_id))
    store.complete(record(account_id), ANSWER)
    assert store.get(account_id, "k-1") == record(account_id, response=ANSWER)


def test_only_the_holder_completes_or_releases_a_key(
    store: IdempotencyStore, engine: sa.Engine | None
) -> None:
    account_id = principal(engine)
    store.claim(record(account_id))
    stranger = record(account_id, claim="c-2")
    store.complete(stranger, ANSWER)
    store.release(stranger)
    assert store.get(account_id, "k-1") == record(account_id)
    store.release(record(account_id))
    assert store.get(account_id, "k-1") is None


def test_a_key_is_taken_over_once_and_only_from_the_record_read(
    store: IdempotencyStore, engine: sa.Engine | None
) -> None:
    account_id = principal(engine)
    old = record(account_id, response=ANSWER)
    store.claim(old)
    later = NOW + TTL
    new = record(account_id, claim="c-2", started_at=later, expires_at=later + TTL)
    assert store.take_over(old, new)
    assert not store.take_over(old, record(account_id, claim="c-3"))
    assert store.get(account_id, "k-1") == new


def test_the_purge_deletes_expired_keys_only(
    store: IdempotencyStore, engine: sa.Engine | None
) -> None:
    account_id = principal(engine)
    store.claim(record(account_id, "old", expires_at=NOW + timedelta(hours=1)))
    store.claim(record(account_id, "new"))
    assert store.purge(NOW + timedelta(hours=1)) == 1
    assert store.get(account_id, "old") is None and store.get(account_id, "new") is not None


def test_keys_are_per_principal(store: IdempotencyStore, engine: sa.Engine | None) -> None:
    first, second = principal(engine, "window"), principal(engine, "window-2")
    assert store.claim(record(first)) and store.claim(record(second))


def test_the_stored_answer_is_encrypted_at_rest(sql_engine: sa.Engine) -> None:
    engine = sql_engine
    store, account_id = SqlIdempotencyStore(engine), principal(engine)
    store.claim(record(account_id))
    store.complete(record(account_id), ANSWER)
    with engine.connect() as connection:
        raw = connection.execute(sa.text("SELECT response_body FROM idempotency_keys")).scalar()
    assert raw and "张" not in raw and "eyJhcHBsaWNhbnQ" not in raw  # not even base64 of it


def test_simultaneous_first_claims_of_one_key_let_exactly_one_run(sql_engine: sa.Engine) -> None:
    store, account_id = SqlIdempotencyStore(sql_engine), principal(sql_engine)
    barrier = threading.Barrier(SIMULTANEOUS)
    won: list[bool] = [False] * SIMULTANEOUS

    def claim(index: int) -> None:
        barrier.wait()
        won[index] = store.claim(record(account_id, claim=f"c-{index}"))

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(SIMULTANEOUS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert won.count(True) == 1
    holder = store.get(account_id, "k-1")
    assert holder is not None and holder.claim == f"c-{won.index(True)}"
