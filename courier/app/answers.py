"""What the staff API answers, as models: the OpenAPI document and the tests read them.

Views still build plain dicts in `present.py`; the tests validate every answer against
these models (unknown keys are refused), so the document cannot drift from the code.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from courier.domain.case import CaseStatus, ResultDelivery
from courier.domain.extra_waybills import ExtraWaybillStatus
from courier.domain.leg import LegKind, LegStatus
from courier.domain.organizations import PaymentMode
from courier.domain.promise import Distance
from courier.domain.result_handover import Collector
from courier.domain.text import Text


class Answer(BaseModel):
    """A JSON object the API sends; a key it does not name is a drift, refused."""

    model_config = ConfigDict(extra="forbid")


class AddressAnswer(Answer):
    province: str
    city: str
    county: str
    county_code: str
    street: str = Field(description="Masked except for halls' and departments' own addresses.")
    postcode: str


class PartyAnswer(Answer):
    name: str = Field(description="Masked.")
    phone: str = Field(description="Masked.")
    organization: str
    address: AddressAnswer | None


class RoutingAnswer(Answer):
    route_code: str
    package_code: str
    package_code_name: str
    mark_destination_code: str
    mark_destination_name: str


class ExtraWaybillAnswer(Answer):
    waybill_no: str
    status: ExtraWaybillStatus
    status_name: str
    attempts: int
    last_error: str | None
    needs_manual_void: bool
    advice: str | None


class MaterialAnswer(Answer):
    id: int | None = Field(description="Named in a receipt's items.")
    name: str
    original: bool
    pages: int
    copies: int


class LegAnswer(Answer):
    id: int
    kind: LegKind
    kind_name: str
    order_no: str | None
    waybill_no: str | None
    status: LegStatus
    status_name: str
    product: str | None
    weight_grams: int
    insured_value: str | None = Field(description="Yuan, as a decimal string.")
    sender: PartyAnswer
    receiver: PartyAnswer
    materials: list[MaterialAnswer]
    materials_count: int
    routing: RoutingAnswer | None
    booked_at: datetime | None
    last_error: str | None
    tracking_note: str | None
    tracked_at: datetime | None
    reconcile_after: datetime | None
    extra_waybills: list[ExtraWaybillAnswer]
    next_poll_at: datetime | None
    exception_reason: str | None
    exception_at: datetime | None
    handed_over_at: datetime | None
    collected_at: datetime | None = Field(description="When the carrier collected it (203).")
    pickup_type: int = Field(description="0 drop at the counter, 1 door collection.")
    pickup_start: datetime | None
    pickup_end: datetime | None
    receipt_flag: bool = Field(description=Text("Signed return receipt (回单)."))
    payment_mode: PaymentMode
    options_line: str = Field(description="The options in words, as the case page shows them.")
    distance: Distance
    distance_name: str
    promised_days: int | None
    expected_delivery: date | None
    transit_hours: float | None
    on_time: bool | None


class ApplicantAnswer(Answer):
    name: str = Field(description="Masked.")
    mobile: str = Field(description="Masked.")
    id_number: str = Field(description="Masked: first and last character only.")
    address: AddressAnswer | None


class ResultHandoverAnswer(Answer):
    collector: Collector = Field(description="Who took the result: the applicant or an agent.")
    collector_name: str = Field(description="The agent's name, masked; empty for the applicant.")
    identity_checked: bool
    handed_over_at: datetime


class CaseAnswer(Answer):
    case_number: str
    matter_name: str
    status: CaseStatus
    status_name: str
    result_delivery: ResultDelivery
    applicant: ApplicantAnswer
    hall_id: int | None
    department_id: int | None
    materials: list[MaterialAnswer]
    legs: list[LegAnswer]
    created_at: datetime | None
    notify_applicant: bool = Field(description="Whether the applicant gets text messages.")
    result_handover: ResultHandoverAnswer | None = Field(
        default=None, description="The result handed over at the hall window (window pickup)."
    )


class CaseList(Answer):
    cases: list[CaseAnswer] = Field(description="One page, newest first.")
    total: int = Field(description="How many cases match, on every page.")
    page: int
    pages: int


class CarrierAccountAnswer(Answer):
    customer_no: str
    biz_product_no: str
    payment_mode: PaymentMode
    receipt_flag: bool = Field(description="Legs ask for signed return receipts by default.")
    result_receiver_pays: bool = Field(description="Results mailed to applicants: they pay.")
    pickup_type: int = Field(description="Default pickup: 0 counter drop-off, 1 door collection.")


class OrganizationAnswer(Answer):
    id: int
    code: str
    name: str
    address: AddressAnswer | None
    contact_name: str
    contact_phone: str = Field(description="Masked.")
    carrier_account: CarrierAccountAnswer
    active: bool = Field(description="A deactivated office is offered for no new case.")


class HallList(Answer):
    halls: list[OrganizationAnswer]


class DepartmentList(Answer):
    departments: list[OrganizationAnswer]


class Created(Answer):
    id: int


class HandoverCreated(Answer):
    id: int
    list: str = Field(description="Path of the handover list PDF.")


class CarrierCallAnswer(Answer):
    operation: str
    outcome: str
    duration_ms: int | None
    error_code: str | None
    error_message: str | None
    started_at: datetime | str | None
    request_xml: str | None = Field(description="Redacted before it was stored.")
    response_xml: str | None = Field(description="Redacted before it was stored.")


class CarrierCallList(Answer):
    calls: list[CarrierCallAnswer]


class QuarantinedEventAnswer(Answer):
    serial_no: str
    raw: str
    reason: str
    received_at: datetime


class QuarantineList(Answer):
    quarantine: list[QuarantinedEventAnswer]
