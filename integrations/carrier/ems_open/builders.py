"""Pure request builders: port values → the platform's JSON bodies (always arrays)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from courier.ports.carrier import CargoLine, CarrierParty, OrderRequest
from integrations.carrier.ems_open.envelope import CHINA_STANDARD_TIME, TIMESTAMP_FORMAT

Body = list[dict[str, Any]]


def _present(fields: dict[str, Any]) -> dict[str, Any]:
    """Leave out what is not set, as the platform's optional fields are absent, not empty."""
    return {name: value for name, value in fields.items() if value not in (None, "")}


def _time(moment: datetime | None) -> str | None:
    """Say a moment as the platform reads it: China time; a naive one is taken as said."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(CHINA_STANDARD_TIME)
    return moment.strftime(TIMESTAMP_FORMAT)


def create_order(order: OrderRequest) -> Body:
    amount = order.insurance_amount
    fields = {
        "logisticsOrderNo": order.logistics_order_no,
        "customerNo": order.customer_no,
        "bizProductNo": order.biz_product_no,
        "contentsAttribute": int(order.contents_attribute),
        "weight": order.weight_grams,
        "insuranceFlag": int(order.insurance_flag),
        "insuranceAmount": str(amount) if amount is not None else None,
        "paymentMode": int(order.payment_mode),
        "pickupType": int(order.pickup_type),
        "pickupStartTime": _time(order.pickup_start),
        "pickupEndTime": _time(order.pickup_end),
        "receiptFlag": int(order.receipt_flag),
        "projectId": order.project_id,
        "remark": order.remark,
        "sender": party(order.sender),
        "receiver": party(order.receiver),
        "cargos": [cargo(line) for line in order.cargo] or None,
    }
    return [_present(fields)]


def party(person: CarrierParty) -> dict[str, Any]:
    return _present(
        {
            "name": person.name,
            "mobile": person.mobile,
            "phone": person.phone,
            "postCode": person.post_code,
            "prov": person.prov,
            "city": person.city,
            "county": person.county,
            "address": person.address,
            "company": person.company,
        }
    )


def place(person: CarrierParty) -> dict[str, Any]:
    return _present(
        {
            "prov": person.prov,
            "city": person.city,
            "county": person.county,
            "address": person.address,
        }
    )


def cargo(line: CargoLine) -> dict[str, Any]:
    return {"cargoName": line.name, "cargoQuantity": line.quantity}


def cancel_order(logistics_order_no: str, waybill_no: str, reason: str) -> Body:
    return [
        {"logisticsOrderNo": logistics_order_no, "waybillNo": waybill_no, "cancelReason": reason}
    ]


def query_order(logistics_order_no: str) -> Body:
    return [{"logisticsOrderNo": logistics_order_no}]


def query_trace(waybill_nos: list[str]) -> Body:
    return [{"waybillNo": number} for number in waybill_nos]


def parse_address(text: str) -> Body:
    return [{"address": text}]


def check_reachability(sender: CarrierParty, receiver: CarrierParty) -> Body:
    return [{"sender": place(sender), "receiver": place(receiver)}]
