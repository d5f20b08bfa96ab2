"""Every step that matters becomes a numbered report in the same commit, without personal data."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from courier.domain.stuck import StuckThresholds
from courier.ports.carrier import CarrierOutcomeUnknown, TraceEvent
from courier.ports.clock import FixedClock
from courier.services.booking import book_leg
from courier.services.events import RELAY_JOB
from courier.services.polling import detect_stuck_legs
from courier.services.report_models import ReportData
from courier.services.tracking import record_tracking_events
from courier.services.webhooks import Subscribe, create_endpoint
from integrations.carrier.fake import FakeCarrier
from tests import factories
from tests.fakes import FakeUnitOfWork

# What a report may say; a new field must be added here on purpose, after checking it is no
# name, phone, address or ID number.
ALLOWED_KEYS = {
    "type", "timestamp", "data", "case_number", "sequence", "leg_id", "leg_kind", "waybill_no",
    "status", "reason", "occurred_at",
}  # fmt: skip


def booked_case() -> tuple[FakeUnitOfWork, FakeCarrier, FixedClock]:
    uow, carrier, clock = FakeUnitOfWork(), FakeCarrier(), FixedClock(factories.NOW)
    create_endpoint(uow, clock, Subscribe("http://case.example/hook", ["leg.booked"]), False)
    case = factories.case()
    case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    uow.cases.add(case)
    uow.commit()
    book_leg(uow, carrier, clock, 1)
    return uow, carrier, clock


def bodies(uow: FakeUnitOfWork) -> list[dict[str, Any]]:
    return [json.loads(entry.body) for entry in uow.outbox.entries]


def keys_of(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_of(v)}
    return set()


def test_booking_a_leg_reports_it_booked_as_the_case_s_first_report() -> None:
    uow, _, _ = booked_case()
    [report] = bodies(uow)
    assert report["type"] == "leg.booked" and report["data"]["sequence"] == 1
    assert report["data"]["case_number"] == "BJ2026112600001"
    assert report["data"]["waybill_no"] == uow.legs.get(1).waybill_no
    assert uow.outbox.deliveries == [(uow.outbox.entries[0].message_id, 1)]
    assert (RELAY_JOB, {}) in uow.tasks.sent


def test_tracking_changes_are_numbered_on_in_the_case_s_order() -> None:
    uow, _, clock = booked_case()
    waybill = uow.legs.get(1).waybill_no
    events = [TraceEvent(waybill, factories.NOW + timedelta(hours=h), c) for h, c in
              [(1, "203"), (5, "702"), (9, "704")]]  # fmt: skip
    record_tracking_events(uow, clock, events)
    reports = bodies(uow)
    assert [r["type"] for r in reports] == [
        "leg.booked", "leg.accepted", "leg.out_for_delivery", "leg.delivered"
    ]  # fmt: skip
    assert [r["data"]["sequence"] for r in reports] == [1, 2, 3, 4]
    assert len({e.message_id for e in uow.outbox.entries}) == 4
    assert len(uow.outbox.deliveries) == 1  # only leg.booked was subscribed to


def test_an_unknown_booking_outcome_is_reported_once() -> None:
    uow, carrier, clock = FakeUnitOfWork(), FakeCarrier(), FixedClock(factories.NOW)
    case = factories.case()
    case.plan_originals_leg(factories.hall(), factories.department(), factories.shipping())
    uow.cases.add(case)
    uow.commit()
    carrier.fail_next(CarrierOutcomeUnknown("timeout", "S01"))
    book_leg(uow, carrier, clock, 1)
    assert [r["type"] for r in bodies(uow)] == ["leg.booking_uncertain"]


def test_a_leg_newly_found_stuck_is_reported_with_its_reason_and_only_once() -> None:
    uow, _, _ = booked_case()
    later = FixedClock(factories.NOW + timedelta(days=2, hours=1))
    detect_stuck_legs(uow, later, StuckThresholds())
    detect_stuck_legs(uow, later, StuckThresholds())
    stuck = [r for r in bodies(uow) if r["type"] == "leg.stuck"]
    assert len(stuck) == 1 and "尚未揽收" in stuck[0]["data"]["reason"]


def test_no_report_carries_a_name_phone_address_or_id_number() -> None:
    uow, _, clock = booked_case()
    waybill = uow.legs.get(1).waybill_no
    record_tracking_events(uow, clock, [
        TraceEvent(waybill, factories.NOW + timedelta(hours=1), "203"),
        TraceEvent(waybill, factories.NOW + timedelta(hours=9), "704", deliver_code="20"),
    ])  # fmt: skip
    applicant, hall, department = factories.applicant(), factories.hall(), factories.department()
    personal = [
        applicant.name, applicant.mobile, applicant.id_number, "阳光小区", "人民路",
        hall.contact_name, hall.contact_phone, department.contact_name, "保俶路",
    ]  # fmt: skip
    assert len(uow.outbox.entries) == 3
    for entry in uow.outbox.entries:
        text = entry.body.decode()
        assert keys_of(json.loads(text)) <= ALLOWED_KEYS
        assert not [p for p in personal if p and p in text], text


def test_the_report_model_refuses_any_field_it_does_not_name() -> None:
    with pytest.raises(ValidationError):
        ReportData.model_validate({
            "case_number": "X", "sequence": 1, "leg_id": 1, "leg_kind": "result",
            "waybill_no": "", "status": "booked", "reason": "", "occurred_at": factories.NOW,
            "receiver_mobile": "13112341907",
        })  # fmt: skip
