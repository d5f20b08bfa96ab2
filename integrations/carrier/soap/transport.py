"""The thin transport: POST one envelope, read at most a capped reply, map transport errors."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from integrations.carrier.soap.errors import error_from_transport, response_too_large
from integrations.carrier.soap.settings import CarrierClientSettings

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class HttpReply:
    status: int
    body: bytes


class SoapTransport:
    """One pooled HTTP session per client; nothing is retried here (the caller decides)."""

    def __init__(self, settings: CarrierClientSettings) -> None:
        self._settings = settings
        self._session: requests.Session | None = None
        self._pid = 0

    def post(self, envelope: bytes, soap_action: str) -> HttpReply:
        """Send the envelope; raise a port error for any failure before a whole reply is read."""
        headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{soap_action}"'}
        return self.send(envelope, headers)

    def send(self, body: bytes, headers: dict[str, str]) -> HttpReply:
        """POST any body (the EMS open platform's form, too) with the same caps and errors."""
        timeouts = (self._settings.connect_timeout, self._settings.read_timeout)
        try:
            response = self.session.post(
                self._settings.endpoint,
                data=body,
                headers=headers,
                timeout=timeouts,
                stream=True,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            raise error_from_transport(exc, sent=False) from exc
        with response:
            return HttpReply(response.status_code, self._read_capped(response))

    @property
    def session(self) -> requests.Session:
        if self._session is None or self._pid != os.getpid():
            # pooled sockets must never be shared with a forked child
            self._session = _pooled_session(self._settings.pool_maxsize)
            self._pid = os.getpid()
        return self._session

    def close(self) -> None:
        if self._session is not None:
            self._session.close()

    def _read_capped(self, response: requests.Response) -> bytes:
        """Read the body, refusing it as soon as it passes the cap or the overall deadline."""
        limit = self._settings.max_response_bytes
        if _announced_length(response) > limit:
            raise response_too_large(limit)
        deadline = time.monotonic() + self._settings.read_timeout
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise response_too_large(limit)
                if time.monotonic() > deadline:
                    raise requests.Timeout("reply body trickled past the read timeout")
                chunks.append(chunk)
        except requests.RequestException as exc:
            raise error_from_transport(exc, sent=True) from exc
        return b"".join(chunks)


def _announced_length(response: requests.Response) -> int:
    """Return the Content-Length the carrier announced (0 if none or not a number)."""
    announced = response.headers.get("Content-Length", "")
    return int(announced) if announced.isdigit() else 0


def _pooled_session(pool_maxsize: int) -> requests.Session:
    session = requests.Session()
    session.trust_env = False  # the endpoint comes from configuration, not proxy env vars
    adapter = HTTPAdapter(
        pool_connections=1,
        pool_maxsize=pool_maxsize,
        max_retries=Retry(total=0, read=False, redirect=False),
    )
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
