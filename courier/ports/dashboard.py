"""The read side of the dashboard: plain rows of legs and receipts, filtered in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from courier.domain.dashboard import LegRow, Period
from courier.domain.receipt import MaterialState, Office


@dataclass(frozen=True)
class OfficeName:
    office: Office
    name: str


class DashboardReads(Protocol):
    def offices(self) -> list[OfficeName]:
        """List the halls, then the departments, by code."""
        ...

    def legs(self, period: Period, office: Office | None) -> list[LegRow]:
        """Return the live legs sent in the period, of cases of the office (all when None)."""
        ...

    def discrepancies(
        self, period: Period, office: Office | None
    ) -> list[tuple[str, MaterialState, int]]:
        """Count missing or damaged items per confirming office, for receipts in the period."""
        ...
