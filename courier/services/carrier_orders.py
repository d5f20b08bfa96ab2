"""Translate a leg into the carrier's order, and the carrier's answer into routing data."""

from __future__ import annotations

from courier.domain.identifiers import is_mobile
from courier.domain.leg import Leg, Routing
from courier.domain.places import Party
from courier.ports.carrier import (
    CargoLine,
    CarrierBooking,
    CarrierParty,
    InsuranceFlag,
    OrderRequest,
    PaymentMode,
    PickupType,
)

DOCUMENTS = CargoLine("文件")  # said as is: the carrier reads Chinese


def carrier_party(party: Party) -> CarrierParty:
    address = party.address
    mobile = is_mobile(party.phone)
    return CarrierParty(
        name=party.name,
        mobile=party.phone if mobile else "",
        phone="" if mobile else party.phone,
        prov=address.province,
        city=address.city,
        county=address.county,
        address=address.street,
        post_code=address.postcode,
        company=party.organization,
    )


def order_request(leg: Leg, case_number: str) -> OrderRequest:
    """Build CreateOrder for a leg; the remark carries only the case number, no personal data."""
    insured = leg.insured_value is not None
    return OrderRequest(
        logistics_order_no=leg.order_no,
        sender=carrier_party(leg.sender),
        receiver=carrier_party(leg.receiver),
        customer_no=leg.customer_no,
        biz_product_no=leg.biz_product_no,
        weight_grams=leg.weight_grams,
        insurance_flag=InsuranceFlag.DECLARED_VALUE if insured else InsuranceFlag.BASIC,
        insurance_amount=leg.insured_value,
        payment_mode=PaymentMode(leg.payment_mode),
        pickup_type=PickupType(leg.pickup_type),
        pickup_start=leg.pickup_start,
        pickup_end=leg.pickup_end,
        receipt_flag=leg.receipt_flag,
        remark=f"办件 {case_number}",  # said as is: the carrier reads Chinese
        cargo=tuple(CargoLine(m.name, m.copies) for m in leg.materials) or (DOCUMENTS,),
    )


def routing_of(booking: CarrierBooking) -> Routing:
    return Routing(
        route_code=booking.route_code,
        package_code=booking.package_code,
        package_code_name=booking.package_code_name,
        mark_destination_code=booking.mark_destination_code,
        mark_destination_name=booking.mark_destination_name,
    )
