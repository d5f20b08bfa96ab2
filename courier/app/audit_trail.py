"""Log views of a case's personal data, and say from where each logged call came."""

from __future__ import annotations

from flask import Flask, g, has_request_context

from courier.app.auth import current_account_id
from courier.app.context import courier
from courier.app.security import client_address
from courier.domain.audit import AuditAction, Origin
from courier.services import audit


def request_origin() -> Origin:
    """The client address and how the caller signed in; jobs and commands have neither."""
    if not has_request_context():
        return Origin("", "job")
    return Origin(client_address(), g.get("auth_kind", "anonymous"))


def init_audit(app: Flask) -> None:
    audit.set_origin_source(request_origin)


def viewed(action: AuditAction, case_number: str = "", detail: str = "") -> None:
    """Log that the caller (None: the public) was shown this case's data, or a list of cases."""
    audit.record_view(courier().uow(), action, current_account_id(), case_number, detail=detail)
