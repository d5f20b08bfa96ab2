"""Every answer the API gives in a working day validates against its documented model.

The answer models refuse unknown keys, so a key added to `present.py` without the model
(or a key dropped from it) fails here, not in a client.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from pydantic import ValidationError
from werkzeug.test import TestResponse

from courier.app.answers import LegAnswer
from courier.bootstrap import Courier
from courier.demo import HALLS
from tests.integration.app.conftest import basic
from tests.integration.app.documented_answers import check_documented
from tests.integration.app.test_api import new_case
from tests.receipt_support import originals_confirmed

WINDOW = basic("bj-window")
ADMIN = basic("admin")
CASE = "BJDC2026112699998"


class Caller:
    """Call the API through the test client and check every answer against the document."""

    def __init__(self, app: Flask, client: FlaskClient) -> None:
        self.app, self.client = app, client

    def __call__(self, method: str, path: str, **kwargs: Any) -> TestResponse:
        response = self.client.open(path, method=method, **kwargs)
        check_documented(self.app, method, path, response)
        response.close()
        return response


def seeded_cases(call: Caller) -> list[dict[str, Any]]:
    return call("GET", "/api/v1/cases", headers=ADMIN).json["cases"]  # type: ignore[no-any-return]


@pytest.fixture
def call(flask_app: Flask, client: FlaskClient) -> Caller:
    return Caller(flask_app, client)


def test_a_window_day_answers_as_documented(call: Caller) -> None:
    assert call("GET", "/api/v1/cases", headers=WINDOW).status_code == 200
    assert call("POST", "/api/v1/cases", json=new_case(CASE), headers=WINDOW).status_code == 201
    material = {"name": "补充说明", "pages": 2}
    assert (
        call("POST", f"/api/v1/cases/{CASE}/materials", json=material, headers=WINDOW).status_code
        == 201
    )
    leg = call("POST", f"/api/v1/cases/{CASE}/legs", json={"kind": "originals"}, headers=WINDOW)
    assert leg.status_code == 201
    leg_id = leg.json["id"]
    for path in (f"/api/v1/legs/{leg_id}", f"/api/v1/legs/{leg_id}/carrier-calls"):
        assert call("GET", path, headers=WINDOW).status_code == 200
    assert call("GET", f"/api/v1/legs/{leg_id}/label.pdf", headers=WINDOW).status_code == 200
    labels = {"leg_ids": [leg_id], "size": "100x180"}
    assert call("POST", "/api/v1/labels", json=labels, headers=WINDOW).status_code == 200
    assert call("POST", f"/api/v1/legs/{leg_id}/retry", headers=WINDOW).status_code == 409
    handover = call("POST", "/api/v1/handovers", json={"leg_ids": [leg_id]}, headers=WINDOW)
    assert handover.status_code == 201
    assert call("GET", handover.json["list"], headers=WINDOW).status_code == 200


def test_cancelling_and_advancing_answer_as_documented(call: Caller, wired: Courier) -> None:
    call("POST", "/api/v1/cases", json=new_case(CASE), headers=WINDOW)
    leg_id = call(
        "POST", f"/api/v1/cases/{CASE}/legs", json={"kind": "originals"}, headers=WINDOW
    ).json["id"]
    cancelled = call(
        "POST", f"/api/v1/legs/{leg_id}/cancel", json={"reason": "申请人撤回"}, headers=WINDOW
    )
    assert cancelled.status_code == 200 and cancelled.json["status"] == "cancelled"
    review = {"status": "in_review"}
    department = basic("hz-minzheng")
    refused = call("POST", f"/api/v1/cases/{CASE}/status", json=review, headers=department)
    assert refused.status_code == 409 and "原件尚未寄出" in refused.json["error"]["message"]
    originals_confirmed(wired, CASE, "hz-minzheng")  # booked again, arrived and confirmed
    advanced = call("POST", f"/api/v1/cases/{CASE}/status", json=review, headers=department)
    assert advanced.status_code == 200 and advanced.json["status"] == "in_review"


def test_administrators_answers_are_documented(call: Caller) -> None:
    for path in ("/api/v1/halls", "/api/v1/departments", "/api/v1/tracking/quarantine"):
        assert call("GET", path, headers=ADMIN).status_code == 200
    hall = copy.deepcopy(HALLS[0]) | {"code": "BJ-XC", "name": "北京市西城区政务服务中心"}
    assert call("POST", "/api/v1/halls", json=hall, headers=ADMIN).status_code == 201
    assert call("POST", "/api/v1/halls", json=hall, headers=WINDOW).status_code == 403
    assert call("POST", "/api/v1/departments", json={}, headers=ADMIN).status_code == 422
    account = {
        "username": "bj-xc",
        "password": "long-enough-1",
        "role": "hall_staff",
        "display_name": "西城窗口",
        "hall_code": "BJ-XC",
    }
    assert call("POST", "/api/v1/accounts", json=account, headers=ADMIN).status_code == 201


def test_public_lookups_answer_as_documented(call: Caller) -> None:
    legs = [leg for case in seeded_cases(call) for leg in case["legs"]]
    waybill = next(leg["waybill_no"] for leg in legs if leg["waybill_no"])
    found = call("POST", "/api/v1/public/track", json={"waybill_no": waybill})
    assert found.status_code == 200 and "leg" in found.json
    asked = {"case_number": "HZXH2026112600003", "phone_tail": "2233"}
    by_case = call("POST", "/api/v1/public/track", json=asked)
    assert by_case.status_code == 200 and by_case.json["milestones"]
    assert call("POST", "/api/v1/public/track", json={}).status_code == 422


def test_errors_answer_with_the_documented_shape(call: Caller) -> None:
    assert call("GET", "/api/v1/cases").status_code == 401
    assert call("GET", "/api/v1/cases/NOPE0000", headers=WINDOW).status_code == 404
    assert call("POST", "/api/v1/cases", data="x", headers=WINDOW).status_code == 415
    assert (
        call(
            "POST", "/api/v1/cases", data="{", content_type="application/json", headers=WINDOW
        ).status_code
        == 400
    )
    assert call("POST", "/api/v1/cases", json={"case_number": 1}, headers=WINDOW).status_code == 422


def test_an_answer_with_a_key_the_model_does_not_name_is_refused(call: Caller) -> None:
    leg = next(leg for case in seeded_cases(call) for leg in case["legs"])
    LegAnswer.model_validate(leg)
    drifted = {**leg, "courier_internal_note": "x"}
    with pytest.raises(ValidationError, match="courier_internal_note"):
        LegAnswer.model_validate(drifted)
