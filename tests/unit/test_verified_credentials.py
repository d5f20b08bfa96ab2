"""Verified Basic credentials are remembered briefly, keyed, and only when right."""

from __future__ import annotations

from courier.app.credentials import VerifiedCredentials


def test_remembered_credentials_are_recognised_and_others_are_not() -> None:
    cache = VerifiedCredentials()
    cache.remember("bj-window", "courier-demo", 2)
    assert cache.account_id("bj-window", "courier-demo") == 2
    assert cache.account_id("bj-window", "courier-dem0") is None
    assert cache.account_id("bj-windo", "wcourier-demo") is None


def test_memory_expires() -> None:
    cache = VerifiedCredentials(ttl_seconds=-1)
    cache.remember("admin", "courier-demo", 1)
    assert cache.account_id("admin", "courier-demo") is None


def test_memory_is_bounded() -> None:
    cache = VerifiedCredentials(capacity=2)
    for i in range(5):
        cache.remember(f"user{i}", "pw", i)
    assert len(cache._entries) <= 2
