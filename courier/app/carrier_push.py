"""The push endpoint the carrier posts tracking batches to (SOAP, WS-Security)."""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, request

from courier.app.context import courier
from courier.ports.carrier import TraceEvent
from courier.services.tracking import store_pushed_batch
from integrations.carrier.push_endpoint import handle_push, push_wsdl

carrier_push = Blueprint("carrier_push", __name__)

XML = "text/xml; charset=utf-8"


def _credentials_ok(username: str, password: str) -> bool:
    settings = courier().settings
    return hmac.compare_digest(username.encode(), settings.push_username.encode()) and (
        hmac.compare_digest(password.encode(), settings.push_password.encode())
    )


def _store(serial_no: str, events: list[TraceEvent]) -> None:
    app = courier()
    store_pushed_batch(app.uow(), app.clock, serial_no, events)


@carrier_push.get("/carrier/push")
def wsdl() -> Response:
    return Response(push_wsdl(request.base_url), content_type=XML)


@carrier_push.post("/carrier/push")
def push() -> Response:
    status, body = handle_push(request.get_data(cache=False), _credentials_ok, _store)
    return Response(body, status=status, content_type=XML)
