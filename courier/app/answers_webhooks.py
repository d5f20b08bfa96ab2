"""What the status-report endpoints API answers, as models (secrets only where shown once)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from courier.app.answers import Answer
from courier.domain.webhooks import DeliveryState


class EndpointAnswer(Answer):
    id: int
    url: str
    description: str
    event_types: list[str]
    enabled: bool
    disabled_reason: str
    created_at: datetime


class CreatedEndpointAnswer(EndpointAnswer):
    secret: str = Field(description="`whsec_…`: shown this once; stored encrypted.")


class EndpointList(Answer):
    endpoints: list[EndpointAnswer]


class RotatedSecretAnswer(Answer):
    id: int
    secret: str = Field(description="The new `whsec_…` secret, shown this once.")
    previous_secret_until: datetime = Field(description="Until then the old one signs too.")


class AttemptAnswer(Answer):
    message_id: str = Field(description="The report's webhook-id.")
    event_type: str
    attempted_at: datetime
    status_code: int | None
    error: str
    duration_ms: int


class AttemptList(Answer):
    attempts: list[AttemptAnswer]


class ReportedEventAnswer(Answer):
    id: int
    message_id: str
    event_type: str
    sequence: int
    recorded_at: datetime
    endpoint_id: int
    state: DeliveryState
    attempts: int
    last_status: int | None
    last_error: str


class ReportedEventList(Answer):
    events: list[ReportedEventAnswer]


class ReplayAnswer(Answer):
    id: int
    queued: int = Field(description="Deliveries queued again (same webhook-id).")
