"""Plain JSON views of domain objects in the reader's words; personal data leaves only masked."""

from __future__ import annotations

from typing import Any

from courier.app.i18n import say
from courier.domain.accounts import Account
from courier.domain.booking_options import options_line
from courier.domain.case import CASE_STATUS_NAMES, Case
from courier.domain.extra_waybills import EXTRA_WAYBILL_STATUS_NAMES, ExtraWaybill
from courier.domain.leg import LEG_KIND_NAMES, STATUS_NAMES, Leg
from courier.domain.masking import mask_address, mask_name, mask_phone
from courier.domain.materials import Material
from courier.domain.organizations import Organization
from courier.domain.places import Address, Party
from courier.domain.promise import (
    DISTANCE_NAMES,
    distance_between,
    expected_delivery,
    leg_promised_days,
    on_time,
    transit_time,
)
from courier.domain.result_handover import ResultHandover
from courier.domain.text import Text
from courier.services.accounts import StaffAccount


def say_kept(stored: str | None) -> str | None:
    """Say a stored sentence in the reader's language when it is one of the catalogue's keys."""
    return say(Text(stored)) if stored else stored


def address_json(address: Address | None, masked: bool = True) -> dict[str, str] | None:
    if address is None:
        return None
    street = mask_address(address.street) if masked else address.street
    return {
        "province": address.province,
        "city": address.city,
        "county": address.county,
        "county_code": address.county_code,
        "street": street,
        "postcode": address.postcode,
    }


def party_json(party: Party) -> dict[str, Any]:
    return {
        "name": mask_name(party.name),
        "phone": mask_phone(party.phone),
        "organization": party.organization,
        "address": address_json(party.address),
    }


def leg_json(leg: Leg) -> dict[str, Any]:
    return {
        "id": leg.id,
        "kind": leg.kind.value,
        "kind_name": say(LEG_KIND_NAMES[leg.kind]),
        "order_no": leg.order_no,
        "waybill_no": leg.waybill_no,
        "status": leg.status.value,
        "status_name": say(STATUS_NAMES[leg.status]),
        "product": leg.biz_product_no,
        "weight_grams": leg.weight_grams,
        "insured_value": str(leg.insured_value) if leg.insured_value is not None else None,
        "sender": party_json(leg.sender),
        "receiver": party_json(leg.receiver),
        "materials": [material_json(m) for m in leg.materials],
        "materials_count": leg.materials_count,
        "routing": vars(leg.routing) if leg.waybill_no else None,
        "booked_at": leg.booked_at.isoformat() if leg.booked_at else None,
        "last_error": say_kept(leg.last_error) or None,
        "tracking_note": say_kept(leg.tracking_note) or None,
        "tracked_at": leg.tracked_at.isoformat() if leg.tracked_at else None,
        "reconcile_after": leg.reconcile_after.isoformat() if leg.reconcile_after else None,
        "extra_waybills": [extra_waybill_json(e) for e in leg.extra_waybills],
        "next_poll_at": leg.next_poll_at.isoformat() if leg.next_poll_at else None,
        "exception_reason": say_kept(leg.exception_reason),
        "exception_at": leg.exception_at.isoformat() if leg.exception_at else None,
        "handed_over_at": leg.handed_over_at.isoformat() if leg.handed_over_at else None,
        "collected_at": leg.collected_at.isoformat() if leg.collected_at else None,
        **leg_options(leg),
        **leg_promise(leg),
    }


def leg_options(leg: Leg) -> dict[str, Any]:
    """Return how the carrier gets the leg, and who pays."""
    return {
        "pickup_type": leg.pickup_type,
        "pickup_start": leg.pickup_start.isoformat() if leg.pickup_start else None,
        "pickup_end": leg.pickup_end.isoformat() if leg.pickup_end else None,
        "receipt_flag": leg.receipt_flag,
        "payment_mode": leg.payment_mode,
        "options_line": say(options_line(leg)),
    }


