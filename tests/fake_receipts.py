"""Receipts in memory, one per leg like the table's unique constraint."""

from __future__ import annotations

from typing import Any

from courier.domain.leg import STILL_MOVING, Leg, LegStatus
from courier.domain.receipt import Office, Receipt, destination
from tests.fake_store import Store


class FakeReceipts(Store):
    unique = ("leg_id",)

    def __init__(self, legs: Store, cases: Any, departments: Store) -> None:
        super().__init__()
        self.legs, self.cases, self.departments = legs, cases, departments

    def add(self, receipt: Receipt) -> None:  # type: ignore[override]
        super().add(receipt)

    def for_leg(self, leg_id: int) -> Receipt | None:
        return self.find(leg_id=leg_id)  # type: ignore[no-any-return]

    def incoming(self, office: Office, limit: int = 200) -> list[Leg]:
        awaited = (STILL_MOVING | {LegStatus.DELIVERED}) - {LegStatus.RETURNING}
        legs = [leg for leg in self.legs.items.values() if leg.status in awaited]
        return [leg for leg in legs if self._destination(leg) == office][:limit]

    def _destination(self, leg: Leg) -> Office | None:
        case = self.cases.get_by_id(leg.case_id or 0)
        department = self.departments.get(case.department_id) if case else None
        return destination(case, leg, department.name) if department else None
