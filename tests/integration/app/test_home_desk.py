"""The staff home desk: search, paging, and the exceptions queue, through the page itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.domain.case_search import FROM_AFTER_TO
from courier.domain.leg import LegKind, LegStatus
from courier.domain.local_time import BAD_DATE
from courier.services.receipts import ConfirmReceipt, confirm_receipt
from tests import factories
from tests.integration.app.test_desk import csrf_of, signed_in
from tests.receipt_support import (
    PICKUP_DEPARTMENT,
    RECEIVER,
    SENDER,
    account_id,
    deliver_originals,
    material_ids,
    originals_confirmed,
)

BJ_FIRST, BJ_SECOND = "BJDC2026112600001", "BJDC2026112600002"  # 张小明, 王小红; 李 below


def page(client: FlaskClient, query: str = "") -> str:
    response = client.get("/" + query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


def add_cases(app: Courier, count: int) -> None:
    """Open `count` more cases at the Dongcheng hall, one minute apart, newest last."""
    with app.uow() as uow:
        hall, department = uow.halls.get_by_code("BJ-DC"), uow.departments.get_by_code("HZ-MZ")
        assert hall is not None and hall.id is not None and department and department.id
        for n in range(count):
            case = factories.case(f"BJXX{n:04d}", hall_id=hall.id, department_id=department.id)
            case.applicant = replace(case.applicant, name="李四")
            case.created_at = factories.NOW + timedelta(minutes=n + 1)
            uow.cases.add(case)
        uow.commit()


def second_in_review(app: Courier) -> None:
    """Send BJ_SECOND's originals, confirm them, and have the department start the review."""
    from courier.services import cases
    from courier.services.commands import AdvanceCase

    originals_confirmed(app, BJ_SECOND, PICKUP_DEPARTMENT)
    review = AdvanceCase.parse({"status": "in_review"})
    department = account_id(app, PICKUP_DEPARTMENT)
    cases.advance_case(app.uow(), department, BJ_SECOND, review, app.clock)


def test_the_desk_lists_the_halls_cases_with_masked_names(client: FlaskClient) -> None:
    signed_in(client, "bj-window")
    text = page(client)
    assert BJ_FIRST in text and BJ_SECOND in text and "HZXH" not in text
    assert "张*明" in text and "张小明" not in text and "共 2 件" in text


def test_a_case_number_is_found_exactly_or_by_its_beginning(client: FlaskClient) -> None:
    signed_in(client, "bj-window")
    exact = page(client, f"?q={BJ_FIRST}")
    assert BJ_FIRST in exact and BJ_SECOND not in exact and "共 1 件" in exact
    prefix = page(client, "?q=bjdc20261126")
    assert BJ_FIRST in prefix and BJ_SECOND in prefix
    assert "没有符合条件的办件" in page(client, "?q=HZXH2026112600003")  # another hall's


def test_an_applicant_is_found_by_surname_or_full_name_and_never_shown_unmasked(
    client: FlaskClient,
) -> None:
    signed_in(client, "bj-window")
    by_surname = page(client, "?q=张")
    assert BJ_FIRST in by_surname and BJ_SECOND not in by_surname
    assert "张小明" not in by_surname and "张*明" in by_surname
    by_name = page(client, "?q=王小红")
    assert BJ_SECOND in by_name and BJ_FIRST not in by_name
    assert by_name.count("王小红") == 1  # only in the search box, as typed
    assert "没有符合条件的办件" in page(client, "?q=欧阳")  # Hangzhou's applicant


def test_status_and_days_in_china_time_narrow_the_list(client: FlaskClient, wired: Courier) -> None:
    second_in_review(wired)
    signed_in(client, "bj-window")
    review = page(client, "?status=in_review")
    assert BJ_SECOND in review and BJ_FIRST not in review
    assert 'value="in_review" selected' in review
    # the demo opened its cases at 17:00 Beijing time on 2026-11-26
    assert BJ_FIRST in page(client, "?from=2026-11-26&to=2026-11-26")
    assert "没有符合条件的办件" in page(client, "?from=2026-11-27")
    assert "没有符合条件的办件" in page(client, "?to=2026-11-25")


