"""The administrators' desk at /admin: a page per section, 404 for everyone else.

Each section is its own blueprint under /admin/…, guarded by `admin_only` and listed in
`SECTIONS` (endpoint, title) so the desk's index and navigation show it.
"""

from __future__ import annotations

from flask import Blueprint, render_template
from werkzeug.exceptions import NotFound

from courier.app.auth import current_account_id
from courier.app.context import courier
from courier.domain.accounts import Role

admin_desk = Blueprint("admin_desk", __name__, url_prefix="/admin")

# (endpoint, title): the sections of the desk, in the order they are listed.
SECTIONS: list[tuple[str, str]] = []
# The order administrators meet them in: people and offices, then reports, then plumbing.
ORDER = (
    "admin_orgs", "admin_accounts", "admin_dashboard", "admin_statements", "admin_audit",
    "admin_webhooks", "admin_reports", "admin_tokens", "admin_carrier_log",
)  # fmt: skip


def _rank(section: tuple[str, str]) -> int:
    blueprint = section[0].split(".", 1)[0]
    return ORDER.index(blueprint) if blueprint in ORDER else len(ORDER)


def admin_section(endpoint: str, title: str) -> None:
    """List a section on the desk (called once, where its blueprint is defined)."""
    if (endpoint, title) not in SECTIONS:
        SECTIONS.append((endpoint, title))
        SECTIONS.sort(key=_rank)  # stable: a blueprint's own sections keep their order


def admin_only() -> None:
    """Answer 404 to anyone but a signed-in, active administrator: the desk is not advertised."""
    account_id = current_account_id()
    if account_id is None:
        raise NotFound()
    with courier().uow() as uow:
        account = uow.accounts.get(account_id)
        if account is None or not account.active or account.role is not Role.ADMIN:
            raise NotFound()


admin_desk.before_request(admin_only)


def is_admin() -> bool:
    """Tell a page whether to offer the desk (only to administrators)."""
    try:
        admin_only()
    except NotFound:
        return False
    return True


@admin_desk.app_context_processor
def admin_sections() -> dict[str, object]:
    return {"admin_sections": SECTIONS, "is_admin": is_admin}


@admin_desk.get("")
def index() -> str:
    return render_template("admin/index.html")
