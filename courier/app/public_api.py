"""Public tracking API: a waybill, or a case by its number and the applicant's mobile tail."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Response, current_app, jsonify
from flask.blueprints import BlueprintSetupState

from courier.app import openapi_examples as examples
from courier.app.answers_public import TrackAnswer
from courier.app.api import body
from courier.app.audit_trail import viewed
from courier.app.openapi import documented
from courier.app.security import client_address, public_lookups
from courier.bootstrap import Courier
from courier.domain.audit import AuditAction
from courier.domain.errors import NotFound
from courier.domain.local_time import local
from courier.domain.text import Text
from courier.domain.waybill import normalize_waybill_no
from courier.ports.public_reads import PublicReads
from courier.services.public_tracking import (
    CaseTrack,
    PublicLeg,
    TrackLookup,
    track_case,
    track_waybill,
)
from courier.storage.public_reads import SqlPublicReads

public_api = Blueprint("public_api", __name__, url_prefix="/api/v1/public")


@public_api.record_once
def _wire_reads(state: BlueprintSetupState) -> None:
    wired: Courier = state.app.extensions["courier"]
    state.app.extensions["courier_public_reads"] = SqlPublicReads(wired.engine)


def public_reads() -> PublicReads:
    return current_app.extensions["courier_public_reads"]  # type: ignore[no-any-return]


def waybill_lookup(waybill_no: str) -> PublicLeg:
    """Look up one waybill within the address's and the waybill's limits."""
    number = normalize_waybill_no(waybill_no)
    public_lookups().admit(client_address(), f"waybill:{number}")
    return track_waybill(public_reads(), number)


def lookup(data: Mapping[str, Any]) -> PublicLeg | CaseTrack:
    """Answer a waybill or a case lookup; misses and locked-out cases answer alike."""
    asked = TrackLookup.parse(data)
    if not asked.by_case:
        return waybill_lookup(str(asked.waybill_no))
    number, tail = str(asked.case_number), str(asked.phone_tail)
    guard = public_lookups()
    guard.admit(client_address(), f"case:{number}")
    locked = guard.locked(number)
    try:
        found = track_case(public_reads(), number, tail, refuse=locked)
    except NotFound:
        guard.missed(number)
        raise
    viewed(AuditAction.PUBLIC_LOOKUP, found.case_number)
    return found


@public_api.post("/track")
@documented(
    Text("公开查询：运单号，或办件编号加手机号后四位"),
    request=TrackLookup,
    answers={200: TrackAnswer},
    errors=(404, 429, 503),
    example=examples.TRACK,
    staff=False,
    tag="public",
)
def track() -> Response:
    found = lookup(body())
    if isinstance(found, CaseTrack):
        return jsonify(case_json(found))
    return jsonify({"leg": leg_json(found)})


def case_json(track: CaseTrack) -> dict[str, Any]:
    return {
        "case": {
            "case_number": track.case_number,
            "matter_name": track.matter_name,
            "result_delivery": track.result_name,
        },
        "milestones": [
            {"key": m.key, "name": m.name, "state": m.state.value} for m in track.milestones
        ],
        "legs": [leg_json(leg) for leg in track.legs],
    }


def leg_json(leg: PublicLeg) -> dict[str, Any]:
    expected = leg.expected_delivery
    return {
        "kind": leg.kind,
        "kind_name": leg.kind_name,
        "waybill_no": leg.waybill_no,
        "destination": leg.destination,
        "status": leg.status,
        "status_name": leg.status_name,
        "note": leg.note,
        "expected_delivery": expected.isoformat() if expected else None,
        "collection": leg.collection,
        "events": [
            {"time": local(e.time).isoformat(), "text": e.text, "place": e.place}
            for e in leg.events
        ],
    }
