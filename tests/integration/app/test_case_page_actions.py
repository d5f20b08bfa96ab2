"""Staff act from the case page: book a leg, move the case on, cancel and retry."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.ports.carrier import CarrierBusinessError
from integrations.carrier.fake import FakeCarrier
from tests.integration.app.test_desk import signed_in
from tests.receipt_support import originals_confirmed


def legs_of(wired: Courier, case_number: str) -> list:
    with wired.uow() as uow:
        case = uow.cases.get(case_number)
        assert case is not None
        return list(case.legs)


def test_window_staff_book_the_originals_from_the_case_page(
    client: FlaskClient, wired: Courier
) -> None:
    token = signed_in(client, "bj-window")
    page = client.get("/cases/BJDC2026112600002").get_data(as_text=True)
    assert "新建寄递" in page and '<option value="originals">' in page
    assert '<option value="result">' not in page  # the department sends results
    response = client.post(
        "/cases/BJDC2026112600002/legs",
        data={"csrf": token, "kind": "originals", "weight_grams": "350", "insured_value": ""},
    )
    assert response.status_code == 302
    [leg] = legs_of(wired, "BJDC2026112600002")
    assert leg.status.value == "booked" and leg.weight_grams == 350


def test_a_bad_weight_is_explained_and_nothing_is_booked(
    client: FlaskClient, wired: Courier
) -> None:
    token = signed_in(client, "bj-window")
    response = client.post(
        "/cases/BJDC2026112600002/legs",
        data={"csrf": token, "kind": "originals", "weight_grams": "九百"},
    )
    assert response.status_code == 422 and "应为整数" in response.get_data(as_text=True)
    assert legs_of(wired, "BJDC2026112600002") == []


def test_a_refused_leg_form_stays_on_the_case_page_with_its_fields_marked(
    client: FlaskClient, wired: Courier
) -> None:
    token = signed_in(client, "bj-window")
    refused = client.post(
        "/cases/BJDC2026112600002/legs",
        data={"csrf": token, "kind": "originals", "weight_grams": "九百", "insured_value": "x"},
    )
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "往来港澳通行证换发" in page and "新建寄递" in page
    assert 'role="alert"' in page and "重量：" in page and "保价金额：" in page
    weight = re.search(r'<input name="weight_grams"[^>]*>', page)
    assert weight and 'aria-invalid="true"' in weight.group() and 'value="九百"' in weight.group()
    assert 'id="error-weight_grams"' in page and 'id="error-insured_value"' in page
    assert "<h1>填写有误</h1>" not in page  # not the generic error page


def test_the_department_moves_the_case_on_and_cancels_its_result_leg(
    client: FlaskClient, wired: Courier
) -> None:
    originals_confirmed(wired, "BJDC2026112600002", "bj-churujing")
    token = signed_in(client, "bj-churujing")
    client.post("/cases/BJDC2026112600002/status", data={"csrf": token, "status": "in_review"})
    page = client.get("/cases/BJDC2026112600002").get_data(as_text=True)
    assert "标记为“已办结待送达”" in page
    client.post("/cases/BJDC2026112600002/status", data={"csrf": token, "status": "decided"})
    with wired.uow() as uow:
        assert uow.cases.get("BJDC2026112600002").status.value == "decided"  # type: ignore[union-attr]
    token = signed_in(client, "zj-shijian")
    result = next(leg for leg in legs_of(wired, "HZXH2026112600003") if leg.kind.value == "result")
    assert (
        client.post(
            f"/cases/HZXH2026112600003/legs/{result.id}/cancel", data={"csrf": token}
        ).status_code
        == 302
    )
    cancelled = [leg for leg in legs_of(wired, "HZXH2026112600003") if leg.id == result.id]
    assert cancelled[0].status.value == "cancelled"


def test_a_refused_booking_is_shown_and_retried_from_the_page(
    client: FlaskClient, wired: Courier
) -> None:
    carrier = wired.carrier()
    assert isinstance(carrier, FakeCarrier)
    carrier.fail_next(CarrierBusinessError("寄件人信息不完整", code="B0002"))
    token = signed_in(client, "bj-window")
    client.post("/cases/BJDC2026112600002/legs", data={"csrf": token, "kind": "originals"})
    page = client.get("/cases/BJDC2026112600002").get_data(as_text=True)
    assert "寄件人信息不完整" in page and "重新下单" in page
    [leg] = legs_of(wired, "BJDC2026112600002")
    retried = client.post(
        f"/cases/BJDC2026112600002/legs/{leg.id}/retry", data={"csrf": token}, follow_redirects=True
    )
    assert "已重新提交下单" in retried.get_data(as_text=True)
    assert legs_of(wired, "BJDC2026112600002")[0].status.value == "booked"


def test_window_staff_cannot_decide_a_case(client: FlaskClient, wired: Courier) -> None:
    token = signed_in(client, "bj-window")
    assert "标记为" not in client.get("/cases/BJDC2026112600002").get_data(as_text=True)
    refused = client.post(
        "/cases/BJDC2026112600002/status", data={"csrf": token, "status": "decided"}
    )
    assert refused.status_code == 409 and "岗位" in refused.get_data(as_text=True)


def test_a_case_whose_result_is_still_on_its_way_cannot_be_closed(
    client: FlaskClient, wired: Courier
) -> None:
    token = signed_in(client, "zj-shijian")
    page = client.get("/cases/HZXH2026112600003").get_data(as_text=True)
    assert "标记为“办结送达”" not in page
    refused = client.post(
        "/cases/HZXH2026112600003/status", data={"csrf": token, "status": "closed"}
    )
    text = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "结果尚未送达申请人" in text and "妥投后再办结" in text
    with wired.uow() as uow:
        assert uow.cases.get("HZXH2026112600003").status.value == "decided"  # type: ignore[union-attr]


def test_cancelling_from_the_case_page_asks_for_confirmation_first(
    client: FlaskClient, wired: Courier
) -> None:
    signed_in(client, "zj-shijian")
    result = next(leg for leg in legs_of(wired, "HZXH2026112600003") if leg.kind.value == "result")
    page = client.get("/cases/HZXH2026112600003").get_data(as_text=True)
    confirm = f"/cases/HZXH2026112600003/legs/{result.id}/cancel"
    assert f'href="{confirm}"' in page
    asked = client.get(confirm)
    assert asked.status_code == 200 and "确认取消结果寄递？" in asked.get_data(as_text=True)
    assert next(
        leg for leg in legs_of(wired, "HZXH2026112600003") if leg.id == result.id
    ).can_cancel()


def test_no_confirmation_is_offered_for_another_case_or_another_side(
    client: FlaskClient, wired: Courier
) -> None:
    result = next(leg for leg in legs_of(wired, "HZXH2026112600003") if leg.kind.value == "result")
    signed_in(client, "zj-shijian")
    other_case = client.get(f"/cases/HZXH2026112600004/legs/{result.id}/cancel")
    assert other_case.status_code == 404
    signed_in(client, "hz-window")
    assert client.get(f"/cases/HZXH2026112600003/legs/{result.id}/cancel").status_code == 409


def test_the_new_leg_form_says_where_the_result_will_go(
    client: FlaskClient, wired: Courier
) -> None:
    token = signed_in(client, "zj-shijian")
    page = client.get("/cases/HZXH2026112600003").get_data(as_text=True)
    assert "结果寄递：寄往申请人" not in page  # its result leg is live: not offered again
    result = next(leg for leg in legs_of(wired, "HZXH2026112600003") if leg.kind.value == "result")
    client.post(f"/cases/HZXH2026112600003/legs/{result.id}/cancel", data={"csrf": token})
    page = client.get("/cases/HZXH2026112600003").get_data(as_text=True)
    assert "结果寄递：寄往申请人 欧" in page and "（申请人选择邮寄送达）" in page
    assert "欧阳娜娜" not in page
    signed_in(client, "bj-window")
    page = client.get("/cases/BJDC2026112600002").get_data(as_text=True)
    assert "原件寄递：由北京市东城区政务服务中心寄往" in page
