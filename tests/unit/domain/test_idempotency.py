"""What a request with a known Idempotency-Key gets: the first answer, a refusal, or the key."""

from __future__ import annotations

from datetime import timedelta

import pytest

from courier.domain.idempotency import (
    HEADER,
    IN_FLIGHT_LEASE,
    BadIdempotencyKey,
    Decision,
    Fingerprint,
    IdempotencyRecord,
    StoredResponse,
    check_key,
)
from tests.factories import NOW

SAME = Fingerprint("POST", "/api/v1/cases", "a" * 64)
ANSWER = StoredResponse(201, (("Content-Type", "application/json"),), b"{}")


def held(response: StoredResponse | None = None) -> IdempotencyRecord:
    return IdempotencyRecord(1, "k-1", SAME, "claim", NOW, NOW + timedelta(hours=24), response)


@pytest.mark.parametrize("key", ["a", "x" * 255, "order-2026/11/26 #1", "~!@"])
def test_keys_of_1_to_255_printable_ascii_characters_are_accepted(key: str) -> None:
    assert check_key(key) == key


@pytest.mark.parametrize("key", ["", "x" * 256, "键", "tab\there", "nl\n", "del\x7f"])
def test_other_keys_are_refused_naming_the_header(key: str) -> None:
    with pytest.raises(BadIdempotencyKey) as refused:
        check_key(key)
    assert refused.value.field == HEADER


def test_the_same_request_after_an_answer_is_a_replay() -> None:
    assert held(ANSWER).decide(SAME, NOW + timedelta(hours=1)) is Decision.REPLAY


@pytest.mark.parametrize(
    "other",
    [
        Fingerprint("POST", "/api/v1/cases", "b" * 64),
        Fingerprint("POST", "/api/v1/halls", "a" * 64),
        Fingerprint("PUT", "/api/v1/cases", "a" * 64),
    ],
    ids=["body", "path", "method"],
)
def test_another_request_with_the_key_is_a_mismatch_answered_or_not(other: Fingerprint) -> None:
    assert held(ANSWER).decide(other, NOW) is Decision.MISMATCH
    assert held().decide(other, NOW) is Decision.MISMATCH


def test_the_same_request_while_the_first_runs_is_in_flight() -> None:
    assert held().decide(SAME, NOW + IN_FLIGHT_LEASE - timedelta(seconds=1)) is Decision.IN_FLIGHT


def test_a_first_request_silent_past_the_lease_gives_the_key_up() -> None:
    assert held().decide(SAME, NOW + IN_FLIGHT_LEASE) is Decision.TAKE_OVER


def test_an_expired_key_is_free_again_whatever_it_held() -> None:
    later = NOW + timedelta(hours=24)
    assert held(ANSWER).decide(SAME, later) is Decision.TAKE_OVER
    other = Fingerprint("POST", "/api/v1/cases", "c" * 64)
    assert held(ANSWER).decide(other, later) is Decision.TAKE_OVER


@pytest.mark.parametrize("status,kept", [(201, True), (409, True), (499, True), (500, False)])
def test_server_errors_are_not_kept_for_replay(status: int, kept: bool) -> None:
    assert StoredResponse(status, (), b"").worth_keeping is kept
