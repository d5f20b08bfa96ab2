"""Pure request builders: port values → the arguments of the contract's operations."""

from __future__ import annotations

from typing import Any

from courier.ports.carrier import CargoLine, CarrierParty, OrderRequest

Arguments = dict[str, Any]


def create_order(order: OrderRequest) -> Arguments:
    return {
        "logisticsOrderNo": order.logistics_order_no,
        "customerNo": order.customer_no or None,
        "bizProductNo": order.biz_product_no,
        "contentsAttribute": int(order.contents_attribute),
        "weight": order.weight_grams,
        "insuranceFlag": int(order.insurance_flag),
        "insuranceAmount": order.insurance_amount,
        "paymentMode": int(order.payment_mode),
        "pickupType": int(order.pickup_type),
        "pickupStartTime": order.pickup_start,
        "pickupEndTime": order.pickup_end,
        "receiptFlag": order.receipt_flag,
        "projectId": order.project_id or None,
        "remark": order.remark or None,
        "sender": party(order.sender),
        "receiver": party(order.receiver),
        "cargos": {"cargo": [cargo(line) for line in order.cargo]} if order.cargo else None,
    }


def party(person: CarrierParty) -> Arguments:
    return {
        "name": person.name,
        "mobile": person.mobile or None,
        "phone": person.phone or None,
        "postCode": person.post_code or None,
        "prov": person.prov,
        "city": person.city,
        "county": person.county,
        "address": person.address,
        "company": person.company or None,
    }


def place(person: CarrierParty) -> Arguments:
    return {
        "prov": person.prov,
        "city": person.city,
        "county": person.county or None,
        "address": person.address or None,
    }


def cargo(line: CargoLine) -> Arguments:
    return {"cargoName": line.name, "cargoQuantity": line.quantity}


def cancel_order(logistics_order_no: str, waybill_no: str, reason: str) -> Arguments:
    return {"logisticsOrderNo": logistics_order_no, "waybillNo": waybill_no, "cancelReason": reason}


def query_order(logistics_order_no: str) -> Arguments:
    return {"logisticsOrderNo": logistics_order_no}


def query_trace(waybill_nos: list[str]) -> Arguments:
    return {"waybillNo": list(waybill_nos)}


def parse_address(text: str) -> Arguments:
    return {"address": text}


def check_reachability(sender: CarrierParty, receiver: CarrierParty) -> Arguments:
    return {"sender": place(sender), "receiver": place(receiver)}
