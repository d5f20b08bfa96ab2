"""Pages for staff: sign in, the case list, one case with its legs."""

from __future__ import annotations

import secrets

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from courier.app.auth import current_account_id, page_login_required
from courier.app.context import courier
from courier.domain.accounts import ROLE_NAMES
from courier.domain.case import CASE_STATUS_NAMES
from courier.domain.leg import LEG_KIND_NAMES, STATUS_NAMES
from courier.domain.masking import mask_address, mask_name, mask_phone
from courier.services import cases
from courier.services.auth import WrongCredentials, authenticate
from courier.services.cases import actor

web = Blueprint("web", __name__)


@web.app_context_processor
def names() -> dict[str, object]:
    return {
        "case_status_names": CASE_STATUS_NAMES,
        "leg_kind_names": LEG_KIND_NAMES,
        "leg_status_names": STATUS_NAMES,
        "role_names": ROLE_NAMES,
        "mask_name": mask_name,
        "mask_phone": mask_phone,
        "mask_address": mask_address,
        "csrf_token": csrf_token,
    }


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return str(session["csrf"])


def check_csrf() -> None:
    """Refuse a form post whose token is missing or is not this session's."""
    expected, given = session.get("csrf", ""), request.form.get("csrf", "")
    if not expected or not secrets.compare_digest(given, expected):
        abort(400)


@web.get("/")
def home() -> str:
    account_id = current_account_id()
    if account_id is None:
        return render_template("welcome.html")
    uow = courier().uow()
    with uow:
        account = actor(uow, account_id)
    return render_template("home.html", account=account, cases=cases.list_cases(uow, account_id))


@web.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
    error = None
    if request.method == "POST":
        check_csrf()
        try:
            account = authenticate(
                courier().uow(), request.form.get("username", ""), request.form.get("password", "")
            )
        except WrongCredentials as failure:
            error = failure.message
        else:
            session.clear()
            session["account_id"] = account.id
            target = request.args.get("next", "")
            return redirect(
                target if target.startswith("/") and not target.startswith("//") else "/"
            )
    return render_template("login.html", error=error), 401 if error else 200  # type: ignore[return-value]


@web.post("/logout")
def logout() -> Response:
    check_csrf()
    session.clear()
    return redirect(url_for("web.home"))


@web.get("/cases/<case_number>")
@page_login_required
def case_page(case_number: str) -> str:
    account_id = current_account_id()
    assert account_id is not None
    uow = courier().uow()
    case = cases.get_case(uow, account_id, case_number)
    with uow:
        account = actor(uow, account_id)
    return render_template(
        "case.html",
        case=case,
        account=account,
        next_statuses=case.next_statuses(account),
        new_leg_kinds=case.bookable_kinds(account),
    )
