"""Send texts through a configurable HTTP SMS gateway: one JSON POST per text.

The request is `{"to", "text", "reference"}` with `Authorization: Bearer <key>` and
`Idempotency-Key: <reference>`, so a gateway that de-duplicates sends a retried text once.
2xx is accepted, 408/429/5xx and network errors are "unavailable" (retried), any other
answer is a refusal (not retried). Neither the key nor the number is ever logged.
"""

from __future__ import annotations

import logging
import re

import requests

from courier.ports.sms import SmsAccepted, SmsOutcome, SmsRefused, SmsUnavailable

log = logging.getLogger(__name__)
RETRYABLE = frozenset({408, 425, 429})
_DIGITS = re.compile(r"\d{7,}")  # a gateway's words may quote the number: never keep it


class HttpSmsGateway:
    def __init__(
        self, url: str, api_key: str, timeout: float = 5.0, session: requests.Session | None = None
    ) -> None:
        self.url, self._api_key, self.timeout = url, api_key, timeout
        self.session = session or requests.Session()

    def __repr__(self) -> str:
        return f"HttpSmsGateway(url={self.url!r}, api_key=(hidden))"

    def send(self, mobile: str, text: str, reference: str) -> SmsOutcome:
        """POST one text; map the answer to accepted, refused or unavailable."""
        headers = {"Authorization": f"Bearer {self._api_key}", "Idempotency-Key": reference}
        body = {"to": mobile, "text": text, "reference": reference}
        try:
            reply = self.session.post(
                self.url, json=body, headers=headers, timeout=self.timeout, allow_redirects=False
            )
        except requests.RequestException as error:
            log.warning("sms %s: gateway unreachable (%s)", reference, type(error).__name__)
            return SmsUnavailable(f"短信网关无法连接（{type(error).__name__}）")
        return _outcome(reply, reference)


def _outcome(reply: requests.Response, reference: str) -> SmsOutcome:
    if 200 <= reply.status_code < 300:
        return SmsAccepted(str(_field(reply, "id", "message_id"))[:100])
    reason = _reason(reply)
    if reply.status_code in RETRYABLE or reply.status_code >= 500 or reply.status_code < 400:
        log.warning("sms %s: gateway answered %s", reference, reply.status_code)
        return SmsUnavailable(reason)
    return SmsRefused(reason)


def _field(reply: requests.Response, *names: str) -> object:
    try:
        body = reply.json()
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    return next((body[n] for n in names if body.get(n) not in (None, "")), "")


def _reason(reply: requests.Response) -> str:
    words = str(_field(reply, "error", "message", "reason"))[:150]
    return _DIGITS.sub("***", f"HTTP {reply.status_code} {words}".strip())[:200]
