"""Log views of a case's personal data, and say from where each logged call came."""

from __future__ import annotations

from collections.abc import Sequence

from flask import Flask, g, has_request_context

from courier.app.auth import current_account_id
from courier.app.context import courier
from courier.app.security import client_address
from courier.domain.audit import AuditAction, Origin
from courier.domain.case import Case
from courier.domain.leg import Leg
from courier.services import audit


def request_origin() -> Origin:
    """The client address, how the caller signed in and with which API token, if any."""
    if not has_request_context():
        return Origin("", "job")
    return Origin(client_address(), g.get("auth_kind", "anonymous"), g.get("token_id"))


def init_audit(app: Flask) -> None:
    audit.set_origin_source(request_origin)


def viewed(action: AuditAction, case_number: str = "", detail: str = "") -> None:
    """Log that the caller (None: the public) was shown this case's data."""
    audit.record_view(courier().uow(), action, current_account_id(), case_number, detail=detail)


def listed(cases: Sequence[Case], detail: str) -> None:
    """Log a list of cases shown to the caller: one row per case on it."""
    listed_numbers([(case.id, case.case_number) for case in cases], detail)


def listed_numbers(shown: Sequence[tuple[int | None, str]], detail: str) -> None:
    """Log a list shown to the caller by its cases' ids and numbers: one row per case."""
    who = current_account_id()
    audit.record_views(courier().uow(), AuditAction.CASES_LISTED, who, shown, detail)


def leg_viewed(leg: Leg) -> None:
    """Log that the caller was shown one leg of a case, with its sender and receiver."""
    audit.record_leg_view(courier().uow(), AuditAction.CASE_VIEWED, current_account_id(), leg)
