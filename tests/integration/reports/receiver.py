"""A case-system receiver for tests: verifies every report with the standardwebhooks package."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from werkzeug.wrappers import Request, Response


@dataclass(frozen=True)
class Arrival:
    message_id: str
    body: dict[str, Any]
    raw: bytes
    headers: dict[str, str]
    at: float  # time.monotonic() on arrival


@dataclass
class Receiver:
    """Accepts verified reports with 204; answers the scripted statuses first."""

    secrets: list[str] = field(default_factory=list)
    script: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    fail_ids: dict[str, int] = field(default_factory=dict)  # message id → failures left
    always: int | None = None  # answer this status to everything (after verifying)
    delay: float = 0.0
    accepted: list[Arrival] = field(default_factory=list)
    attempts: list[str] = field(default_factory=list)
    rejected: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        raw = request.get_data()
        headers = {k.lower(): v for k, v in request.headers.items()}
        if not self._verified(raw, headers):
            with self.lock:
                self.rejected += 1
            return Response("bad signature", 400)(environ, start_response)
        if self.delay:
            time.sleep(self.delay)
        status, extra = self._answer(headers["webhook-id"])
        if status < 300:
            with self.lock:
                arrival = Arrival(
                    headers["webhook-id"], json.loads(raw), raw, headers, time.monotonic()
                )
                self.accepted.append(arrival)
        return Response("", status, headers=extra)(environ, start_response)

    def _verified(self, raw: bytes, headers: dict[str, str]) -> bool:
        for secret in self.secrets:
            try:
                Webhook(secret).verify(raw, headers)
                return True
            except WebhookVerificationError:
                continue
        return False

    def _answer(self, message_id: str) -> tuple[int, dict[str, str]]:
        with self.lock:
            self.attempts.append(message_id)
            if self.script:
                return self.script.pop(0)
            if self.fail_ids.get(message_id, 0) > 0:
                self.fail_ids[message_id] -= 1
                return 503, {}
            return (self.always, {}) if self.always else (204, {})

    def ids(self) -> list[str]:
        with self.lock:
            return [a.message_id for a in self.accepted]