def leg_promise(leg: Leg) -> dict[str, Any]:
    """Return the carrier's promise for a leg and, once delivered, whether it kept it."""
    expected = expected_delivery(leg)
    transit = transit_time(leg)
    distance = distance_between(leg.sender.address, leg.receiver.address)
    return {
        "distance": distance.value,
        "distance_name": say(DISTANCE_NAMES[distance]),
        "promised_days": leg_promised_days(leg),
        "expected_delivery": expected.isoformat() if expected else None,
        "transit_hours": round(transit.total_seconds() / 3600, 1) if transit else None,
        "on_time": on_time(leg),
    }


def extra_waybill_json(extra: ExtraWaybill) -> dict[str, Any]:
    return {
        "waybill_no": extra.waybill_no,
        "status": extra.status.value,
        "status_name": say(EXTRA_WAYBILL_STATUS_NAMES[extra.status]),
        "attempts": extra.attempts,
        "last_error": extra.last_error or None,
        "needs_manual_void": extra.needs_manual_void,
        "advice": say(extra.advice) or None,
    }


def material_json(material: Material) -> dict[str, Any]:
    return {
        "id": material.id,
        "name": material.name,
        "original": material.original,
        "pages": material.pages,
        "copies": material.copies,
    }


def case_json(case: Case) -> dict[str, Any]:
    applicant = case.applicant
    return {
        "case_number": case.case_number,
        "matter_name": case.matter_name,
        "status": case.status.value,
        "status_name": say(CASE_STATUS_NAMES[case.status]),
        "result_delivery": case.result_delivery.value,
        "notify_applicant": case.notify_applicant,
        "applicant": {
            "name": mask_name(applicant.name),
            "mobile": mask_phone(applicant.mobile),
            "id_number": applicant.id_number[:1] + "*" * 16 + applicant.id_number[-1:],
            "address": address_json(applicant.address),
        },
        "hall_id": case.hall_id,
        "department_id": case.department_id,
        "materials": [material_json(m) for m in case.materials],
        "legs": [leg_json(leg) for leg in case.legs],
        "created_at": case.created_at.isoformat() if case.created_at else None,
        "result_handover": handover_json(case.result_handover),
    }


def handover_json(handover: ResultHandover | None) -> dict[str, Any] | None:
    if handover is None:
        return None
    return {
        "collector": handover.collector.value,
        "collector_name": mask_name(handover.collector_name) if handover.collector_name else "",
        "identity_checked": handover.identity_checked,
        "handed_over_at": handover.handed_over_at.isoformat(),
    }


def organization_json(item: Organization) -> dict[str, Any]:
    return {
        "id": item.id,
        "code": item.code,
        "name": item.name,
        "address": address_json(item.address, masked=False),
        "contact_name": item.contact_name,
        "contact_phone": mask_phone(item.contact_phone),
        "carrier_account": {
            "customer_no": item.carrier_account.customer_no,
            "biz_product_no": item.carrier_account.biz_product_no,
            "payment_mode": item.carrier_account.payment_mode.value,
            "receipt_flag": item.carrier_account.receipt_flag,
            "result_receiver_pays": item.carrier_account.result_receiver_pays,
            "pickup_type": item.carrier_account.pickup_mode.value,
        },
        "active": item.active,
    }


def account_json(account: Account) -> dict[str, Any]:
    return {
        "id": account.id,
        "username": account.username,
        "display_name": account.display_name,
        "role": account.role.value,
        "hall_id": account.hall_id,
        "department_id": account.department_id,
    }


def call_json(call: dict[str, Any]) -> dict[str, Any]:
    """A recorded carrier call; its bodies were redacted before they were stored."""
    started = call["started_at"]
    return {
        **{k: call[k] for k in ("operation", "outcome", "duration_ms", "error_code")},
        "error_message": call["error_message"] or None,
        "started_at": started.isoformat() if hasattr(started, "isoformat") else started,
        "request_xml": call["request_xml"],
        "response_xml": call["response_xml"],
    }


def staff_account_json(listed: StaffAccount) -> dict[str, Any]:
    account, office = listed.account, listed.office
    return {
        "id": account.id,
        "username": account.username,
        "display_name": account.display_name,
        "role": account.role.value,
        "hall_code": office.code if office and account.hall_id is not None else None,
        "department_code": office.code if office and account.department_id is not None else None,
        "active": account.active,
        "last_sign_in_at": last.isoformat() if (last := listed.last_sign_in_at) else None,
    }
