"""A fast receiver for the relay benchmark: logs each report's webhook-id and arrival time.

Served by gunicorn (`benchmarks.relay_receiver:app`); RELAY_BENCH_LOG names the log file.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from typing import Any

_lock = threading.Lock()
_log = open(os.environ.get("RELAY_BENCH_LOG", os.devnull), "a", buffering=1)  # noqa: SIM115


def app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    """Read the report, note its id and when it came, answer 204."""
    length = int(environ.get("CONTENT_LENGTH") or 0)
    environ["wsgi.input"].read(length)
    message_id = environ.get("HTTP_WEBHOOK_ID", "-")
    with _lock:
        _log.write(f"{message_id} {time.time():.6f}\n")
    start_response("204 No Content", [("Content-Length", "0")])
    return [b""]
