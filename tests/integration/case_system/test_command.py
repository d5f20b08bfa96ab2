"""`courier case-system-sim --port P --secret whsec_…` serves the simulator on its own."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import requests
from click.testing import CliRunner

from courier.cli import main
from tests.e2e.conftest import free_port
from tests.integration.case_system.conftest import SECRET, Sender


def _wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=1).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.2)


def test_the_command_serves_the_simulator_which_verifies_reports(tmp_path: Path) -> None:
    port = free_port()
    courier = Path(sys.executable).with_name("courier")
    with (tmp_path / "case-system.log").open("w") as log:
        process = subprocess.Popen(
            [str(courier), "case-system-sim", "--port", str(port), "--secret", SECRET],
            cwd=tmp_path,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={"PATH": "/usr/bin:/bin", "COURIER_VAR_DIR": str(tmp_path)},
        )
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_until_up(f"{url}/")
            sender = Sender(url)
            assert sender.signed("BJ2026-0001", 1, "msg_c1").status_code == 200
            assert sender.reports()["cases"]["BJ2026-0001"][0]["verified"] is True
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_the_command_refuses_a_malformed_secret(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["case-system-sim", "--secret", "not-a-secret"])
    assert result.exit_code == 2 and "whsec_" in result.output
