"""The receiving desk page: scan, see what is coming, confirm with fields marked on errors."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from courier.bootstrap import Courier
from tests.integration.app.test_desk import csrf_of, signed_in
from tests.receipt_support import OTHER_DEPARTMENT, RECEIVER, deliver_originals, material_ids


def without_switch_target(page: str) -> str:
    return re.sub(r'name="next" value="[^"]*"', "", page)


def test_a_scan_opens_the_parcel_addressed_to_the_scanners_department(
    client: FlaskClient, wired: Courier
) -> None:
    waybill = deliver_originals(wired)
    signed_in(client, RECEIVER)
    desk = client.get("/receive").get_data(as_text=True)
    assert "正在寄来" in desk and waybill in desk and "data-scan-box" in desk
    opened = client.get("/receive/scan", query_string={"waybill_no": f" {waybill} "})
    assert opened.status_code == 302 and opened.headers["Location"].endswith(f"/receive/{waybill}")
    page = client.get(f"/receive/{waybill}").get_data(as_text=True)
    assert "户口簿" in page and "查档申请表" in page and "缺失" in page


def test_a_parcel_of_another_department_gets_a_quiet_message_revealing_nothing(
    client: FlaskClient, wired: Courier
) -> None:
    waybill = deliver_originals(wired)
    signed_in(client, OTHER_DEPARTMENT)
    theirs = client.get("/receive/scan", query_string={"waybill_no": waybill})
    unknown = client.get("/receive/scan", query_string={"waybill_no": "1151238971060"})
    assert theirs.status_code == unknown.status_code == 200
    text = theirs.get_data(as_text=True)
    assert "未找到寄给本单位的该邮件" in text and "户口簿" not in text and "BJDC" not in text
    # the language switch sends back to what was typed: the only difference, and it reveals nothing
    assert without_switch_target(text) == without_switch_target(unknown.get_data(as_text=True))


def test_a_form_without_a_choice_comes_back_with_that_material_marked(
    client: FlaskClient, wired: Courier
) -> None:
    waybill, ids = deliver_originals(wired), material_ids(wired)
    signed_in(client, RECEIVER)
    token = csrf_of(client.get(f"/receive/{waybill}").get_data(as_text=True))
    form = {"csrf": token, f"state-{ids[0]}": "received", "note": "缺一份"}
    answer = client.post(f"/receive/{waybill}", data=form)
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert 'class="has-error" data-material="查档申请表"' in page
    assert "请选择该材料的情况" in page and "缺一份" in page


def test_confirming_with_one_item_missing_returns_to_the_desk_with_a_success_message(
    client: FlaskClient, wired: Courier
) -> None:
    waybill, ids = deliver_originals(wired), material_ids(wired)
    signed_in(client, RECEIVER)
    token = csrf_of(client.get(f"/receive/{waybill}").get_data(as_text=True))
    form = {"csrf": token, f"state-{ids[0]}": "received", f"state-{ids[1]}": "missing"}
    answer = client.post(f"/receive/{waybill}", data=form, follow_redirects=True)
    assert "已签收确认" in answer.get_data(as_text=True)
    again = client.get(f"/receive/{waybill}").get_data(as_text=True)
    assert "查档申请表：缺失" in again and "确认签收</button>" not in again


def test_a_form_without_its_token_is_refused_as_an_expired_page(
    client: FlaskClient, wired: Courier
) -> None:
    waybill, ids = deliver_originals(wired), material_ids(wired)
    signed_in(client, RECEIVER)
    answer = client.post(f"/receive/{waybill}", data={f"state-{ids[0]}": "received"})
    assert answer.status_code == 400 and "页面已过期" in answer.get_data(as_text=True)


def test_the_staff_home_page_links_the_receiving_desk(client: FlaskClient) -> None:
    signed_in(client, RECEIVER)
    assert 'href="/receive"' in client.get("/").get_data(as_text=True)
