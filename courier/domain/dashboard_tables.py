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


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: Sequence[tuple[str, ...]]


# The charts by the name their CSV export is reached by, with their titles, in page order.
CHART_TITLES = {
    "parcels": "每日寄递量",
    "transit": "运输时长分布",
    "on-time": "按时妥投率",
    "exceptions": "未处理异常",
    "discrepancies": "签收差异",
}


def parcels_table(days: Sequence[DayCount]) -> Table:
    headers = ("日期", DIRECTION_NAMES[Direction.OUT], DIRECTION_NAMES[Direction.BACK], "合计")
    rows = [(d.day.isoformat(), str(d.out), str(d.back), str(d.out + d.back)) for d in days]
    return Table(headers, rows)


def transit_table(buckets: Sequence[tuple[str, int]]) -> Table:
    return Table(("揽收至妥投", "妥投件数"), [(name, str(count)) for name, count in buckets])


def _rate_row(label: str, week: WeekRate) -> tuple[str, ...]:
    return (label, str(week.delivered), str(week.on_time), f"{week.percent:.1f}%")


def on_time_table(weeks: Sequence[WeekRate]) -> Table:
    headers = ("寄出周（周一起）", "妥投件数", "按时妥投", "按时率")
    rows = [_rate_row(w.week.isoformat(), w) for w in weeks]
    overall = overall_rate(weeks)
    return Table(headers, [*rows, *([_rate_row("合计", overall)] if overall else [])])


def exceptions_table(counts: Sequence[tuple[ExceptionKind, int]]) -> Table:
    return Table(("异常类型", "件数"), [(EXCEPTION_NAMES[kind], str(n)) for kind, n in counts])


def discrepancies_table(offices: Sequence[OfficeDiscrepancy]) -> Table:
    headers = ("签收单位", "缺失（件）", "损坏（件）", "合计")
    rows = [(o.office, str(o.missing), str(o.damaged), str(o.missing + o.damaged)) for o in offices]
    return Table(headers, rows)
