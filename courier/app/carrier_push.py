"""The push endpoint the carrier posts tracking batches to (SOAP, WS-Security)."""

from __future__ import annotations

import hmac
import logging

from flask import Blueprint, Response, request

from courier.app.context import courier
from courier.ports.push import PushRefused, Refusal
from courier.services.tracking import acknowledge_pushed_batch

log = logging.getLogger(__name__)
carrier_push = Blueprint("carrier_push", __name__)

XML = "text/xml; charset=utf-8"


def _credentials_ok(username: str | None, password: str | None) -> bool:
    settings = courier().settings
    if username is None or password is None:
        return False
    return hmac.compare_digest(username.encode(), settings.push_username.encode()) and (
        hmac.compare_digest(password.encode(), settings.push_password.encode())
    )


@carrier_push.get("/carrier/push")
def wsdl() -> Response:
    return Response(courier().push_reader.wsdl(request.base_url), content_type=XML)


@carrier_push.post("/carrier/push")
def push() -> Response:
    """Read the header, authenticate, then read and store batch by batch, then answer."""
    app = courier()
    reader = app.push_reader
    try:
        pushed = reader.open(request.stream, request.content_length)
        if not _credentials_ok(pushed.username, pushed.password):
            raise PushRefused(Refusal.UNAUTHENTICATED, "authentication failed")
        schedule = app.poll_policy().schedule
        acks = [
            acknowledge_pushed_batch(app.uow(), app.clock, batch, schedule)
            for batch in pushed.batches()
        ]
    except PushRefused as refused:
        log.info("push refused: %s", refused)
        return Response(reader.refusal(refused), status=500, content_type=XML)
    return Response(reader.reply(acks), content_type=XML)
