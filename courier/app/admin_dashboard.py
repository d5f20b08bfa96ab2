"""The dashboard at /admin/dashboard: charts drawn on the server, their tables, CSV exports."""

from __future__ import annotations

import csv
import io
import math
from typing import Any

from flask import Blueprint, Response, render_template, request, url_for
from werkzeug.exceptions import NotFound

from courier.app.admin_desk import admin_only, admin_section
from courier.app.charts import PALETTE, Series, bar_chart
from courier.app.context import courier
from courier.app.i18n import say
from courier.domain.dashboard import DIRECTION_NAMES, EXCEPTION_NAMES, Direction
from courier.domain.dashboard_tables import CHART_TITLES, Table
from courier.domain.errors import ValidationFailed
from courier.domain.text import Text
from courier.services.dashboard import Dashboard, DashboardFilters, build_dashboard, offices
from courier.storage.dashboard_reads import SqlDashboardReads

admin_dashboard = Blueprint("admin_dashboard", __name__, url_prefix="/admin/dashboard")
admin_dashboard.before_request(admin_only)
admin_section("admin_dashboard.page", Text("数据看板"))

FIELD_NAMES = {"office": Text("大厅或部门"), "from": Text("开始日期"), "to": Text("结束日期")}
BOM = "\ufeff"  # so that Excel reads Chinese headers and office names as UTF-8


def _filters() -> DashboardFilters:
    args = request.args
    return DashboardFilters(args.get("office", ""), args.get("from", ""), args.get("to", ""))


def _filter_args(filters: DashboardFilters) -> dict[str, Any]:
    given = {"office": filters.office, "from": filters.first, "to": filters.last}
    return {name: value for name, value in given.items() if value}


def _board(filters: DashboardFilters) -> Dashboard:
    return build_dashboard(SqlDashboardReads(courier().engine), filters, courier().clock.now())


@admin_dashboard.get("")
def page() -> tuple[str, int] | str:
    reads, filters = SqlDashboardReads(courier().engine), _filters()
    context: dict[str, Any] = {
        "filters": filters, "offices": offices(reads), "field_names": FIELD_NAMES
    }  # fmt: skip
    try:
        board = _board(filters)
    except ValidationFailed as error:
        return render_template("admin/dashboard.html", errors=error.errors, **context), 400
    charts = [_chart(board, name, filters) for name in CHART_TITLES]
    return render_template("admin/dashboard.html", board=board, charts=charts, errors={}, **context)


@admin_dashboard.get("/<chart>.csv")
def export(chart: str) -> Response:
    if chart not in CHART_TITLES:
        raise NotFound()
    try:
        board = _board(_filters())
    except ValidationFailed as error:
        text = "\n".join(say(message) for message in error.errors.values())
        return Response(text, status=400, mimetype="text/plain")
    period = board.period
    name = f"dashboard-{chart}-{period.first.isoformat()}-{period.last.isoformat()}.csv"
    return Response(
        BOM + csv_text(board.table(chart)),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def csv_text(table: Table) -> str:
    """Write a table as CSV in the reader's language, headers first, CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([say(header) for header in table.headers])
    writer.writerows([say(cell) for cell in row] for row in table.rows)
    return out.getvalue()


def _chart(board: Dashboard, name: str, filters: DashboardFilters) -> dict[str, Any]:
    return {
        "name": name,
        "title": CHART_TITLES[name],
        "svg": DRAWINGS[name](board),
        "table": board.table(name),
        "csv_url": url_for("admin_dashboard.export", chart=name, **_filter_args(filters)),
    }


def _parcels(board: Dashboard) -> str:
    days = board.parcels
    series = [
        Series(say(DIRECTION_NAMES[Direction.OUT]), [d.out for d in days], PALETTE[0]),
        Series(say(DIRECTION_NAMES[Direction.BACK]), [d.back for d in days], PALETTE[1]),
    ]
    labels = [d.day.strftime("%m-%d") for d in days]
    every = max(1, math.ceil(len(days) / 10))
    return bar_chart(say(CHART_TITLES["parcels"]), labels, series, label_every=every)


def _transit(board: Dashboard) -> str:
    labels = [say(name) for name, _ in board.transit]
    series = [Series(say(Text("妥投件数")), [n for _, n in board.transit], PALETTE[2])]
    return bar_chart(say(CHART_TITLES["transit"]), labels, series)


def _on_time(board: Dashboard) -> str:
    labels = [say(Text("{day}周", day=w.week.strftime("%m-%d"))) for w in board.on_time]
    series = [Series(say(Text("按时率")), [round(w.percent, 1) for w in board.on_time], PALETTE[0])]
    return bar_chart(say(CHART_TITLES["on-time"]), labels, series, unit="%", top=100)


def _exceptions(board: Dashboard) -> str:
    labels = [say(EXCEPTION_NAMES[kind]) for kind, _ in board.exceptions]
    series = [Series(say(Text("件数")), [n for _, n in board.exceptions], PALETTE[3])]
    return bar_chart(say(CHART_TITLES["exceptions"]), labels, series)


def _discrepancies(board: Dashboard) -> str:
    rows = board.discrepancies
    series = [
        Series(say(Text("缺失")), [o.missing for o in rows], PALETTE[3]),
        Series(say(Text("损坏")), [o.damaged for o in rows], PALETTE[1]),
    ]
    offices = [say(o.office) for o in rows]
    return bar_chart(say(CHART_TITLES["discrepancies"]), offices, series)


DRAWINGS = {
    "parcels": _parcels,
    "transit": _transit,
    "on-time": _on_time,
    "exceptions": _exceptions,
    "discrepancies": _discrepancies,
}
