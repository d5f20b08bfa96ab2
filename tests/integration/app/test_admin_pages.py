"""The administrators' pages of offices and accounts: 404 for others, forms that name errors."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from tests.integration.app.test_desk import signed_in

PAGES = ["/admin/halls", "/admin/departments", "/admin/departments/new", "/admin/accounts"]

NEW_DEPARTMENT = {
    "code": "HZ-GT",
    "name": "杭州市规划和自然资源局",
    "address_province_code": "330000",
    "address_city_code": "330100",
    "address_county_code": "330106",
    "address_street": "保俶路88号",
    "address_postcode": "310007",
    "contact_name": "周敏",
    "contact_phone": "13905710009",
    "customer_no": "3301088809",
    "biz_product_no": "1",
    "payment_mode": "1",
}


@pytest.mark.parametrize("path", PAGES)
def test_the_pages_are_404_for_staff(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404
    signed_in(client, "bj-window")
    assert client.get(path).status_code == 404


def test_an_administrator_creates_edits_and_deactivates_a_department(
    client: FlaskClient, wired: Courier
) -> None:
    token = signed_in(client, "admin")
    bad = client.post(
        "/admin/departments/new", data={**NEW_DEPARTMENT, "contact_phone": "1", "csrf": token}
    )
    assert bad.status_code == 422 and 'aria-invalid="true"' in bad.get_data(as_text=True)
    made = client.post("/admin/departments/new", data={**NEW_DEPARTMENT, "csrf": token})
    assert made.status_code == 302
    listed = client.get("/admin/departments").get_data(as_text=True)
    assert "杭州市规划和自然资源局" in listed and "13905710009" not in listed
    form = client.get("/admin/departments/HZ-GT/edit").get_data(as_text=True)
    assert 'value="330106" selected' in form and "13905710009" not in form
    edited = {**NEW_DEPARTMENT, "name": "杭州市规划局", "contact_name": "", "contact_phone": ""}
    assert (
        client.post("/admin/departments/HZ-GT/edit", data={**edited, "csrf": token}).status_code
        == 302
    )
    client.post("/admin/departments/HZ-GT/deactivate", data={"csrf": token})
    with wired.uow() as uow:
        department = uow.departments.get_by_code("HZ-GT")
        assert department is not None and department.name == "杭州市规划局"
        assert department.contact_phone == "13905710009" and not department.active


def test_an_administrator_opens_and_disables_an_account_but_not_their_own(
    client: FlaskClient, wired: Courier
) -> None:
    token = signed_in(client, "admin")
    new = {"username": "hz-window-2", "password": "long-enough-1", "display_name": "新窗口",
           "role": "hall_staff", "hall_code": "HZ-XH", "csrf": token}  # fmt: skip
    assert client.post("/admin/accounts/new", data=new).status_code == 302
    with wired.uow() as uow:
        created = uow.accounts.get_by_username("hz-window-2")
        admin = uow.accounts.get_by_username("admin")
        assert created is not None and admin is not None
        created_id, admin_id = created.id, admin.id
    assert (
        client.post(f"/admin/accounts/{created_id}/disable", data={"csrf": token}).status_code
        == 302
    )
    refused = client.post(f"/admin/accounts/{admin_id}/disable", data={"csrf": token})
    assert refused.status_code == 409 and "不能停用自己的账号" in refused.get_data(as_text=True)
    with wired.uow() as uow:
        assert not uow.accounts.get(created_id).active  # type: ignore[union-attr]
        assert uow.accounts.get(admin_id).active  # type: ignore[union-attr]
