"""Where a new leg would go, said in words before it is booked (personal data masked)."""

from __future__ import annotations

from courier.domain.case import Case, ResultDelivery
from courier.domain.leg import LegKind
from courier.domain.masking import mask_address, mask_name
from courier.domain.places import Address
from courier.domain.text import Text


def _place(address: Address | None) -> str:
    if address is None:
        return ""
    return f"{address.province}{address.city}{address.county} {mask_address(address.street)}"


def destination_words(case: Case, kind: LegKind, hall_name: str, department_name: str) -> str:
    """Say where a leg of this kind goes for this case, from the applicant's choice."""
    if kind is LegKind.ORIGINALS:
        return Text("由{hall}寄往{department}", hall=hall_name, department=department_name)
    if kind is LegKind.RESULT:
        if case.result_delivery is ResultDelivery.PICKUP_AT_HALL:
            return Text(
                "寄往受理大厅 {hall}，申请人到窗口领取（申请人选择大厅窗口自取）", hall=hall_name
            )
        return Text("寄往{applicant}（申请人选择邮寄送达）", applicant=_applicant(case))
    if kind is LegKind.ORIGINALS_RETURN:
        return Text(
            "由{department}退还{applicant}", department=department_name, applicant=_applicant(case)
        )
    return Text("由申请人寄往受理大厅 {hall}", hall=hall_name)


def _applicant(case: Case) -> Text:
    """Name the applicant masked, with where they live when the case has their address."""
    name = mask_name(case.applicant.name)
    place = _place(case.applicant.address)
    if place:
        return Text("申请人 {name} {place}", name=name, place=place)
    return Text("申请人 {name}", name=name) if name else Text("申请人")
