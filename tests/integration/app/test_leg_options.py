"""Staff choose pickup, receipt and payment on the page and API; applicants see the window."""

from __future__ import annotations

import re

from flask import Flask, render_template
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.demo import HALLS
from courier.domain.leg import Leg
from tests.integration.app.conftest import basic
from tests.integration.app.test_desk import signed_in

CASE = "HZXH2026112600003"  # the demo's decided case, result mailed to the applicant
ADMIN = basic("admin")


def supplement_of(wired: Courier, case_number: str = CASE) -> Leg:
    with wired.uow() as uow:
        case = uow.cases.get(case_number)
        assert case is not None
        return next(leg for leg in case.legs if leg.kind.value == "supplement")


def test_the_case_page_form_offers_the_options_and_books_a_supplement_at_the_door(
    client: FlaskClient, wired: Courier
) -> None:
    token = signed_in(client, "hz-window")
    page = client.get(f"/cases/{CASE}").get_data(as_text=True)
    assert 'name="pickup_type"' in page and 'name="pickup_start"' in page
    assert 'name="receipt_flag"' in page and 'name="payment_mode"' in page
    form = {"csrf": token, "kind": "supplement", "pickup_type": "", "receipt_flag": "true"}
    assert client.post(f"/cases/{CASE}/legs", data=form).status_code == 302
    leg = supplement_of(wired)
    assert leg.pickup_type == 1 and leg.receipt_flag is True and leg.waybill_no
    # the applicant's tracking page for that waybill says when the postman comes
    track = client.get(f"/t/{leg.waybill_no}").get_data(as_text=True)
    assert "邮政将于 11月27日 09:00–12:00 上门收件" in track


def test_a_window_ending_before_it_starts_is_explained_on_the_case_page_and_nothing_is_booked(
    client: FlaskClient, wired: Courier
) -> None:
    token = signed_in(client, "hz-window")
    form = {
        "csrf": token,
        "kind": "supplement",
        "pickup_type": "1",
        "pickup_start": "2026-11-27T12:00",
        "pickup_end": "2026-11-27T09:00",
    }
    page = client.post(f"/cases/{CASE}/legs", data=form)
    text = page.get_data(as_text=True)
    assert page.status_code == 422 and "揽收结束时间应晚于开始时间" in text
    end = re.search(r'<input type="datetime-local" name="pickup_end"[^>]*>', text)
    assert (
        end and 'aria-invalid="true"' in end.group() and 'value="2026-11-27T09:00"' in end.group()
    )
    assert re.search(r'<option value="1" selected>上门揽收</option>', text)
    with wired.uow() as uow:
        case = uow.cases.get(CASE)
        assert case is not None and all(leg.kind.value != "supplement" for leg in case.legs)


def test_the_api_names_a_bad_option_and_answers_a_planned_legs_options(
    client: FlaskClient, wired: Courier
) -> None:
    staff = basic("hz-window")
    url = f"/api/v1/cases/{CASE}/legs"
    refused = client.post(url, json={"kind": "supplement", "payment_mode": 2}, headers=staff)
    assert refused.status_code == 422
    assert "结果" in refused.json["error"]["fields"]["payment_mode"]
    planned = client.post(url, json={"kind": "supplement", "receipt_flag": True}, headers=staff)
    assert planned.status_code == 201
    leg = client.get(f"/api/v1/legs/{planned.json['id']}", headers=staff).json
    assert (leg["pickup_type"], leg["receipt_flag"], leg["payment_mode"]) == (1, True, 1)
    assert leg["options_line"] == "上门揽收 09:00–12:00 · 回单"


def test_an_organizations_booking_defaults_are_registered_and_answered(
    client: FlaskClient,
) -> None:
    hall = {**HALLS[0], "code": "BJ-XC", "name": "北京市西城区政务服务中心"}
    defaults = {"receipt_flag": True, "result_receiver_pays": True, "pickup_type": 1}
    hall["carrier_account"] = {**hall["carrier_account"], **defaults}
    assert client.post("/api/v1/halls", json=hall, headers=ADMIN).status_code == 201
    halls = client.get("/api/v1/halls", headers=ADMIN).json["halls"]
    [account] = [h["carrier_account"] for h in halls if h["code"] == "BJ-XC"]
    assert {k: account[k] for k in defaults} == defaults
    bad = {
        **hall,
        "code": "BJ-XX",
        "carrier_account": {**hall["carrier_account"], "pickup_type": 5},
    }
    refused = client.post("/api/v1/halls", json=bad, headers=ADMIN)
    assert "carrier_account.pickup_type" in refused.json["error"]["fields"]


def test_the_leg_options_partial_says_the_options_in_one_line(
    flask_app: Flask, wired: Courier
) -> None:
    leg = originals_leg(wired)
    leg.pickup_type, leg.receipt_flag, leg.payment_mode = 0, True, 2
    with flask_app.test_request_context():
        line = render_template("_leg_options.html", leg=leg)
    assert "柜台交寄 · 回单 · 收件人付费" in line


def originals_leg(wired: Courier) -> Leg:
    with wired.uow() as uow:
        leg = uow.legs.get(1)
        assert leg is not None
        return leg
