"""What applicants may see without an account: legs, steps and events, never a person."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from courier.domain import text
from courier.domain.booking_options import collection_notice
from courier.domain.case import RESULT_DELIVERY_NAMES
from courier.domain.case_history import said_reason
from courier.domain.errors import NotFound, ValidationFailed
from courier.domain.leg import AWAITING_BOOKING, LEG_KIND_NAMES, STATUS_NAMES, LegKind, LegStatus
from courier.domain.milestones import Milestone, milestones
from courier.domain.places import Party
from courier.domain.waybill import normalize_waybill_no
from courier.ports.carrier import TraceEvent
from courier.ports.public_reads import LegRecord, PublicReads
from courier.services.commands import Command, ShortText, Text

# One answer for an unknown case, a wrong tail and a locked-out case number alike.
NO_MATCH = text.Text("未找到匹配的办件，请核对办件编号和手机号码后四位；多次不符需稍后再查。")


def _tail(value: str) -> str:
    if len(value) != 4 or not value.isascii() or not value.isdigit():
        raise PydanticCustomError(
            "courier_phone_tail", text.Text("应为手机号码后四位（4 位数字）。")
        )
    return value


class TrackLookup(Command):
    """Either a waybill number, or a case number with the applicant's mobile tail."""

    waybill_no: ShortText | None = None
    case_number: Annotated[Text, Field(max_length=40)] | None = None
    phone_tail: Annotated[Text, AfterValidator(_tail)] | None = None

    @property
    def by_case(self) -> bool:
        """Tell a case lookup from a waybill lookup, or refuse a lookup with neither."""
        if self.waybill_no:
            return False
        if self.case_number and self.phone_tail:
            return True
        missing = {
            "case_number": text.Text("请填写办件编号。"),
            "phone_tail": text.Text("请填写手机号码后四位。"),
        }
        given = {"case_number": self.case_number, "phone_tail": self.phone_tail}
        if not any(given.values()):
            missing = {"waybill_no": text.Text("请填写运单号，或办件编号和手机号码后四位。")}
        raise ValidationFailed({k: v for k, v in missing.items() if not given.get(k)})


@dataclass(frozen=True)
class PublicEvent:
    time: datetime
    text: str
    place: str


@dataclass(frozen=True)
class PublicLeg:
    kind: str
    kind_name: str
    waybill_no: str | None
    destination: str
    status: str
    status_name: str
    note: str
    expected_delivery: date | datetime | None
    events: list[PublicEvent]
    collection: str | None = None  # when the postman comes to the applicant's door


@dataclass(frozen=True)
class CaseTrack:
    case_number: str
    matter_name: str
    result_name: str
    milestones: list[Milestone]
    legs: list[PublicLeg]


def track_waybill(reads: PublicReads, waybill_no: str) -> PublicLeg:
    """Return the public view of one waybill, or NotFound."""
    number = normalize_waybill_no(waybill_no)
    leg = reads.leg_by_waybill(number)
    if leg is None:
        raise NotFound(text.Text("未找到该运单号。"), "waybill_no")
    return _public_leg(leg, reads.events_for([number]))


def track_case(reads: PublicReads, case_number: str, phone_tail: str, refuse: bool) -> CaseTrack:
    """Return every leg of the case whose applicant's mobile ends in phone_tail, or NotFound.

    A refused (locked-out) case number does the same hash and query, then answers like a miss.
    """
    case = reads.case_by_mobile_tail(case_number, phone_tail)
    if case is None or refuse:
        raise NotFound(NO_MATCH)
    events = reads.events_for([leg.waybill_no for leg in case.legs if leg.waybill_no])
    by_waybill: dict[str, list[TraceEvent]] = {}
    for event in events:
        by_waybill.setdefault(event.waybill_no, []).append(event)
    return CaseTrack(
        case.case_number,
        case.matter_name,
        RESULT_DELIVERY_NAMES[case.result_delivery],
        milestones(case.status, case.result_delivery, {leg.kind: leg.status for leg in case.legs}),
        [_public_leg(leg, by_waybill.get(leg.waybill_no or "", [])) for leg in case.legs],
    )


def _public_leg(leg: LegRecord, events: list[TraceEvent]) -> PublicLeg:
    return PublicLeg(
        leg.kind.value,
        LEG_KIND_NAMES[leg.kind],
        leg.waybill_no,
        _destination(leg.receiver),
        leg.status.value,
        STATUS_NAMES[leg.status],
        leg.tracking_note,
        leg.expected_delivery,
        [_public_event(e) for e in sorted(events, key=lambda e: e.op_time, reverse=True)],
        _collection(leg),
    )


# Until the postman has it, the applicant needs to know when to be at home.
_AWAITING_COLLECTION = AWAITING_BOOKING | {LegStatus.BOOKED}


def _collection(leg: LegRecord) -> str | None:
    """Tell the applicant sending a supplement when the postman collects it at their door."""
    if leg.kind is not LegKind.SUPPLEMENT or leg.status not in _AWAITING_COLLECTION:
        return None
    return collection_notice(leg.pickup_type, leg.pickup_start, leg.pickup_end)


def _destination(receiver: Party) -> str:
    """Name a hall or department receiver; a person only by province and city."""
    return receiver.organization or f"{receiver.address.province}{receiver.address.city}"


def _public_event(event: TraceEvent) -> PublicEvent:
    # Our words for the code, never the carrier's opDesc: it may quote who signed.
    return PublicEvent(event.op_time, said_reason(event), event.op_org_city or event.op_org_name)
