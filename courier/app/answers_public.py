"""What the public tracking API answers: no names, phones or addresses, only progress."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import Field, RootModel

from courier.app.answers import Answer
from courier.domain.milestones import StepState


class PublicEventAnswer(Answer):
    time: datetime
    text: str
    place: str


class PublicLegAnswer(Answer):
    kind: str
    kind_name: str
    waybill_no: str | None
    destination: str
    status: str
    status_name: str
    note: str
    expected_delivery: datetime | date | None
    collection: str | None = Field(
        description="When the postman collects a supplement at the applicant's door."
    )
    events: list[PublicEventAnswer]


class PublicCaseAnswer(Answer):
    case_number: str
    matter_name: str
    result_delivery: str


class MilestoneAnswer(Answer):
    key: str
    name: str
    state: StepState


class WaybillTrack(Answer):
    leg: PublicLegAnswer


class CaseTrackAnswer(Answer):
    case: PublicCaseAnswer
    milestones: list[MilestoneAnswer]
    legs: list[PublicLegAnswer]


class TrackAnswer(RootModel[CaseTrackAnswer | WaybillTrack]):
    """A case lookup answers with the case; a waybill lookup with its one leg."""
