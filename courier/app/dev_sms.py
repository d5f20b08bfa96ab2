"""/dev/sms: the texts the embedded default would have sent, for administrators only."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from courier.app.api import require_admin
from courier.app.auth import page_login_required
from courier.app.context import courier

dev_sms = Blueprint("dev_sms", __name__, url_prefix="/dev")


@dev_sms.get("/sms")
@page_login_required
def outbox() -> str:
    outbox = courier().sms_outbox()
    if outbox is None:
        abort(404)  # a real gateway (or none): there is no outbox to show
    require_admin()
    return render_template("dev_sms.html", texts=outbox.kept())
