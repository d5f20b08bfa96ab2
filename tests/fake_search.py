"""Searching cases and the exceptions queue in memory, as the SQL repositories do."""

from __future__ import annotations

from collections.abc import Iterable

from courier.domain.accounts import Scope
from courier.domain.case import Case
from courier.domain.case_search import CaseSearch
from courier.domain.exceptions_queue import NEEDS_ATTENTION
from courier.domain.leg import Leg, LegStatus
from courier.domain.receipt import Receipt


def matching(cases: Iterable[Case], scope: Scope, search: CaseSearch) -> list[Case]:
    """Return the cases in scope matching the search but its name, newest first."""
    found = [case for case in cases if scope.covers(case) and _matches(case, search)]
    return sorted(found, key=lambda c: (c.created_at, c.id), reverse=True)


def _matches(case: Case, search: CaseSearch) -> bool:
    since, before = search.created_since, search.created_before
    return (
        case.case_number.upper().startswith(search.number.upper())
        and search.status in (None, case.status)
        and (since is None or case.created_at >= since)
        and (before is None or case.created_at < before)
    )


def needs_attention(leg: Leg, receipt: Receipt | None) -> bool:
    """Tell whether a live leg needs a person, by the same conditions as the SQL query."""
    return leg.status is not LegStatus.CANCELLED and (
        leg.status in NEEDS_ATTENTION
        or leg.exception_reason is not None
        or any(extra.needs_manual_void for extra in leg.extra_waybills)
        or (receipt is not None and receipt.needs_resolution)
    )
