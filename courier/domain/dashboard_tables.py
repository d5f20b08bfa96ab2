"""The table behind each dashboard chart: what the page lists under it and the CSV exports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from courier.domain.dashboard import (
    DIRECTION_NAMES,
    EXCEPTION_NAMES,
    DayCount,
    Direction,
    ExceptionKind,
    OfficeDiscrepancy,
    WeekRate,
    overall_rate,
)
from courier.domain.text import Text


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


# The charts by the name their CSV export is reached by, with their titles, in page order.
CHART_TITLES = {
    "parcels": Text("每日寄递量"),
    "transit": Text("运输时长分布"),
    "on-time": Text("按时妥投率"),
    "exceptions": Text("未处理异常"),
    "discrepancies": Text("签收差异"),
}


def parcels_table(days: Sequence[DayCount]) -> Table:
    headers = (
        Text("日期"),
        DIRECTION_NAMES[Direction.OUT],
        DIRECTION_NAMES[Direction.BACK],
        Text("合计"),
    )
    rows = [(d.day.isoformat(), str(d.out), str(d.back), str(d.out + d.back)) for d in days]
    return Table(headers, rows)


def transit_table(buckets: Sequence[tuple[str, int]]) -> Table:
    return Table(
        (Text("揽收至妥投"), Text("妥投件数")), [(name, str(count)) for name, count in buckets]
    )


def _rate_row(label: str, week: WeekRate) -> tuple[str, ...]:
    return (label, str(week.delivered), str(week.on_time), f"{week.percent:.1f}%")


def on_time_table(weeks: Sequence[WeekRate]) -> Table:
    headers = (Text("寄出周（周一起）"), Text("妥投件数"), Text("按时妥投"), Text("按时率"))
    rows = [_rate_row(w.week.isoformat(), w) for w in weeks]
    overall = overall_rate(weeks)
    return Table(headers, [*rows, *([_rate_row(Text("合计"), overall)] if overall else [])])


def exceptions_table(counts: Sequence[tuple[ExceptionKind, int]]) -> Table:
    return Table(
        (Text("异常类型"), Text("件数")), [(EXCEPTION_NAMES[kind], str(n)) for kind, n in counts]
    )


def discrepancies_table(offices: Sequence[OfficeDiscrepancy]) -> Table:
    headers = (Text("签收单位"), Text("缺失（件）"), Text("损坏（件）"), Text("合计"))
    rows = [(o.office, str(o.missing), str(o.damaged), str(o.missing + o.damaged)) for o in offices]
    return Table(headers, rows)
