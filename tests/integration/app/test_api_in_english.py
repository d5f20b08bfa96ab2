"""API answers in the caller's language (Accept-Language), Chinese by default; reports Chinese."""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from babel.support import Translations
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.domain.case import CASE_STATUS_NAMES, CaseStatus
from courier.domain.leg import LEG_KIND_NAMES, STATUS_NAMES, LegKind, LegStatus
from courier.ports.carrier import CarrierOutcomeUnknown, CarrierUnavailable
from courier.translations import CATALOGUE_DIR
from integrations.carrier.fake import FakeCarrier
from tests.english import chinese_words
from tests.integration.app.conftest import basic
from tests.receipt_support import RECEIVER, deliver_originals, material_ids

ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}
WINDOW = basic("bj-window")
CASE = "BJDC2026112600001"  # Beijing hall → Hangzhou civil affairs, originals planned
NO_LEG_YET = "BJDC2026112600002"  # the hall books its originals


def english(word: str) -> str:
    """Say a catalogue word as an English reader reads it."""
    return str(Translations.load(str(CATALOGUE_DIR), ["en"]).ugettext(word))


def words(answer: Any) -> str:
    """Return every string of a JSON answer, for `chinese_words` to read."""
    return json.dumps(answer, ensure_ascii=False)


def carrier_of(wired: Courier) -> FakeCarrier:
    carrier = wired.carrier_override
    assert isinstance(carrier, FakeCarrier)
    return carrier


def test_field_level_errors_are_said_in_english(client: FlaskClient) -> None:
    bad = {"kind": "parcel", "weight_grams": "heavy", "insured_value": "1.234"}
    answer = client.post(
        f"/api/v1/cases/{NO_LEG_YET}/legs", json=bad, headers={**WINDOW, **ENGLISH}
    )
    assert answer.status_code == 422
    error = answer.json["error"]
    assert error["code"] == "validation_failed"
    assert error["message"] == "Some details are wrong: please check the marked fields."
    assert error["fields"] == {
        "kind": "Must be one of: originals, result, originals_return, supplement.",
        "weight_grams": "Must be a whole number.",
        "insured_value": "The amount may have at most 2 decimal places.",
    }


def test_the_same_errors_stay_chinese_without_the_header(client: FlaskClient) -> None:
    bad = {"kind": "parcel", "weight_grams": "heavy"}
    answer = client.post(f"/api/v1/cases/{NO_LEG_YET}/legs", json=bad, headers=WINDOW)
    assert answer.status_code == 422
    assert answer.json["error"]["message"] == "提交的信息有误，请检查标出的字段。"
    assert answer.json["error"]["fields"] == {
        "kind": "应为以下之一：originals、result、originals_return、supplement。",
        "weight_grams": "应为整数。",
    }


def test_a_rule_refusal_is_said_in_english_and_in_chinese_by_default(client: FlaskClient) -> None:
    path = f"/api/v1/cases/{CASE}/legs"
    department = basic("hz-minzheng")  # a department does not send the hall's originals
    refused = client.post(path, json={"kind": "originals"}, headers={**department, **ENGLISH})
    assert refused.status_code == 409
    assert refused.json["error"] == {
        "code": "rule_violation",
        "message": "Your role cannot send this type of waybill.",
        "fields": {"kind": "Your role cannot send this type of waybill."},
    }
    chinese = client.post(path, json={"kind": "originals"}, headers=department)
    assert chinese.json["error"]["message"] == "您的岗位不能寄出这一类运单。"


def test_not_found_is_said_in_english(client: FlaskClient) -> None:
    case = client.get("/api/v1/cases/BJDC2099010100001", headers={**WINDOW, **ENGLISH})
    assert case.status_code == 404 and case.json["error"]["message"] == "No such case."
    path = client.get("/api/v1/nothing-here", headers={**WINDOW, **ENGLISH})
    assert path.status_code == 404 and path.json["error"]["message"] == "Not found."
    chinese = client.get("/api/v1/cases/BJDC2099010100001", headers=WINDOW)
    assert chinese.json["error"]["message"] == "未找到该办件。"


