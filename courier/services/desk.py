"""The sending desk: booked parcels waiting for their label and the postman."""

from __future__ import annotations

from dataclasses import dataclass

from courier.domain.leg import Leg
from courier.services.cases import actor
from courier.services.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class DeskParcel:
    leg: Leg
    case_number: str
    printed: bool


def parcels_to_send(uow: UnitOfWork, account_id: int) -> list[DeskParcel]:
    """List the booked legs this account sends, not yet handed to the postman."""
    with uow:
        account = actor(uow, account_id)
        scope = account.scope()
        parcels = []
        for leg in uow.legs.booked(scope.hall_id, scope.department_id):
            case = uow.cases.get_by_id(leg.case_id or 0)
            if case is None or not scope.covers(case) or not account.sends_from_desk(leg.kind):
                continue
            assert leg.id is not None
            parcels.append(DeskParcel(leg, case.case_number, uow.prints.printed_before(leg.id)))
        return parcels
