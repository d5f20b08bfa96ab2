"""The administrators' pages of offices and accounts: 404 for others, forms that name errors."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.domain.audit import AuditAction, AuditQuery
from tests.integration.app.test_desk import csrf_of, signed_in

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
        found, _ = uow.audit.search(AuditQuery(account="admin"))
    offices = [
        (e.action, e.channel) for e in found if e.target.startswith(("office", "department"))
    ]
    assert offices == [(AuditAction.ORGANIZATION_CHANGED, "session")] * 2 + [
        (AuditAction.ORGANIZATION_REGISTERED, "session")
    ]


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


def test_an_administrator_moves_an_account_and_resets_its_password_from_the_page(
    client: FlaskClient, wired: Courier
) -> None:
    with wired.uow() as uow:
        window = uow.accounts.get_by_username("hz-window")
        assert window is not None
        window_id = window.id
    token = signed_in(client, "admin")
    form = client.get(f"/admin/accounts/{window_id}/edit").get_data(as_text=True)
    assert 'value="HZ-XH" selected' in form
    moved = {"display_name": "民政窗口", "role": "department_staff", "department_code": "HZ-MZ"}
    assert (
        client.post(f"/admin/accounts/{window_id}/edit", data={**moved, "csrf": token}).status_code
        == 302
    )
    short = client.post(
        f"/admin/accounts/{window_id}/reset-password", data={"password": "x", "csrf": token}
    )
    assert short.status_code == 422
    reset = {"password": "a-new-password-1", "csrf": token}
    assert client.post(f"/admin/accounts/{window_id}/reset-password", data=reset).status_code == 302
    with wired.uow() as uow:
        account = uow.accounts.get(window_id)  # type: ignore[arg-type]
        assert account is not None and account.display_name == "民政窗口"
        assert account.department_id is not None and account.hall_id is None
    signed_out = client.post("/logout", data={"csrf": token})
    assert signed_out.status_code == 302
    assert "用户名或密码不正确" in signed_in_page(client, "hz-window", "courier-demo")


def signed_in_page(client: FlaskClient, username: str, password: str) -> str:
    token = csrf_of(client.get("/login").get_data(as_text=True))
    data = {"csrf": token, "username": username, "password": password}
    return client.post("/login", data=data).get_data(as_text=True)
