"""Intake of a case from the case system: a repeated intake is recognised, never applied twice."""

from __future__ import annotations

from courier.domain.case import Case
from courier.domain.errors import Conflict


class CaseNumberTaken(Conflict):
    code = "case_number_exists"


def _intake_of(case: Case) -> tuple[object, ...]:
    materials = [(m.name, m.original, m.pages, m.copies) for m in case.materials]
    return (
        case.case_number,
        case.matter_name,
        case.applicant,
        case.hall_id,
        case.department_id,
        case.result_delivery,
        materials,
    )


def same_intake(existing: Case, offered: Case) -> bool:
    """Tell whether `offered` carries the very data `existing` was opened from."""
    return _intake_of(existing) == _intake_of(offered)
