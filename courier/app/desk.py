"""The sending desk page: pick booked parcels, print their labels, hand them over."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request
from werkzeug.wrappers import Response

from courier.app.audit_trail import listed_numbers
from courier.app.auth import current_account_id, page_login_required
from courier.app.context import courier
from courier.app.printing import pdf
from courier.domain.errors import InvalidValue
from courier.domain.text import Text
from courier.ports.labels import LABEL_SIZES
from courier.services import labels as printing
from courier.services.desk import parcels_to_send

desk = Blueprint("desk", __name__, url_prefix="/desk")


def _me() -> int:
    account_id = current_account_id()
    assert account_id is not None
    return account_id


def _chosen() -> list[int]:
    values = request.form.getlist("leg_id")
    if not values or not all(v.isdigit() for v in values):
        raise InvalidValue(Text("请先勾选要处理的邮件。"), "leg_ids")
    return printing.leg_ids([int(v) for v in values])


@desk.get("")
@page_login_required
def page() -> str:
    parcels = parcels_to_send(courier().uow(), _me())
    page = render_template("desk.html", parcels=parcels, sizes=LABEL_SIZES)
    listed_numbers([(p.leg.case_id, p.case_number) for p in parcels], Text("寄递台"))
    return page


@desk.post("/labels")
@page_login_required
def labels() -> Response:
    app, size = courier(), request.form.get("size")
    document = printing.print_labels(
        app.uow(), app.labels, _me(), _chosen(), size, app.clock, app.settings.public_base_url
    )
    return pdf(document, "labels.pdf")


@desk.post("/handover")
@page_login_required
def handover() -> Response:
    app = courier()
    handover_id = printing.record_handover(app.uow(), _me(), _chosen(), app.clock)
    return redirect(f"/api/v1/handovers/{handover_id}/list.pdf")
