"""The monthly statement over a generated month of legs, on SQLite and on PostgreSQL.

The totals are checked against a sum computed here from the generated legs, with the tariff
formula written out again plainly; CSV, page and PDF must say the same totals.
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from importlib.resources import files
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from flask import Flask
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.domain.leg import Leg, LegKind, LegStatus
from courier.ports.call_log import CallOutcome, CarrierCall
from tests import factories
from tests.integration.app.conftest import basic, on_both_databases
from tests.integration.app.documented_answers import check_documented
from tests.integration.app.test_desk import signed_in

ACCOUNT, OTHER_ACCOUNT = "1100088801", "3301088802"  # BJ-DC's and HZ-XH's customer numbers
MONTH = "2026-10"
OCTOBER_START = datetime(2026, 9, 30, 16, 0, tzinfo=UTC)  # 1 October 00:00 China time
OCTOBER_END = datetime(2026, 10, 31, 16, 0, tzinfo=UTC)
URL = f"/api/v1/statements/{ACCOUNT}/{MONTH}"
STRAY_ORDER = "CR20261015STRAYSTRAY"


@pytest.fixture(params=["sqlite", "postgresql"])
def wired(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Courier]:
    """The demo on SQLite and on PostgreSQL, the fake carrier and jobs run at once."""
    yield from on_both_databases(request, tmp_path)


@dataclass(frozen=True)
class Generated:
    legs: list[Leg]  # every leg of the month under ACCOUNT
    without_call: Leg


def test_the_statement_totals_equal_an_independent_sum_of_the_generated_month(
    wired: Courier, flask_app: Flask, client: FlaskClient
) -> None:
    month = generate_month(wired, random.Random(20261001))
    answer = client.get(URL, headers=basic("admin"))
    assert answer.status_code == 200
    check_documented(flask_app, "GET", URL, answer)
    statement = answer.get_json()
    expected = independent_totals(month.legs)
    assert statement["totals"] == expected
    assert expected["cancelled"] > 0 and Decimal(expected["grand_total"]) > 0
    assert sorted(line["order_no"] for line in statement["lines"]) == sorted(
        leg.order_no for leg in month.legs
    )
    flagged = [line["order_no"] for line in statement["lines"] if line["flags"]]
    assert flagged == [month.without_call.order_no]
    assert [call["order_no"] for call in statement["stray_calls"]] == [STRAY_ORDER]


def test_csv_page_and_pdf_say_the_same_totals_as_the_statement(
    wired: Courier, flask_app: Flask, client: FlaskClient
) -> None:
    month = generate_month(wired, random.Random(7))
    totals = independent_totals(month.legs)
    expected = [str(totals[key]) for key in TOTAL_KEYS]

    response = client.get(f"{URL}.csv", headers=basic("admin"))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    check_documented(flask_app, "GET", f"{URL}.csv", response)
    assert response.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    total_rows = [row[1:] for row in rows if row and row[0] == "合计"]
    assert total_rows[1] == expected
    strays = [row for row in rows if row and row[0] == "无对应运单的下单调用"]
    assert len(strays) == 2 and strays[1][2:] == [STRAY_ORDER, "1199999999999", "成功"]
    assert any(month.without_call.order_no in row and "无成功的下单调用记录" in row for row in rows)

    signed_in(client, "admin")
    page = client.get(f"/admin/statements?customer_no={ACCOUNT}&month={MONTH}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert re.findall(r'<td data-total="\d">([^<]*)</td>', html) == expected
    assert STRAY_ORDER in html and month.without_call.order_no in html

    pdf = client.get(f"{URL}.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    check_documented(flask_app, "GET", f"{URL}.pdf", pdf)
    with pymupdf.open(stream=io.BytesIO(pdf.data), filetype="pdf") as document:
        text = "".join(page.get_text() for page in document)
    assert f"总计(元)：{totals['grand_total']}" in text
    assert STRAY_ORDER in text and month.without_call.order_no in text


def test_only_administrators_read_statements(flask_app: Flask, client: FlaskClient) -> None:
    assert client.get(URL).status_code == 401
    for path in (URL, f"{URL}.csv", f"{URL}.pdf"):
        refused = client.get(path, headers=basic("bj-window"))
        assert refused.status_code == 403
        check_documented(flask_app, "GET", path, refused)
    assert client.get("/admin/statements").status_code == 404
    signed_in(client, "bj-window")
    assert client.get(f"/admin/statements?customer_no={ACCOUNT}&month={MONTH}").status_code == 404
    assert client.get(f"{URL}.pdf").status_code == 403


def test_a_bad_month_is_422_and_an_unknown_account_404(
    flask_app: Flask, client: FlaskClient
) -> None:
    bad_path = f"/api/v1/statements/{ACCOUNT}/2026-13.csv"
    bad = client.get(bad_path, headers=basic("admin"))
    assert bad.status_code == 422 and "YYYY-MM" in bad.get_data(as_text=True)
    check_documented(flask_app, "GET", bad_path, bad)
    unknown_path = f"/api/v1/statements/0000000000/{MONTH}"
    unknown = client.get(unknown_path, headers=basic("admin"))
    assert unknown.status_code == 404
    check_documented(flask_app, "GET", unknown_path, unknown)
    signed_in(client, "admin")
    page = client.get(f"/admin/statements?customer_no={ACCOUNT}&month=2026-13")
    assert page.status_code == 200 and "YYYY-MM" in page.get_data(as_text=True)


def test_the_page_lists_the_accounts_and_a_month_without_legs(client: FlaskClient) -> None:
    signed_in(client, "admin")
    assert "邮费对账单" in client.get("/admin").get_data(as_text=True)
    html = client.get(f"/admin/statements?customer_no={OTHER_ACCOUNT}&month=2026-01")
    text = html.get_data(as_text=True)
    assert ACCOUNT in text and OTHER_ACCOUNT in text and "该月没有" in text


# --- the generated month ---------------------------------------------------------------

TOTAL_KEYS = ("count", "cancelled", "postage", "insurance_fees", "grand_total")
STATUSES = [LegStatus.BOOKED, LegStatus.HANDED_OVER, LegStatus.DELIVERED, LegStatus.CANCELLED]


def generate_month(app: Courier, rng: random.Random, count: int = 24) -> Generated:
    """Store legs of October (edges included), legs outside it, their calls and a stray call."""
    in_month = [_moment(rng) for _ in range(count - 2)] + [
        OCTOBER_START,
        OCTOBER_END - timedelta(seconds=1),
    ]
    outside = [OCTOBER_END, OCTOBER_START - timedelta(seconds=1)]
    legs = [_leg(rng, i, at, ACCOUNT) for i, at in enumerate(in_month)]
    legs[0].status = LegStatus.CANCELLED
    others = [_leg(rng, 100 + i, at, ACCOUNT) for i, at in enumerate(outside)]
    others.append(_leg(rng, 200, in_month[0], OTHER_ACCOUNT))
    _store(app, [*legs, *others])
    without_call = legs[3]
    for leg in [*legs, *others]:
        if leg is not without_call:
            _record(app, leg.order_no, leg.waybill_no or "", leg.customer_no, str(leg.id))
    _record(app, STRAY_ORDER, "1199999999999", ACCOUNT, "")
    _record(app, "CR20261015OTHERSTRAY", "1199999999998", OTHER_ACCOUNT, "")
    return Generated(legs, without_call)


def _moment(rng: random.Random) -> datetime:
    return OCTOBER_START + timedelta(seconds=rng.randrange(31 * 86400))


def _leg(rng: random.Random, number: int, booked_at: datetime, customer_no: str) -> Leg:
    hall, department = factories.hall(), factories.department()
    insured = rng.choice([None, Decimal(rng.randrange(1, 10_000_000)) / 100])
    return Leg(
        kind=rng.choice(list(LegKind)),
        order_no=f"CR202610{number:012d}",
        sender=hall.as_party(),
        receiver=department.as_party(),
        customer_no=customer_no,
        biz_product_no=rng.choice(["1", "2", "11"]),
        weight_grams=rng.randint(1, 30_000),
        insured_value=insured,
        status=rng.choice(STATUSES),
        waybill_no=f"19{number:011d}",
        booked_at=booked_at,
    )


def _store(app: Courier, legs: list[Leg]) -> None:
    with app.uow() as uow:
        hall, department = uow.halls.get_by_code("BJ-DC"), uow.departments.get_by_code("HZ-MZ")
        assert hall is not None and hall.id and department is not None and department.id
        for number, leg in enumerate(legs):
            case = factories.case(
                f"ST2026{number:06d}", hall_id=hall.id, department_id=department.id
            )
            case.legs.append(leg)
            uow.cases.add(case)
        uow.commit()


def _record(app: Courier, order_no: str, waybill_no: str, customer_no: str, leg: str) -> None:
    app.calls.record(
        CarrierCall(
            operation="CreateOrder",
            started_at=OCTOBER_START + timedelta(days=14),
            duration_ms=120,
            outcome=CallOutcome.OK,
            logistics_order_no=order_no,
            waybill_no=waybill_no,
            leg_reference=leg,
            request_xml=f"<tns:customerNo>{customer_no}</tns:customerNo>",
        )
    )


# --- the tariff formula, written out again -----------------------------------------------


def independent_totals(legs: list[Leg]) -> dict[str, Any]:
    tariff = json.loads(files("courier.domain").joinpath("data/tariff.json").read_text("utf-8"))
    postage = fees = Decimal(0)
    for leg in legs:
        if leg.status is LegStatus.CANCELLED:
            continue
        product = tariff["products"][leg.biz_product_no]
        steps = math.ceil(max(0, leg.weight_grams - product["first_grams"]) / product["step_grams"])
        postage += Decimal(product["first_price"]) + steps * Decimal(product["step_price"])
        if leg.insured_value is not None:
            rate, minimum = (Decimal(tariff["insurance"][k]) for k in ("rate", "minimum"))
            fee = max(minimum, leg.insured_value * rate)
            fees += fee.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    cancelled = sum(1 for leg in legs if leg.status is LegStatus.CANCELLED)
    return {
        "count": len(legs),
        "cancelled": cancelled,
        "postage": f"{postage:.2f}",
        "insurance_fees": f"{fees:.2f}",
        "grand_total": f"{postage + fees:.2f}",
    }
