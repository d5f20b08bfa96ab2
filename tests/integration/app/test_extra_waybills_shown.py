"""An extra waybill the carrier would not cancel is shown to staff, in JSON and on the page."""

from __future__ import annotations

from flask.testing import FlaskClient

from courier.bootstrap import Courier
from tests import factories
from tests.integration.app.test_desk import signed_in

CASE = "BJDC2026112600001"
EXTRA = "1999999999999"


def leave_an_extra_waybill(wired: Courier) -> int:
    with wired.uow() as uow:
        case = uow.cases.get(CASE)
        assert case is not None
        leg = case.legs[0]
        extra = leg.keep_extra_waybill(EXTRA, factories.NOW)
        extra.failed("邮件已被邮政收寄，不能再取消（B0103）", factories.NOW, final=True)
        uow.commit()
        assert leg.id is not None
        return leg.id


def test_an_extra_waybill_needing_a_manual_void_is_in_the_leg_json(
    client: FlaskClient, wired: Courier
) -> None:
    leg_id = leave_an_extra_waybill(wired)
    signed_in(client, "bj-window")
    [extra] = client.get(f"/api/v1/legs/{leg_id}").get_json()["extra_waybills"]
    assert (extra["waybill_no"], extra["status"]) == (EXTRA, "needs_manual_void")
    assert extra["needs_manual_void"] and "B0103" in extra["advice"]


def test_the_case_page_asks_staff_to_void_it_by_hand(client: FlaskClient, wired: Courier) -> None:
    leave_an_extra_waybill(wired)
    signed_in(client, "bj-window")
    page = client.get(f"/cases/{CASE}").get_data(as_text=True)
    assert "需人工作废" in page and EXTRA in page and "请联系邮政作废该运单号" in page
