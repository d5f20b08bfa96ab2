"""The HTTP adapter of the case-system port: requests, one Session per process."""

from __future__ import annotations

import os
import time

import requests

from courier.ports.case_system import ReportOutcome, SignedReport

_sessions: dict[int, requests.Session] = {}


def _session() -> requests.Session:
    """Return this process's session, made after any fork (it pools sockets)."""
    pid = os.getpid()
    if pid not in _sessions:
        session = requests.Session()
        adapter = requests.adapters.HTTPAdapter(pool_connections=16, pool_maxsize=64)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        _sessions[pid] = session
    return _sessions[pid]


class HttpCaseSystem:
    """Post reports; redirects are not followed (a 3xx is a failed attempt)."""

    def post_report(self, report: SignedReport, timeout: float) -> ReportOutcome:
        started = time.monotonic()
        try:
            reply = _session().post(
                report.url,
                data=report.body,
                headers=report.headers(),
                timeout=(timeout, timeout),
                allow_redirects=False,
            )
        except requests.RequestException as error:
            # Only the error's type: its text may quote the URL's credentials.
            return ReportOutcome(None, None, type(error).__name__, _ms_since(started))
        reply.close()
        problem = "" if 200 <= reply.status_code < 300 else f"HTTP {reply.status_code}"
        retry_after = reply.headers.get("Retry-After")
        return ReportOutcome(reply.status_code, retry_after, problem, _ms_since(started))


def _ms_since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
