"""The push endpoint of the EMS open platform (040002): an encrypted form, JSON answers."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, request

from courier.app.context import courier
from courier.carrier_wiring import ems_push_reader_for
from courier.ports.push import PushRefused
from courier.services.tracking import acknowledge_pushed_batch

log = logging.getLogger(__name__)
ems_open_push = Blueprint("carrier_push_ems_open", __name__)

EMS_PUSH_PATH = "/carrier/ems-open/push"
JSON = "application/json; charset=utf-8"


@ems_open_push.post(EMS_PUSH_PATH)
def push() -> Response:
    """Authenticate and read the push, store batch by batch, then answer."""
    app = courier()
    reader = ems_push_reader_for(app.settings)
    try:
        batches = reader.batches(request.form)
        acks = [acknowledge_pushed_batch(app.uow(), app.clock, batch) for batch in batches]
    except PushRefused as refused:
        log.info("push refused: %s", refused.refusal)
        return Response(reader.refusal(refused), content_type=JSON)
    return Response(reader.reply(acks), content_type=JSON)
