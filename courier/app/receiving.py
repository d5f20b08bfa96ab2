"""The receiving desk: scan a parcel addressed to us, tick off its materials, confirm."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from courier.app.auth import current_account_id, page_login_required
from courier.app.context import courier
from courier.domain.errors import DomainError, InvalidValue, NotFound, ValidationFailed
from courier.domain.leg import Leg
from courier.domain.promise import expected_delivery
from courier.domain.receipt import MATERIAL_STATE_NAMES
from courier.domain.text import Text
from courier.services import receipts
from courier.services.receipts import Arrival, ConfirmReceipt

receiving = Blueprint("receiving", __name__, url_prefix="/receive")
CHOOSE = Text("请选择该材料的情况：已收到、缺失或损坏。")


def _me() -> int:
    account_id = current_account_id()
    assert account_id is not None
    return account_id


def _desk(message: str = "", done: str = "", status: int = 200) -> tuple[str, int]:
    legs = receipts.incoming(courier().uow(), _me())
    rows = [(leg, expected_delivery(leg)) for leg in legs]
    page = render_template("receive.html", rows=rows, message=message, done=done)
    return page, status


@receiving.get("")
@page_login_required
def page() -> tuple[str, int]:
    return _desk(done=request.args.get("confirmed", "")[:20])


@receiving.get("/scan")
@page_login_required
def scan() -> Response | tuple[str, int]:
    scanned = request.args.get("waybill_no", "").strip()
    try:
        arrival = receipts.open_arrival(courier().uow(), _me(), scanned, shown=False)
    except (NotFound, InvalidValue) as quiet:
        return _desk(message=quiet.message)
    return redirect(url_for("receiving.arrival", waybill_no=arrival.leg.waybill_no))


@receiving.get("/<waybill_no>")
@page_login_required
def arrival(waybill_no: str) -> tuple[str, int]:
    try:
        found = receipts.open_arrival(courier().uow(), _me(), waybill_no)
    except (NotFound, InvalidValue) as quiet:
        return _desk(message=quiet.message)
    return _form(found, {}, {})


@receiving.post("/<waybill_no>")
@page_login_required
def confirm(waybill_no: str) -> Response | tuple[str, int]:
    app = courier()
    try:
        found = receipts.open_arrival(app.uow(), _me(), waybill_no, shown=False)
    except (NotFound, InvalidValue) as quiet:
        return _desk(message=quiet.message, status=404)
    try:
        command = ConfirmReceipt.parse(_receipt_data(found.leg))
        receipts.confirm_receipt(app.uow(), _me(), waybill_no, command, app.clock)
    except DomainError as refused:  # the form shown again is a view of the parcel
        return _refused(receipts.open_arrival(app.uow(), _me(), waybill_no), refused)
    return redirect(url_for("receiving.page", confirmed=found.leg.waybill_no))


def _receipt_data(leg: Leg) -> dict[str, Any]:
    """Read one state per material of the leg (in the leg's order) and the note."""
    items = [
        {"material_id": m.id, "state": request.form.get(f"state-{m.id}", "")} for m in leg.materials
    ]
    return {"items": items, "note": request.form.get("note", "")}


def _refused(found: Arrival, error: DomainError) -> tuple[str, int]:
    """Show the form again with the offending materials (or the note) marked."""
    fields = error.errors if isinstance(error, ValidationFailed) else {}
    by_material: dict[int | None, str] = {}
    for key in fields:
        parts = key.split(".")
        if parts[0] == "items" and len(parts) > 1 and parts[1].isdigit():
            index = int(parts[1])
            if index < len(found.leg.materials):
                by_material.setdefault(found.leg.materials[index].id, CHOOSE)
    others = {k: v for k, v in fields.items() if not k.startswith("items.")}
    message = error.message if not fields or others.get("items") is None else others["items"]
    page, _ = _form(found, by_material, others, message)
    return page, 422 if isinstance(error, ValidationFailed | InvalidValue) else 409


def _form(
    found: Arrival,
    by_material: dict[int | None, str],
    others: dict[str, str],
    message: str = "",
) -> tuple[str, int]:
    page = render_template(
        "receive_leg.html",
        arrival=found,
        expected=expected_delivery(found.leg),
        states=MATERIAL_STATE_NAMES,
        chosen=request.form,
        material_errors=by_material,
        errors=others,
        message=message,
    )
    return page, 200
