"""Administrators' view of pushed tracking events that could not be stored."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from courier.app.answers import QuarantineList
from courier.app.api import require_admin
from courier.app.auth import api_login_required
from courier.app.context import courier
from courier.app.openapi import documented
from courier.domain.text import Text
from courier.services.tracking import quarantined_events

tracking_admin = Blueprint("tracking_admin", __name__, url_prefix="/api/v1/tracking")


@tracking_admin.get("/quarantine")
@documented(Text("查看无法入库的推送轨迹"), answers={200: QuarantineList}, admin=True)
@api_login_required
def quarantine() -> Response:
    require_admin()
    events = quarantined_events(courier().uow())
    return jsonify(
        {
            "quarantine": [
                {
                    "serial_no": e.serial_no,
                    "raw": e.raw,
                    "reason": e.reason,
                    "received_at": e.received_at.isoformat(),
                }
                for e in events
            ]
        }
    )
