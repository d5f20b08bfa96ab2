"""A real case-system simulator on a free port, and reports signed by `standardwebhooks`."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from standardwebhooks.webhooks import Webhook

from integrations.case_system.simulator import RunningSimulator, serve_in_thread


def new_secret() -> str:
    return "whsec_" + base64.b64encode(os.urandom(24)).decode()


SECRET = new_secret()


def report_body(case_number: str, sequence: int, event_type: str = "leg.delivered") -> str:
    data = {"case_number": case_number, "sequence": sequence, "leg_kind": "originals"}
    return json.dumps({"type": event_type, "timestamp": "2026-12-02T08:00:00Z", "data": data})


def signed_headers(
    body: str, webhook_id: str, secret: str = SECRET, age: timedelta = timedelta(0)
) -> dict[str, str]:
    """Sign as a Standard Webhooks sender does, with the package's own signer."""
    at = datetime.now(UTC) - age
    signature = Webhook(secret).sign(webhook_id, at, body)
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signature,
        "content-type": "application/json",
    }


@pytest.fixture
def simulator() -> Iterator[RunningSimulator]:
    running = serve_in_thread("127.0.0.1", 0, [SECRET])
    yield running
    running.shutdown()


class Sender:
    """Post reports and controls to a running simulator over HTTP."""

    def __init__(self, url: str) -> None:
        self.url = url

    def report(self, body: str, headers: dict[str, str]) -> requests.Response:
        return requests.post(f"{self.url}/reports", data=body.encode(), headers=headers, timeout=10)

    def signed(self, case_number: str, sequence: int, webhook_id: str) -> requests.Response:
        body = report_body(case_number, sequence)
        return self.report(body, signed_headers(body, webhook_id))

    def control(self, name: str, **body: Any) -> requests.Response:
        return requests.post(f"{self.url}/control/{name}", json=body, timeout=10)

    def reports(self) -> dict[str, Any]:
        listing: dict[str, Any] = requests.get(f"{self.url}/reports", timeout=10).json()
        return listing


@pytest.fixture
def sender(simulator: RunningSimulator) -> Sender:
    return Sender(simulator.url)
