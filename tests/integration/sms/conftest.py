"""A real local SMS gateway for each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.sms.gateway import Gateway


@pytest.fixture
def gateway() -> Iterator[Gateway]:
    running = Gateway()
    yield running
    running.server.shutdown()
    running.server.server_close()
