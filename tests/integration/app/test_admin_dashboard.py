"""The dashboard on SQLite and PostgreSQL: its series are those counted from the generated rows."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from courier.app import create_app
from courier.bootstrap import Courier
from courier.domain.leg import LegKind, LegStatus
from courier.domain.receipt import MaterialState
from tests.dashboard_data import CST, GeneratedLeg, generate_month
from tests.integration.app.conftest import on_both_databases
from tests.integration.app.test_desk import signed_in

MONTH = "from=2026-10-27&to=2026-11-25"  # the generated month, without the demo's own day
OUT = {LegKind.ORIGINALS, LegKind.SUPPLEMENT}


@pytest.fixture(params=["sqlite", "postgresql"])
def wired(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Courier]:
    yield from on_both_databases(request, tmp_path)


@pytest.fixture
def month(wired: Courier) -> list[GeneratedLeg]:
    return generate_month(wired)


@pytest.fixture
def admin(wired: Courier) -> FlaskClient:
    client = create_app(wired=wired).test_client()
    signed_in(client, "admin")
    return client


def exported(client: FlaskClient, chart: str, query: str = MONTH) -> list[list[str]]:
    answer = client.get(f"/admin/dashboard/{chart}.csv?{query}")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    text = answer.get_data().decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def day(record: GeneratedLeg) -> date:
    return record.sent_at.astimezone(CST).date()


def live(month: list[GeneratedLeg]) -> list[GeneratedLeg]:
    return [r for r in month if r.status is not LegStatus.CANCELLED]


def test_parcels_per_day_match_a_count_of_the_generated_legs(
    admin: FlaskClient, month: list[GeneratedLeg]
) -> None:
    counted = Counter((day(r), r.kind in OUT) for r in live(month))
    rows = exported(admin, "parcels")
    assert rows[0] == ["日期", "寄出原件（含补件）", "寄回结果（含原件退还）", "合计"]
    assert len(rows) == 1 + 30
    for when, out, back, total in rows[1:]:
        d = date.fromisoformat(when)
        assert (int(out), int(back)) == (counted[(d, True)], counted[(d, False)])
        assert int(total) == int(out) + int(back)
    assert sum(int(r[3]) for r in rows[1:]) == len(live(month)) > 50


def test_transit_times_and_the_on_time_rate_match_the_generated_deliveries(
    admin: FlaskClient, month: list[GeneratedLeg]
) -> None:
    delivered = [r for r in month if r.delivered_at and r.collected_at]
    hours = [(r.delivered_at - r.collected_at).total_seconds() / 3600 for r in delivered]  # type: ignore[operator]
    edges = [sum(1 for h in hours if low <= h < high) for low, high in
             ((0, 24), (24, 48), (48, 72), (72, 96), (96, 10**6))]  # fmt: skip
    assert [int(r[1]) for r in exported(admin, "transit")[1:]] == edges
    assert sum(edges) == len(delivered) > 10

    def promised(r: GeneratedLeg) -> int:  # EMS express: same city 1, province 2, else 3 days
        if r.sender.province != r.receiver.province:
            return 3
        return 1 if r.sender.city == r.receiver.city else 2

    kept = sum(
        r.delivered_at.astimezone(CST).date()  # type: ignore[union-attr]
        <= r.collected_at.astimezone(CST).date() + timedelta(days=promised(r))  # type: ignore[union-attr]
        for r in delivered
    )
    total = exported(admin, "on-time")[-1]
    assert total[:3] == ["合计", str(len(delivered)), str(kept)]
    assert 0 < kept < len(delivered)


def test_open_exceptions_and_discrepancies_match_the_generated_rows(
    admin: FlaskClient, month: list[GeneratedLeg]
) -> None:
    S = LegStatus
    open_ = [r for r in live(month) if not r.case_closed]
    by_kind = {
        "下单失败": sum(r.status is S.BOOKING_FAILED for r in open_),
        "下单待确认": sum(r.status in (S.BOOKING_UNCERTAIN, S.QUEUED) for r in open_),
        "轨迹停滞": sum(r.stuck for r in open_),
        "投递未成功": sum(r.status is S.DELIVERY_FAILED for r in open_),
        "退回": sum(r.status in (S.RETURNING, S.RETURNED) for r in open_),
        "丢失": sum(r.status is S.LOST for r in open_),
        "签收差异": sum(any(s is not MaterialState.RECEIVED for s in r.line_states) for r in open_),
    }
    assert {name: int(n) for name, n in exported(admin, "exceptions")[1:]} == by_kind
    missing, damaged = Counter[str](), Counter[str]()
    for r in month:
        missing[r.receipt_office] += r.line_states.count(MaterialState.MISSING)
        damaged[r.receipt_office] += r.line_states.count(MaterialState.DAMAGED)
    rows = exported(admin, "discrepancies")[1:]
    assert {o: (int(m), int(dm)) for o, m, dm, _ in rows} == {
        o: (missing[o], damaged[o]) for o in set(missing) | set(damaged) if missing[o] + damaged[o]
    }
    assert rows


def test_the_office_and_period_filters_narrow_every_chart(
    admin: FlaskClient, wired: Courier, month: list[GeneratedLeg]
) -> None:
    hall = month[0].hall
    week = [
        r
        for r in live(month)
        if r.hall.id == hall.id and date(2026, 11, 2) <= day(r) <= date(2026, 11, 8)
    ]
    query = f"office=hall:{hall.id}&from=2026-11-02&to=2026-11-08"
    rows = exported(admin, "parcels", query)[1:]
    assert rows[0][0] == "2026-11-02" and rows[-1][0] == "2026-11-08" and len(rows) == 7
    assert sum(int(r[3]) for r in rows) == len(week) > 0
    page = admin.get(f"/admin/dashboard?{query}").get_data(as_text=True)
    link = rf"/admin/dashboard/parcels\.csv\?office=hall(%3A|:){hall.id}&amp;from=2026-11-02&amp;to"
    assert re.search(link, page)


def test_each_table_on_the_page_is_its_csv_export(
    admin: FlaskClient, month: list[GeneratedLeg]
) -> None:
    page = admin.get(f"/admin/dashboard?{MONTH}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<svg" in html and "style=" not in html
    for chart in ("parcels", "transit", "on-time", "exceptions", "discrepancies"):
        figure = re.search(rf'id="chart-{chart}">(.*?)</figure>', html, re.S)
        assert figure is not None
        cells = [
            re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr)
            for tr in re.findall(r"<tr>(.*?)</tr>", figure.group(1), re.S)
        ]
        assert cells == exported(admin, chart)


def test_bad_filters_are_told_in_chinese_on_the_page_and_in_the_export(
    admin: FlaskClient,
) -> None:
    page = admin.get("/admin/dashboard?from=2026-02-30&to=2026-11-01&office=hall:999")
    text = page.get_data(as_text=True)
    assert page.status_code == 400
    assert "开始日期：日期格式应为" in text and "请选择列表中的大厅或部门" in text
    assert admin.get("/admin/dashboard?from=2026-11-09&to=2026-11-01").status_code == 400
    export = admin.get("/admin/dashboard/parcels.csv?to=x")
    assert export.status_code == 400 and "日期格式" in export.get_data(as_text=True)
    assert admin.get("/admin/dashboard/salaries.csv").status_code == 404


def test_the_dashboard_is_404_for_everyone_but_administrators(wired: Courier) -> None:
    client = create_app(wired=wired).test_client()
    for path in ("/admin/dashboard", "/admin/dashboard/parcels.csv"):
        assert client.get(path).status_code == 404
    signed_in(client, "hz-minzheng")
    for path in ("/admin/dashboard", "/admin/dashboard/parcels.csv"):
        assert client.get(path).status_code == 404
    assert "数据看板" not in client.get("/").get_data(as_text=True)


def test_administrators_find_the_dashboard_on_the_desk(admin: FlaskClient) -> None:
    desk = admin.get("/admin").get_data(as_text=True)
    assert 'href="/admin/dashboard">数据看板</a>' in desk
    assert admin.get("/admin/dashboard").status_code == 200  # the default period, demo data
