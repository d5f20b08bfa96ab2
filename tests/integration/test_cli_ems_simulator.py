"""`courier simulator --protocol ems-open` serves the EMS open platform to a real client."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from courier.carrier_wiring import ems_open_settings_for
from courier.config import Settings
from integrations.carrier.breaker import InMemoryCircuitBreaker
from integrations.carrier.ems_open import PLATFORM_PATH, EmsOpenCarrier
from integrations.carrier.recording import InMemoryCallRecorder
from tests.unit.carrier_client.samples import order


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def standalone(tmp_path: Path) -> Iterator[str]:
    """Start the command in a child process; give the platform URL once it answers."""
    port = free_port()
    environment = {**os.environ, "COURIER_VAR_DIR": str(tmp_path), "COURIER_CARRIER": "ems_open"}
    command = [sys.executable, "-m", "courier.cli", "simulator", "--protocol", "ems-open"]
    child = subprocess.Popen([*command, "--port", str(port)], env=environment)
    url = f"http://127.0.0.1:{port}{PLATFORM_PATH}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.post(url, timeout=1)
                break
            except requests.ConnectionError:
                assert child.poll() is None, "the simulator command exited"
                assert time.monotonic() < deadline, "the simulator never started"
                time.sleep(0.1)
        yield url
    finally:
        child.terminate()
        child.wait(10)


def test_the_standalone_simulator_books_over_the_platform_with_the_dev_credentials(
    standalone: str, tmp_path: Path
) -> None:
    settings = Settings(carrier="ems_open", carrier_endpoint=standalone, var_dir=str(tmp_path))
    carrier = EmsOpenCarrier(
        ems_open_settings_for(settings.checked()), InMemoryCircuitBreaker(), InMemoryCallRecorder()
    )
    booking = carrier.create_order(order("LO-CLI-1"))
    assert len(booking.waybill_no) == 13
    assert [b.waybill_no for b in carrier.query_order("LO-CLI-1")] == [booking.waybill_no]
    carrier.close()
