"""Applicants look up a whole case, or one waybill, without an account and without personal data."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from courier.app import create_app
from courier.bootstrap import Courier
from courier.ports.carrier import TraceEvent
from courier.ports.push import PushedBatch
from courier.services.tracking import store_pushed_batch
from tests import factories
from tests.integration.app.conftest import basic
from tests.integration.app.test_desk import csrf_of
from tests.integration.app.test_sign_in_security import wired_courier

API = "/api/v1/public/track"
CASE = "HZXH2026112600003"  # demo case with originals and result legs, mobile …2233
PERSONAL = ("欧阳娜娜", "15968112233", "文一西路", "翠苑", "330106198805126724", "孙丽")


def ask(client: FlaskClient, case_number: str = CASE, tail: str = "2233") -> TestResponse:
    return client.post(API, json={"case_number": case_number, "phone_tail": tail})


def post_form(client: FlaskClient, **fields: str) -> TestResponse:
    token = csrf_of(client.get("/track").get_data(as_text=True))
    return client.post("/track", data={"csrf": token, **fields})


def without_token(page: str) -> str:
    return re.sub(r'name="csrf" value="[^"]+"', 'name="csrf"', page)


def waybills(client: FlaskClient) -> dict[str, str]:
    legs = client.get(f"/api/v1/cases/{CASE}", headers=basic("hz-window")).json["legs"]
    return {leg["kind"]: leg["waybill_no"] for leg in legs}


def test_a_case_lookup_shows_both_legs_and_the_steps_without_personal_data(
    client: FlaskClient, wired: Courier
) -> None:
    result = waybills(client)["result"]
    event = TraceEvent(result, factories.NOW + timedelta(hours=1), "203", "收寄",
                       op_desc="张三已交寄", op_org_city="杭州市")  # fmt: skip
    store_pushed_batch(wired.uow(), wired.clock, PushedBatch("P1", (event,)))
    answer = ask(client)
    assert answer.status_code == 200
    body = answer.json
    assert [leg["kind"] for leg in body["legs"]] == ["originals", "result"]
    # the demo's originals were posted and delivered when it was loaded (17:00 on 26 Nov)
    assert [e["text"] for e in body["legs"][0]["events"]] == ["邮政已收寄", "已妥投：本人签收"]
    assert body["legs"][1]["events"] == [
        {"time": "2026-11-26T18:00:00+08:00", "text": "邮政已收寄", "place": "杭州市"}
    ]
    assert body["legs"][0]["destination"] == "浙江省市场监督管理局"
    assert body["legs"][1]["destination"] == "浙江省杭州市"
    # counted from each collection: 17:00 and 18:00 on 26 Nov
    assert body["legs"][0]["expected_delivery"] == "2026-11-27"
    assert body["legs"][1]["expected_delivery"] == "2026-11-27"
    steps = [(m["name"], m["state"]) for m in body["milestones"]]
    assert steps == [
        ("已受理", "done"), ("原件寄出", "done"), ("部门签收", "done"), ("办结", "done"),
        ("结果寄出", "done"), ("已送达", "current"),
    ]  # fmt: skip
    for personal in (*PERSONAL, "张三"):
        assert personal not in answer.get_data(as_text=True)


def test_unknown_case_wrong_tail_and_locked_out_case_answer_identically(
    client: FlaskClient,
) -> None:
    unknown = ask(client, "HZXH2099010100001")
    wrong = ask(client, tail="0000")
    for _ in range(5):  # the case number's allowance of wrong tails
        ask(client, tail="1111")
    locked = ask(client)  # the right tail, now refused
    answers = [(r.status_code, r.get_data()) for r in (unknown, wrong, locked)]
    assert answers[0] == answers[1] == answers[2]
    assert unknown.status_code == 404 and "未找到匹配的办件" in unknown.json["error"]["message"]
    assert set(unknown.json["error"]) == {"code", "message"}  # no field hints which part was wrong
    assert ask(client, "BJDC2026112600001", "1907").status_code == 200  # other cases still answer


def test_the_form_answers_a_miss_and_a_locked_out_case_with_the_same_page(
    client: FlaskClient,
) -> None:
    unknown = post_form(client, case_number="HZXH2099010100001", phone_tail="2233")
    wrong = post_form(client, case_number=CASE, phone_tail="0000")
    for _ in range(5):
        post_form(client, case_number=CASE, phone_tail="1111")
    locked = post_form(client, case_number=CASE, phone_tail="2233")
    pages = [without_token(r.get_data(as_text=True)) for r in (wrong, locked)]
    assert {r.status_code for r in (unknown, wrong, locked)} == {404}
    assert pages[0] == pages[1]
    assert without_token(unknown.get_data(as_text=True)) == pages[0].replace(
        CASE, "HZXH2099010100001"
    )  # the number typed is kept in the form, nothing else differs


def test_the_form_shows_both_legs_and_the_stepper_and_never_echoes_the_tail(
    client: FlaskClient,
) -> None:
    found = post_form(client, case_number=CASE, phone_tail="2233")
    page = found.get_data(as_text=True)
    assert found.status_code == 200 and found.request.path == "/track"
    assert "原件寄递" in page and "结果寄递" in page and 'aria-current="step"' in page
    assert page.count('class="leg card"') == 2 and "2233" not in page
    for personal in PERSONAL:
        assert personal not in page


def test_a_waybill_is_found_by_the_api_the_form_and_its_qr_page(client: FlaskClient) -> None:
    result = waybills(client)["result"]
    by_api = client.post(API, json={"waybill_no": result})
    assert by_api.status_code == 200 and by_api.json["leg"]["kind_name"] == "结果寄递"
    by_form = post_form(client, waybill_no=result)
    assert by_form.status_code == 200 and result in by_form.get_data(as_text=True)
    assert "结果寄递" in client.get(f"/t/{result}").get_data(as_text=True)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "waybill_no"),
        ({"case_number": CASE}, "phone_tail"),
        ({"case_number": CASE, "phone_tail": "22a3"}, "phone_tail"),
        ({"case_number": CASE, "phone_tail": "２２３３"}, "phone_tail"),
        ({"phone_tail": "2233"}, "case_number"),
        ({"waybill_no": "123"}, "waybill_no"),
        ({"case_number": "X" * 41, "phone_tail": "2233"}, "case_number"),
    ],
)
def test_a_malformed_lookup_names_its_field_in_chinese(
    client: FlaskClient, body: dict[str, str], field: str
) -> None:
    answer = client.post(API, json=body)
    assert answer.status_code == 422
    message = answer.json["error"]["fields"][field]
    assert re.search(r"[\u4e00-\u9fff]", message)


def test_the_lookup_page_renders_its_form_with_its_own_stylesheet(client: FlaskClient) -> None:
    page = client.get("/track").get_data(as_text=True)
    assert 'name="phone_tail"' in page and 'name="waybill_no"' in page
    assert "track.css" in page
    with client.get("/static/track.css") as stylesheet:
        assert stylesheet.status_code == 200 and b".stepper" in stylesheet.data


def test_on_postgres_a_wrong_tail_and_an_unknown_case_answer_alike(
    tmp_path: Path, postgres_url: str
) -> None:
    wired = wired_courier(tmp_path, postgres_url)
    try:
        client = create_app(wired=wired).test_client()
        assert ask(client).status_code == 200
        unknown, wrong = ask(client, "HZXH2099010100001"), ask(client, tail="2234")
        assert (unknown.status_code, unknown.get_data()) == (wrong.status_code, wrong.get_data())
    finally:
        wired.close()


def test_a_cancelled_leg_is_left_out_of_the_case_and_its_steps(client: FlaskClient) -> None:
    window = basic("bj-window")
    leg = client.get("/api/v1/cases/BJDC2026112600001", headers=window).json["legs"][0]
    client.post(f"/api/v1/legs/{leg['id']}/cancel", json={}, headers=window)
    answer = ask(client, "BJDC2026112600001", "1907")
    assert answer.status_code == 200 and answer.json["legs"] == []
    assert "原件寄出" not in [m["name"] for m in answer.json["milestones"]]
