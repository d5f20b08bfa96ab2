"""The public tracking page a label's QR code opens (no account needed)."""

from __future__ import annotations

from flask import Blueprint, render_template

from courier.app.context import courier
from courier.domain.local_time import CHINA_TIME
from courier.services.public_tracking import track_waybill

tracking_page = Blueprint("tracking", __name__)


@tracking_page.get("/t/<waybill_no>")
def track(waybill_no: str) -> str:
    track_view = track_waybill(courier().uow(), waybill_no)
    return render_template("track.html", track=track_view, tz=CHINA_TIME)
