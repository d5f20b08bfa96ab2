"""Staff and applicants who chose English read the pages with no Chinese but the data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from courier.app import create_app
from courier.bootstrap import Courier
from tests.english import chinese_words
from tests.integration.app.conftest import demo_courier
from tests.integration.app.test_case_form import GOOD
from tests.integration.app.test_desk import csrf_of, signed_in
from tests.integration.app.test_languages import choose
from tests.receipt_support import RECEIVER, deliver_originals, material_ids

BOOKED = "BJDC2026112600001"  # Beijing hall → Hangzhou civil affairs: the originals leg
DECIDED = "HZXH2026112600003"  # Hangzhou hall ↔ Zhejiang market regulation: both legs


def chinese_left(page: str) -> list[str]:
    """Return the Chinese on an English page that is not data."""
    return chinese_words(page)


def in_english(flask_app: Flask, username: str | None = None) -> FlaskClient:
    reader = flask_app.test_client()
    if username:
        signed_in(reader, username)
    choose(reader, "en")
    return reader


def english_page(reader: FlaskClient, path: str, status: int = 200) -> str:
    answer = reader.get(path)
    assert answer.status_code == status
    page = answer.get_data(as_text=True)
    assert '<html lang="en">' in page
    return page


@pytest.mark.parametrize("username", ["hz-window", "zj-shijian"])
def test_the_home_desk_and_both_desks_in_english(flask_app: Flask, username: str) -> None:
    reader = in_english(flask_app, username)
    home = english_page(reader, "/")
    assert "Case desk" in home and "Exceptions to handle" in home and "Case status" in home
    desk = english_page(reader, "/desk")
    waiting = (
        "Hand over and print the handover list",
        "No parcel waiting to be handed to the post.",
    )
    assert "Shipping desk" in desk and any(words in desk for words in waiting)
    receiving = english_page(reader, "/receive")
    assert "Receiving desk" in receiving and "On the way" in receiving
    for page in (home, desk, receiving):
        assert chinese_left(page) == []


@pytest.mark.parametrize(
    ("username", "case_number"),
    [
        ("bj-window", BOOKED),
        (RECEIVER, BOOKED),
        ("hz-window", DECIDED),
        ("zj-shijian", DECIDED),
    ],
)
def test_a_case_page_with_its_legs_in_english(
    flask_app: Flask, username: str, case_number: str
) -> None:
    page = english_page(in_english(flask_app, username), f"/cases/{case_number}")
    assert "Case history" in page and "Order number" in page and "Waybill number" in page
    assert chinese_left(page) == []


def test_the_page_confirming_a_cancel_in_english(flask_app: Flask, wired: Courier) -> None:
    with wired.uow() as uow:
        booked = uow.cases.get(BOOKED)
        assert booked is not None and booked.legs[0].id is not None
        leg_id = booked.legs[0].id
    page = english_page(in_english(flask_app, "bj-window"), f"/cases/{BOOKED}/legs/{leg_id}/cancel")
    assert f"Case <code>{BOOKED}</code>" in page and "Back, keep it" in page
    assert chinese_left(page) == []


def test_the_new_case_form_in_english(flask_app: Flask) -> None:
    page = english_page(in_english(flask_app, "bj-window"), "/cases/new")
    assert "Open a case" in page and "One per line: name, original or copy, pages" in page
    assert ">Choose</option>" in page and "Window pickup" in page
    assert chinese_left(page) == []


def test_a_receipt_page_before_and_after_confirming_in_english(
    flask_app: Flask, wired: Courier
) -> None:
    waybill, ids = deliver_originals(wired), material_ids(wired)
    reader = in_english(flask_app, RECEIVER)
    form = english_page(reader, f"/receive/{waybill}")
    assert "Receipt confirmed" in form and "(original, 4 pages × 1)" in form
    refused = reader.post(f"/receive/{waybill}", data={"csrf": csrf_of(form)})
    assert refused.status_code == 422
    assert "Choose what came of this material" in refused.get_data(as_text=True)
    states = {f"state-{ids[0]}": "received", f"state-{ids[1]}": "missing"}
    done = reader.post(f"/receive/{waybill}", data={"csrf": csrf_of(form), **states})
    assert done.status_code == 302
    desk = english_page(reader, done.headers["Location"])
    confirmed = english_page(reader, f"/receive/{waybill}")
    assert f"Receipt of waybill <code>{waybill}</code> confirmed." in desk
    assert "Receipt of this parcel was confirmed on" in confirmed
    for page in (form, refused.get_data(as_text=True), desk, confirmed):
        assert chinese_left(page) == []


def test_the_public_lookup_and_tracking_pages_in_english(flask_app: Flask, wired: Courier) -> None:
    with wired.uow() as uow:
        decided = uow.cases.get(DECIDED)
        assert decided is not None
        waybill = decided.legs[0].waybill_no
    applicant = in_english(flask_app)
    lookup = english_page(applicant, "/track")
    assert "Track the post of a case" in lookup and "By waybill number" in lookup
    found = applicant.post(
        "/track", data={"csrf": csrf_of(lookup), "case_number": DECIDED, "phone_tail": "2233"}
    )
    case = found.get_data(as_text=True)
    assert found.status_code == 200 and "Result delivery: " in case
    track = english_page(applicant, f"/t/{waybill}")
    assert f"Waybill {waybill}" in track and "All shipments of a case" in track
    for page in (lookup, case, track):
        assert chinese_left(page) == []


def test_sign_in_with_a_wrong_password_in_english(client: FlaskClient) -> None:
    choose(client, "en", "/login")
    token = csrf_of(client.get("/login").get_data(as_text=True))
    answer = client.post("/login", data={"csrf": token, "username": "bj-window", "password": "x"})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 401 and "Username" in page and "Password" in page
    assert chinese_left(page) == []


def test_too_many_wrong_passwords_are_refused_in_english(tmp_path: Path) -> None:
    for wired in demo_courier(tmp_path, signin_account_limit="2 per 1 hour"):
        client = create_app(wired=wired).test_client()
        choose(client, "en", "/login")
        for expected in (401, 401, 429):
            token = csrf_of(client.get("/login").get_data(as_text=True))
            form = {"csrf": token, "username": "bj-window", "password": "x"}
            answer = client.post("/login", data=form)
            assert answer.status_code == expected
        page = answer.get_data(as_text=True)
        assert re.search(r"Too many failed sign-ins; please try again in \d+ min\.", page)
        assert chinese_left(page) == []


def test_an_error_page_in_english(flask_app: Flask) -> None:
    page = english_page(in_english(flask_app, "bj-window"), "/no-such-page", 404)
    assert "Back to the start page" in page
    assert chinese_left(page) == []


def test_a_refused_form_on_the_case_page_in_english(flask_app: Flask) -> None:
    reader = in_english(flask_app, "hz-window")
    token = csrf_of(english_page(reader, f"/cases/{DECIDED}"))
    form = {"csrf": token, "kind": "supplement", "weight_grams": "heavy"}
    answer = reader.post(f"/cases/{DECIDED}/legs", data=form)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422 and 'value="heavy"' in page and "New shipment" in page
    assert chinese_left(page) == []


def test_what_was_done_is_said_in_the_language_of_who_did_it(flask_app: Flask) -> None:
    reader = in_english(flask_app, "hz-window")
    token = csrf_of(english_page(reader, f"/cases/{DECIDED}"))
    form = {"csrf": token, "kind": "supplement", "weight_grams": "200"}
    answer = reader.post(f"/cases/{DECIDED}/legs", data=form, follow_redirects=True)
    page = answer.get_data(as_text=True)
    assert "Booking sent; getting a waybill number from the post." in page
    assert chinese_left(page) == []


def test_a_materials_line_typed_in_english_says_copy_for_a_copy(
    flask_app: Flask, wired: Courier
) -> None:
    reader = in_english(flask_app, "bj-window")
    token = csrf_of(english_page(reader, "/cases/new"))
    form = {**GOOD, "csrf": token, "materials": "申请表, original, 2\n户口簿, Copy\n"}
    assert reader.post("/cases/new", data=form).status_code == 302
    with wired.uow() as uow:
        case = uow.cases.get(GOOD["case_number"])
        assert case is not None
    assert [(m.name, m.original, m.pages) for m in case.materials] == [
        ("申请表", True, 2),
        ("户口簿", False, 1),
    ]


def test_the_switch_on_a_search_comes_back_to_that_search_in_english(flask_app: Flask) -> None:
    reader = flask_app.test_client()
    signed_in(reader, "bj-window")
    searched = reader.get("/", query_string={"q": "王小红"}).get_data(as_text=True)
    assert searched.count("王小红") == 1  # typed into the search box, and nowhere else
    back_to = re.search(r'name="next" value="([^"]+)"', searched)
    assert back_to is not None and back_to[1] == "/?q=%E7%8E%8B%E5%B0%8F%E7%BA%A2"
    form = {"csrf": csrf_of(searched), "language": "en", "next": back_to[1]}
    answer = reader.post("/language", data=form, follow_redirects=True)
    page = answer.get_data(as_text=True)
    assert 'value="王小红"' in page and "1 in all · page 1 of 1" in page
    assert chinese_left(page) == []
