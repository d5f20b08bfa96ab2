"""The administrators' desk in English: every screen, a refused form, and the CSV exports."""

from __future__ import annotations

import csv
import io

import pytest
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.domain.text import LANGUAGE_NAMES
from tests.english import chinese_words
from tests.integration.app.test_desk import csrf_of, signed_in
from tests.integration.app.test_languages import choose

ACCOUNT = "1100088801"  # BJ-DC's customer number
# Shown as they are in every language: the switch's own name for Chinese, and the product
# names of the operator's tariff file (data, like the offices' names and addresses).
AS_IS = (*LANGUAGE_NAMES.values(), "EMS 特快专递", "快递包裹", "国内标快")
SCREENS = [
    "/admin",
    "/admin/halls",
    "/admin/departments",
    "/admin/halls/new",
    "/admin/departments/HZ-MZ/edit",
    "/admin/accounts",
    "/admin/accounts/new",
    "/admin/dashboard",
    "/admin/statements",
    f"/admin/statements?customer_no={ACCOUNT}",
    "/admin/webhooks",
    "/admin/api-tokens",
    "/admin/reports",
    "/admin/carrier-calls",
    "/admin/quarantine",
    "/admin/audit",
]


@pytest.fixture
def admin(client: FlaskClient) -> FlaskClient:
    signed_in(client, "admin")
    choose(client, "en", "/admin")
    return client


def left_in_chinese(page: str, wired: Courier) -> list[str]:
    """Return the Chinese words on a page that are neither data nor shown as they are."""
    with wired.uow() as uow:
        offices = [*uow.halls.list(), *uow.departments.list()]
        addresses = tuple(office.address.one_line() for office in offices)
    return chinese_words(page, (*AS_IS, *addresses))


@pytest.mark.parametrize("path", SCREENS)
def test_every_screen_of_the_desk_is_english(admin: FlaskClient, wired: Courier, path: str) -> None:
    page = admin.get(path)
    assert page.status_code == 200
    assert left_in_chinese(page.get_data(as_text=True), wired) == []


def test_an_account_form_and_a_log_entry_are_english(admin: FlaskClient, wired: Courier) -> None:
    with wired.uow() as uow:
        account = uow.accounts.get_by_username("bj-window")
        assert account is not None
    page = admin.get(f"/admin/accounts/{account.id}/edit").get_data(as_text=True)
    assert left_in_chinese(page, wired) == [] and "Hall staff" in page
    listed = admin.get("/admin/audit?action=signed_in").get_data(as_text=True)
    assert left_in_chinese(listed, wired) == [] and "Signed in" in listed


def test_a_refused_form_says_why_in_english(admin: FlaskClient, wired: Courier) -> None:
    token = csrf_of(admin.get("/admin/accounts/new").get_data(as_text=True))
    form = {"username": "new-clerk", "password": "long-enough-1", "role": "hall_staff"}
    refused = admin.post("/admin/accounts/new", data={**form, "hall_code": "", "csrf": token})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "No such service hall." in page
    assert "Some details are wrong: please check the marked fields." in page
    assert left_in_chinese(page, wired) == []


def test_a_flashed_message_is_english(admin: FlaskClient, wired: Courier) -> None:
    with wired.uow() as uow:
        account = uow.accounts.get_by_username("hz-window")
        assert account is not None
    token = csrf_of(admin.get("/admin/accounts").get_data(as_text=True))
    admin.post(f"/admin/accounts/{account.id}/disable", data={"csrf": token})
    page = admin.get("/admin/accounts").get_data(as_text=True)
    assert '<p class="notice" role="status">Disabled.</p>' in page
    assert left_in_chinese(page, wired) == []


def test_the_dashboard_exports_have_headers_in_the_readers_language(
    client: FlaskClient,
) -> None:
    signed_in(client, "admin")
    assert _rows(client, "/admin/dashboard/exceptions.csv")[0] == ["异常类型", "件数"]
    choose(client, "en", "/admin")
    rows = _rows(client, "/admin/dashboard/exceptions.csv")
    assert rows[0] == ["Exception", "Parcels"] and rows[1][0] == "Booking failed"
    bad = client.get("/admin/dashboard/parcels.csv?to=x").get_data(as_text=True)
    assert bad.startswith("Write the date as year-month-day")


def test_the_statement_csv_is_in_the_readers_language_and_the_pdf_stays_chinese(
    client: FlaskClient,
) -> None:
    signed_in(client, "admin")
    month = _month_with_legs(client)
    url = f"/api/v1/statements/{ACCOUNT}/{month}"
    assert _rows(client, f"{url}.csv")[1][:3] == ["办件编号", "物流订单号", "运单号"]
    choose(client, "en", "/admin")
    rows = _rows(client, f"{url}.csv")
    assert rows[0] == [f"Carrier customer number {ACCOUNT}", f"Month {month}"]
    assert rows[1][:3] == ["Case number", "Logistics order number", "Waybill number"]
    assert ["Total", "Parcels", "Of which cancelled"] in [row[:3] for row in rows]
    assert chinese_words("\n".join(",".join(row) for row in rows), AS_IS) == []
    pdf = client.get(f"{url}.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def _month_with_legs(client: FlaskClient) -> str:
    """Return the month of the demo's statement (the page chooses this month by default)."""
    page = client.get(f"/admin/statements?customer_no={ACCOUNT}").get_data(as_text=True)
    start = page.index('name="month" value="') + len('name="month" value="')
    return page[start : start + 7]


def _rows(client: FlaskClient, url: str) -> list[list[str]]:
    answer = client.get(url)
    assert answer.status_code == 200
    return list(csv.reader(io.StringIO(answer.data.decode("utf-8-sig"))))
