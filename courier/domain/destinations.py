"""Where a new leg would go, said in words before it is booked (personal data masked)."""

from __future__ import annotations

from courier.domain.case import Case, ResultDelivery
from courier.domain.leg import LegKind
from courier.domain.masking import mask_address, mask_name
from courier.domain.places import Address


def _place(address: Address | None) -> str:
    if address is None:
        return ""
    return f"{address.province}{address.city}{address.county} {mask_address(address.street)}"


def destination_words(case: Case, kind: LegKind, hall_name: str, department_name: str) -> str:
    """Say where a leg of this kind goes for this case, from the applicant's choice."""
    applicant = f"申请人 {mask_name(case.applicant.name)} {_place(case.applicant.address)}".strip()
    if kind is LegKind.ORIGINALS:
        return f"由{hall_name}寄往{department_name}"
    if kind is LegKind.RESULT:
        if case.result_delivery is ResultDelivery.PICKUP_AT_HALL:
            return f"寄往受理大厅 {hall_name}，申请人到窗口领取（申请人选择大厅窗口自取）"
        return f"寄往{applicant}（申请人选择邮寄送达）"
    if kind is LegKind.ORIGINALS_RETURN:
        return f"由{department_name}退还{applicant}"
    return f"由申请人寄往受理大厅 {hall_name}"
