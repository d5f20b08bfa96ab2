"""Idempotency-Key on every POST of the API: a replay gets the first answer, not new work."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from flask import Flask, Response, g, request

from courier.app.auth import current_account_id
from courier.app.context import courier
from courier.domain.idempotency import HEADER, Fingerprint, StoredResponse
from courier.services.idempotency import Replay, begin, finish
from courier.storage.idempotency import SqlIdempotencyStore

API_PREFIX = "/api/v1/"
# Headers a replay gives back with the status and body; the rest is set anew on every answer.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Location", "Courier-Case-Existed")
REPLAYED = "Idempotent-Replayed"


def init_idempotency(app: Flask) -> None:
    """Apply idempotency keys to every POST under /api/v1/, once for all its views."""
    app.before_request(_claim_key)
    app.after_request(_keep_answer)


def _store() -> SqlIdempotencyStore:
    return SqlIdempotencyStore(courier().engine)


def _claim_key() -> Response | None:
    key = request.headers.get(HEADER)
    if request.method != "POST" or key is None or not request.path.startswith(API_PREFIX):
        return None
    account_id = current_account_id()
    if account_id is None:
        return None  # the view refuses the request; nothing to remember
    app = courier()
    body_hash = hashlib.sha256(request.get_data(cache=True)).hexdigest()
    fingerprint = Fingerprint(request.method, request.path, body_hash)
    ttl = timedelta(hours=app.settings.idempotency_key_hours)
    outcome = begin(_store(), account_id, key, fingerprint, app.clock.now(), ttl)
    if isinstance(outcome, Replay):
        return _replayed(outcome.response)
    g.idempotency_record = outcome.record
    return None


def _replayed(stored: StoredResponse) -> Response:
    response = Response(stored.body, status=stored.status)
    for name, value in stored.headers:
        response.headers[name] = value
    response.headers[REPLAYED] = "true"
    return response


def _keep_answer(response: Response) -> Response:
    record = g.pop("idempotency_record", None)
    if record is not None:
        headers = tuple(
            (name, response.headers[name]) for name in KEPT_HEADERS if name in response.headers
        )
        stored = StoredResponse(response.status_code, headers, response.get_data())
        finish(_store(), record, stored)
    return response
