"""A staff session ends when revoked, when idle too long, or when too old."""

from __future__ import annotations

from datetime import timedelta

from courier.domain.staff_session import ABSOLUTE_TIMEOUT, IDLE_TIMEOUT, StaffSession
from tests.factories import NOW


def opened(**changes: object) -> StaffSession:
    staff_session = StaffSession("digest", 1, NOW, NOW)
    for name, value in changes.items():
        setattr(staff_session, name, value)
    return staff_session


def test_a_fresh_session_is_live() -> None:
    assert opened().is_live(NOW + timedelta(minutes=1))


def test_a_revoked_session_is_not_live() -> None:
    assert not opened(revoked_at=NOW).is_live(NOW + timedelta(seconds=1))


def test_a_session_left_idle_past_the_idle_timeout_ends() -> None:
    assert opened().is_live(NOW + IDLE_TIMEOUT - timedelta(seconds=1))
    assert not opened().is_live(NOW + IDLE_TIMEOUT)


def test_a_session_in_constant_use_still_ends_at_the_absolute_timeout() -> None:
    busy = opened(last_seen_at=NOW + ABSOLUTE_TIMEOUT - timedelta(minutes=1))
    assert busy.is_live(NOW + ABSOLUTE_TIMEOUT - timedelta(seconds=1))
    assert not busy.is_live(NOW + ABSOLUTE_TIMEOUT)


def test_last_seen_is_rewritten_at_most_once_a_minute() -> None:
    assert not opened().needs_touch(NOW + timedelta(seconds=59))
    assert opened().needs_touch(NOW + timedelta(seconds=60))
