"""The receipt API: the receiving side confirms a parcel's materials by its waybill number."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from courier.app import present
from courier.app.answers import LegAnswer
from courier.app.api import body, me
from courier.app.auth import api_login_required
from courier.app.context import courier
from courier.app.openapi import documented
from courier.domain.text import Text
from courier.services import legs, receipts
from courier.services.receipts import ConfirmReceipt, ResolveDiscrepancy

receipt_api = Blueprint("receipt_api", __name__, url_prefix="/api/v1")

EXAMPLE = {
    "items": [
        {"material_id": 1, "state": "received"},
        {"material_id": 2, "state": "missing"},
    ],
    "note": "查档申请表未随件寄到",
}


@receipt_api.post("/legs/<waybill_no>/receipt")
@documented(
    Text("签收确认：逐项确认收到、缺失或损坏（仅收件单位；重复确认 409）"),
    request=ConfirmReceipt,
    answers={200: LegAnswer},
    errors=(409,),
    example=EXAMPLE,
)
@api_login_required
def confirm_receipt(waybill_no: str) -> Response:
    app, command = courier(), ConfirmReceipt.parse(body())
    arrival = receipts.confirm_receipt(app.uow(), me(), waybill_no, command, app.clock)
    return jsonify(present.leg_json(arrival.leg))


@receipt_api.post("/legs/<int:leg_id>/receipt/resolution")
@documented(
    Text("登记签收差异的处理结果（仅寄件方；已处理 409）"),
    request=ResolveDiscrepancy,
    answers={200: LegAnswer},
    errors=(409,),
    example={"resolution": "已补寄缺失的查档申请表"},
)
@api_login_required
def resolve_discrepancy(leg_id: int) -> Response:
    app, command = courier(), ResolveDiscrepancy.parse(body())
    receipts.resolve_discrepancy(app.uow(), me(), leg_id, command, app.clock)
    return jsonify(present.leg_json(legs.get_leg(app.uow(), me(), leg_id)))
