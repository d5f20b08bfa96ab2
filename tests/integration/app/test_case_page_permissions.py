"""The case page and the case list offer only what the signed-in account may do."""

from __future__ import annotations

from flask.testing import FlaskClient

from courier.bootstrap import Courier
from tests.integration.app.test_case_page_actions import legs_of
from tests.integration.app.test_desk import signed_in


def test_only_the_sending_side_sees_the_label_links_of_a_leg(
    client: FlaskClient, wired: Courier
) -> None:
    legs = {leg.kind.value: leg for leg in legs_of(wired, "HZXH2026112600003")}
    originals, result = (f"/api/v1/legs/{legs[k].id}/label.pdf" for k in ("originals", "result"))
    signed_in(client, "hz-window")
    hall = client.get("/cases/HZXH2026112600003").get_data(as_text=True)
    signed_in(client, "zj-shijian")
    department = client.get("/cases/HZXH2026112600003").get_data(as_text=True)
    assert originals in hall and result not in hall
    assert result in department and originals not in department
    assert f"/t/{legs['originals'].waybill_no}" in department  # tracking stays visible


def test_department_staff_are_not_offered_to_open_a_case(client: FlaskClient) -> None:
    signed_in(client, "bj-window")
    assert "受理办件" in client.get("/").get_data(as_text=True)
    signed_in(client, "bj-churujing")
    assert "受理办件" not in client.get("/").get_data(as_text=True)


def test_the_case_list_holds_only_cases_in_the_accounts_scope(client: FlaskClient) -> None:
    signed_in(client, "hz-window")
    hall = client.get("/").get_data(as_text=True)
    signed_in(client, "admin")
    admin = client.get("/").get_data(as_text=True)
    assert "HZXH2026112600003" in hall and "BJDC2026112600001" not in hall
    assert "HZXH2026112600003" in admin and "BJDC2026112600001" in admin