def test_the_public_lookup_refuses_in_the_callers_language(client: FlaskClient) -> None:
    lookup = {"case_number": CASE, "phone_tail": "12ab"}
    answer = client.post("/api/v1/public/track", json=lookup, headers=ENGLISH)
    assert answer.status_code == 422
    assert answer.json["error"]["fields"] == {
        "phone_tail": "Must be the last four digits of the mobile number (4 digits)."
    }
    assert chinese_words(words(answer.json)) == []


def test_a_carrier_outage_is_said_in_english(client: FlaskClient, wired: Courier) -> None:
    leg = client.get(f"/api/v1/cases/{CASE}", headers=WINDOW).json["legs"][0]
    carrier_of(wired).fail_next(CarrierUnavailable("connection refused"))
    down = client.post(f"/api/v1/legs/{leg['id']}/cancel", json={}, headers={**WINDOW, **ENGLISH})
    assert down.status_code == 503
    assert (
        down.json["error"]["message"]
        == "The post is unavailable right now. Please try again later."
    )


def test_a_cases_json_names_its_states_in_english(client: FlaskClient, wired: Courier) -> None:
    carrier_of(wired).fail_next(CarrierUnavailable("connection refused"))
    planned = client.post(
        f"/api/v1/cases/{NO_LEG_YET}/legs", json={"kind": "originals"}, headers=WINDOW
    )
    assert planned.status_code == 201, planned.json
    case = client.get(f"/api/v1/cases/{NO_LEG_YET}", headers={**WINDOW, **ENGLISH}).json
    leg = case["legs"][0]
    assert leg["status"] == LegStatus.QUEUED.value
    assert leg["last_error"] == (
        "The post is unavailable right now; the booking is queued and will be sent when it is back."
    )
    status = CaseStatus(case["status"])
    said = [
        (case["status_name"], CASE_STATUS_NAMES[status]),
        (leg["kind_name"], LEG_KIND_NAMES[LegKind.ORIGINALS]),
        (leg["status_name"], STATUS_NAMES[LegStatus.QUEUED]),
    ]
    assert [answer for answer, _ in said] == [english(name) for _, name in said]
    chinese = client.get(f"/api/v1/cases/{NO_LEG_YET}", headers=WINDOW).json
    assert chinese["status_name"] == CASE_STATUS_NAMES[status]
    assert chinese["legs"][0]["status_name"] == STATUS_NAMES[LegStatus.QUEUED]
    assert chinese["legs"][0]["last_error"] == "邮政系统暂时不可用，已排队，恢复后自动下单。"


def test_reports_to_the_case_system_stay_chinese_whoever_asked(
    client: FlaskClient, wired: Courier
) -> None:
    carrier_of(wired).fail_next(CarrierOutcomeUnknown("read timeout"))
    planned = client.post(
        f"/api/v1/cases/{NO_LEG_YET}/legs",
        json={"kind": "originals"},
        headers={**WINDOW, **ENGLISH},
    )
    assert planned.status_code == 201 and planned.json["status"] == "booking_uncertain"
    waybill, ids = deliver_originals(wired), material_ids(wired)
    items = [
        {"material_id": ids[0], "state": "received"},
        {"material_id": ids[1], "state": "missing"},
    ]
    receipt = client.post(
        f"/api/v1/legs/{waybill}/receipt",
        json={"items": items},
        headers={**basic(RECEIVER), **ENGLISH},
    )
    assert receipt.status_code == 200, receipt.json
    reasons = reported_reasons(wired)
    assert reasons["leg.booking_uncertain"] == "下单结果待确认：系统将向邮政查询后自动处理。"
    assert "缺失" in reasons["leg.receipt_discrepancy"]


def reported_reasons(wired: Courier) -> dict[str, str]:
    """Return each report type's reason as the outbox keeps it for the case system."""
    with wired.engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT event_type, body FROM outbox_events")).all()
    return {kind: json.loads(body)["data"]["reason"] for kind, body in rows}
