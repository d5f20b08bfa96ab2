"""Claiming an Idempotency-Key: one request runs, the others replay or are refused clearly."""

from __future__ import annotations

from datetime import timedelta

import pytest

from courier.domain.idempotency import (
    IN_FLIGHT_LEASE,
    BadIdempotencyKey,
    Fingerprint,
    IdempotencyKeyInFlight,
    IdempotencyKeyReused,
    StoredResponse,
)
from courier.services.idempotency import Proceed, Replay, begin, finish, purge_expired
from tests.factories import NOW
from tests.fake_intake import FakeIdempotencyStore

TTL = timedelta(hours=24)
CASE = Fingerprint("POST", "/api/v1/cases", "a" * 64)
CREATED = StoredResponse(201, (("Location", "/api/v1/cases/BJ1"),), b'{"case_number": "BJ1"}')


@pytest.fixture
def store() -> FakeIdempotencyStore:
    return FakeIdempotencyStore()


def first(store: FakeIdempotencyStore, account_id: int = 1, key: str = "k-1") -> Proceed:
    outcome = begin(store, account_id, key, CASE, NOW, TTL)
    assert isinstance(outcome, Proceed)
    return outcome


def test_the_first_request_with_a_key_runs(store: FakeIdempotencyStore) -> None:
    record = first(store).record
    assert record.expires_at == NOW + TTL and record.response is None


def test_a_replay_after_the_answer_gets_the_same_answer(store: FakeIdempotencyStore) -> None:
    finish(store, first(store).record, CREATED)
    again = begin(store, 1, "k-1", CASE, NOW + timedelta(hours=1), TTL)
    assert again == Replay(CREATED)


def test_the_same_key_with_another_body_is_refused_as_reused(store: FakeIdempotencyStore) -> None:
    finish(store, first(store).record, CREATED)
    other = Fingerprint("POST", "/api/v1/cases", "b" * 64)
    with pytest.raises(IdempotencyKeyReused) as refused:
        begin(store, 1, "k-1", other, NOW, TTL)
    assert refused.value.field == "Idempotency-Key"


def test_the_same_request_while_the_first_still_runs_is_in_flight(
    store: FakeIdempotencyStore,
) -> None:
    first(store)
    with pytest.raises(IdempotencyKeyInFlight):
        begin(store, 1, "k-1", CASE, NOW + timedelta(seconds=1), TTL)


def test_a_first_request_that_died_gives_its_key_up_after_the_lease(
    store: FakeIdempotencyStore,
) -> None:
    dead = first(store).record
    later = NOW + IN_FLIGHT_LEASE
    taken = begin(store, 1, "k-1", CASE, later, TTL)
    assert isinstance(taken, Proceed) and taken.record.claim != dead.claim
    finish(store, dead, CREATED)  # the dead request's late answer changes nothing
    assert store.get(1, "k-1") == taken.record


def test_a_server_error_is_not_kept_so_the_client_may_retry(store: FakeIdempotencyStore) -> None:
    finish(store, first(store).record, StoredResponse(503, (), b"{}"))
    assert store.get(1, "k-1") is None
    assert isinstance(begin(store, 1, "k-1", CASE, NOW, TTL), Proceed)


def test_a_refusal_below_500_is_kept_and_replayed(store: FakeIdempotencyStore) -> None:
    refused = StoredResponse(422, (), b'{"error": {}}')
    finish(store, first(store).record, refused)
    assert begin(store, 1, "k-1", CASE, NOW, TTL) == Replay(refused)


def test_keys_are_per_principal(store: FakeIdempotencyStore) -> None:
    finish(store, first(store, account_id=1).record, CREATED)
    assert isinstance(begin(store, 2, "k-1", CASE, NOW, TTL), Proceed)


def test_an_expired_key_runs_again_before_and_after_the_purge(
    store: FakeIdempotencyStore,
) -> None:
    finish(store, first(store).record, CREATED)
    expired = NOW + TTL
    assert isinstance(begin(store, 1, "k-1", CASE, expired, TTL), Proceed)
    finish(store, first(store, key="k-2").record, CREATED)
    assert purge_expired(store, expired + TTL) == 2
    assert isinstance(begin(store, 1, "k-2", CASE, expired + TTL, TTL), Proceed)


def test_the_purge_keeps_live_keys(store: FakeIdempotencyStore) -> None:
    finish(store, first(store).record, CREATED)
    assert purge_expired(store, NOW + TTL - timedelta(seconds=1)) == 0
    assert begin(store, 1, "k-1", CASE, NOW, TTL) == Replay(CREATED)


def test_a_bad_key_is_refused_before_anything_is_stored(store: FakeIdempotencyStore) -> None:
    with pytest.raises(BadIdempotencyKey):
        begin(store, 1, "", CASE, NOW, TTL)
    assert store.records == {}
