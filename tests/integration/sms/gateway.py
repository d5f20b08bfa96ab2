"""A real local HTTP SMS gateway that records each request and answers as told."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from tests.e2e.conftest import free_port

API_KEY = "sms-api-key-0123456789abcdef"
MOBILE = "13112341907"
Answer = Callable[[Request], Response]


class Gateway:
    """A real HTTP server that records each request and answers as told."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.answer: Answer = lambda _: Response(json.dumps({"id": "gw-1"}), 200)
        self.port = free_port()
        self.server = make_server("127.0.0.1", self.port, self._app, threaded=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/send"

    def _app(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        self.requests.append(
            {"headers": dict(request.headers), "body": request.get_json(silent=True)}
        )
        return self.answer(request)(environ, start_response)
