"""The administrators' dashboard: read the filters, the rows, and the series of every chart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from courier.domain import dashboard as d
from courier.domain import dashboard_tables as t
from courier.domain.errors import NotFound, ValidationFailed
from courier.domain.local_time import local
from courier.domain.receipt import Office
from courier.domain.text import Text
from courier.ports.dashboard import DashboardReads, OfficeName


@dataclass(frozen=True)
class Dashboard:
    """The series behind each chart, for one period and office (None: every office)."""

    period: d.Period
    office: Office | None
    parcels: list[d.DayCount]
    transit: list[tuple[str, int]]
    on_time: list[d.WeekRate]
    exceptions: list[tuple[d.ExceptionKind, int]]
    discrepancies: list[d.OfficeDiscrepancy]

    def table(self, chart: str) -> t.Table:
        """Return the table behind one chart, by its export name (NotFound if unknown)."""
        if chart not in TABLES:
            raise NotFound(Text("没有这张图表。"))
        return TABLES[chart](self)


# The table behind each chart, by the name its CSV export is reached by.
TABLES: dict[str, Callable[[Dashboard], t.Table]] = {
    "parcels": lambda board: t.parcels_table(board.parcels),
    "transit": lambda board: t.transit_table(board.transit),
    "on-time": lambda board: t.on_time_table(board.on_time),
    "exceptions": lambda board: t.exceptions_table(board.exceptions),
    "discrepancies": lambda board: t.discrepancies_table(board.discrepancies),
}


@dataclass(frozen=True)
class DashboardFilters:
    """The filter form as typed: office ("hall:1"), from and to (YYYY-MM-DD)."""

    office: str = ""
    first: str = ""
    last: str = ""


def offices(reads: DashboardReads) -> list[OfficeName]:
    return reads.offices()


def build_dashboard(reads: DashboardReads, filters: DashboardFilters, now: datetime) -> Dashboard:
    """Read the filters (ValidationFailed with Chinese messages) and compute every series."""
    period, office = _read_filters(reads, filters, now)
    rows = reads.legs(period, office)
    return Dashboard(
        period,
        office,
        d.parcels_per_day(rows, period),
        d.transit_histogram(rows),
        d.on_time_by_week(rows),
        d.open_exceptions(rows),
        d.discrepancies_by_office(reads.discrepancies(period, office)),
    )


def _read_filters(
    reads: DashboardReads, filters: DashboardFilters, now: datetime
) -> tuple[d.Period, Office | None]:
    """Read both filters, saying everything wrong with them at once."""
    errors: dict[str, str] = {}
    period = office = None
    try:
        period = d.Period.read(filters.first, filters.last, local(now).date())
    except ValidationFailed as error:
        errors.update(error.errors)
    try:
        office = d.read_office(filters.office, (o.office for o in reads.offices()))
    except ValidationFailed as error:
        errors.update(error.errors)
    if errors or period is None:
        raise ValidationFailed(errors)
    return period, office