def test_bad_search_input_is_told_in_chinese_next_to_its_field(client: FlaskClient) -> None:
    signed_in(client, "bj-window")
    malformed = client.get("/?from=2026-13-01&status=nope")
    text = malformed.get_data(as_text=True)
    assert malformed.status_code == 422 and BAD_DATE in text and "请选择列表中的办件状态" in text
    assert 'value="2026-13-01"' in text  # kept as typed, to correct it
    reversed_range = client.get("/?from=2026-11-27&to=2026-11-26")
    assert reversed_range.status_code == 422 and FROM_AFTER_TO in reversed_range.get_data(True)
    assert client.get("/?page=abc").status_code == 422


def test_the_list_pages_by_twenty_newest_first_and_the_links_keep_the_search(
    wired: Courier, client: FlaskClient
) -> None:
    add_cases(wired, 25)
    signed_in(client, "bj-window")
    first = page(client, "?q=BJXX")
    assert "共 25 件" in first and "第 1 / 2 页" in first
    assert first.index("BJXX0024") < first.index("BJXX0005") and "BJXX0004" not in first
    assert 'href="/?page=2&amp;q=BJXX"' in first and "上一页" not in first
    second = page(client, "?q=BJXX&page=2")
    assert "BJXX0004" in second and "BJXX0000" in second and "BJXX0005" not in second
    assert 'href="/?page=1&amp;q=BJXX"' in second and "下一页" not in second
    by_name = page(client, "?q=李&page=2")  # the name is matched here, paged the same way
    assert "共 25 件" in by_name and "BJXX0004" in by_name and "BJXX0005" not in by_name
    assert "李四" not in by_name.replace('value="李"', "")
    beyond = page(client, "?q=BJXX&page=9")
    assert "共 25 件" in beyond and 'href="/?page=2&amp;q=BJXX"' in beyond


def test_the_exceptions_queue_shows_what_is_wrong_and_what_to_do_next(
    wired: Courier, client: FlaskClient
) -> None:
    with wired.uow() as uow:
        case = uow.cases.get(BJ_FIRST)
        assert case is not None
        leg = case.live_leg(LegKind.ORIGINALS)
        assert leg is not None
        leg.status, leg.last_error = LegStatus.BOOKING_FAILED, "寄件人电话格式不正确"
        uow.commit()
    signed_in(client, "bj-window")
    text = page(client)
    assert "待处理异常（1）" in text
    assert "邮政拒绝下单：寄件人电话格式不正确" in text and "请核对地址后重新下单" in text
    assert f'href="/cases/{BJ_FIRST}"' in text
    client.post("/logout", data={"csrf": csrf_of(text)})
    signed_in(client, "hz-window")
    assert "没有需要处理的异常邮件" in page(client)


def test_the_home_page_without_signing_in_is_the_welcome(client: FlaskClient) -> None:
    text = page(client, "?q=BJDC")
    assert BJ_FIRST not in text and "待处理异常" not in text


def test_materials_missing_on_arrival_are_queued_for_both_sides(
    wired: Courier, client: FlaskClient
) -> None:
    waybill, ids = deliver_originals(wired), material_ids(wired)
    items = [{"material_id": ids[0], "state": "missing"}]
    items += [{"material_id": i, "state": "received"} for i in ids[1:]]
    receiver = account_id(wired, RECEIVER)
    command = ConfirmReceipt.parse({"items": items})
    confirm_receipt(wired.uow(), receiver, waybill, command, wired.clock)
    signed_in(client, RECEIVER)
    department = page(client)
    assert "签收发现材料问题：户口簿（缺失）" in department
    assert "请与受理大厅核对缺失材料" in department and waybill in department
    client.post("/logout", data={"csrf": csrf_of(department)})
    signed_in(client, SENDER)
    assert "签收发现材料问题：户口簿（缺失）" in page(client)
