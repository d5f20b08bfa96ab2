"""Public tracking pages: the lookup form `/track` and the page a label's QR code opens."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from courier.app.errors import status_of
from courier.app.public_api import lookup, waybill_lookup
from courier.domain.errors import DomainError, ValidationFailed
from courier.domain.local_time import CHINA_TIME
from courier.domain.text import Text
from courier.services.public_tracking import CaseTrack

tracking_page = Blueprint("tracking", __name__)

FIELD_LABELS = {
    "waybill_no": Text("运单号"),
    "case_number": Text("办件编号"),
    "phone_tail": Text("手机号码后四位"),
}
LOOKUP_FIELDS = tuple(FIELD_LABELS)


@tracking_page.get("/t/<waybill_no>")
def track(waybill_no: str) -> str:
    return render_template("track.html", track=waybill_lookup(waybill_no), tz=CHINA_TIME)


@tracking_page.get("/track")
def lookup_page() -> str:
    return _page({})


@tracking_page.post("/track")
def lookup_post() -> tuple[str, int]:
    # Only what the form asks for: the posted number and tail never appear in a URL.
    asked = {key: request.form[key] for key in LOOKUP_FIELDS if request.form.get(key)}
    try:
        found = lookup(asked)
    except DomainError as error:
        fields = error.errors if isinstance(error, ValidationFailed) else {}
        return _page(asked, error=error.message, fields=fields), status_of(error)
    if isinstance(found, CaseTrack):
        return _page(asked, case=found), 200
    return _page(asked, leg=found), 200


def _page(asked: dict[str, str], **shown: object) -> str:
    # The tail is never sent back into the form.
    kept = {k: v for k, v in asked.items() if k != "phone_tail"}
    return render_template(
        "track_lookup.html", asked=kept, labels=FIELD_LABELS, tz=CHINA_TIME, **shown
    )
