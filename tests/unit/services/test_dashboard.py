"""The dashboard's use case over a hand-written fake of its reads."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from courier.domain.dashboard import LegRow, Period
from courier.domain.errors import NotFound, ValidationFailed
from courier.domain.leg import LegKind, LegStatus
from courier.domain.places import Address
from courier.domain.receipt import MaterialState, Office
from courier.ports.dashboard import OfficeName
from courier.services.dashboard import DashboardFilters, build_dashboard

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
PLACE = Address("北京市", "北京市", "东城区", "110101", "东直门南大街3号", "100007")


class FakeReads:
    def __init__(self) -> None:
        self.asked: list[tuple[Period, Office | None]] = []

    def offices(self) -> list[OfficeName]:
        return [OfficeName(Office("hall", 1), "东城大厅")]

    def legs(self, period: Period, office: Office | None) -> list[LegRow]:
        self.asked.append((period, office))
        sent = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
        return [LegRow(LegKind.ORIGINALS, LegStatus.LOST, sent, sent, sent, "1", PLACE, PLACE)]

    def discrepancies(
        self, period: Period, office: Office | None
    ) -> list[tuple[str, MaterialState, int]]:
        return [("东城大厅", MaterialState.MISSING, 2)]


def test_the_dashboard_reads_the_filters_once_and_fills_every_table() -> None:
    reads = FakeReads()
    board = build_dashboard(reads, DashboardFilters("hall:1", "2026-11-20", "2026-11-21"), NOW)
    assert reads.asked == [(board.period, Office("hall", 1))]
    assert board.table("parcels").rows == [
        ("2026-11-20", "1", "0", "1"),
        ("2026-11-21", "0", "0", "0"),
    ]
    assert ("丢失", "1") in board.table("exceptions").rows
    assert board.table("discrepancies").rows == [("东城大厅", "2", "0", "2")]
    with pytest.raises(NotFound):
        board.table("salaries")


def test_every_bad_filter_is_told_at_once() -> None:
    with pytest.raises(ValidationFailed) as refused:
        build_dashboard(FakeReads(), DashboardFilters("hall:7", "2026-11-31", ""), NOW)
    assert set(refused.value.errors) == {"office", "from"}
