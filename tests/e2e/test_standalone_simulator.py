"""`courier simulator --port N` serves the carrier WSDL and answers SOAP on its own."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import requests
import zeep
from zeep.wsse.username import UsernameToken

from tests.e2e.conftest import free_port


def test_standalone_simulator_serves_its_wsdl_and_books(tmp_path: Path) -> None:
    port = free_port()
    courier = Path(sys.executable).with_name("courier")
    with (tmp_path / "simulator.log").open("w") as log:
        process = subprocess.Popen(
            [str(courier), "simulator", "--port", str(port)],
            cwd=tmp_path,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={"PATH": "/usr/bin:/bin", "COURIER_VAR_DIR": str(tmp_path)},
        )
        try:
            wsdl = f"http://127.0.0.1:{port}/carrier?wsdl"
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                try:
                    if requests.get(wsdl, timeout=1).ok:
                        break
                except requests.ConnectionError:
                    time.sleep(0.2)
            client = zeep.Client(wsdl, wsse=UsernameToken("courier", "courier-dev"))
            reply = client.service.QueryOrder(logisticsOrderNo="CR20261126NOTHING1")
            assert f":{port}/carrier" in requests.get(wsdl, timeout=5).text
            assert not reply["waybill"]
        finally:
            process.terminate()
            process.wait(timeout=10)
