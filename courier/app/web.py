"""Pages for staff: sign in, the case list, one case with its legs."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from flask import Blueprint, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from courier.app.audit_trail import listed, viewed
from courier.app.auth import current_account_id, page_login_required
from courier.app.context import courier
from courier.app.field_labels import field_label
from courier.app.i18n import say
from courier.app.present import leg_promise, say_kept
from courier.app.security import (
    SignInThrottled,
    client_address,
    safe_next,
    signin_throttle,
    staff_sessions,
)
from courier.domain.accounts import ROLE_NAMES
from courier.domain.audit import AuditAction
from courier.domain.booking_options import options_line
from courier.domain.case import CASE_STATUS_NAMES
from courier.domain.case_search import CaseSearch
from courier.domain.errors import ValidationFailed
from courier.domain.leg import LEG_KIND_NAMES, STATUS_NAMES
from courier.domain.local_time import local
from courier.domain.masking import mask_address, mask_name, mask_phone
from courier.domain.result_handover import COLLECTOR_NAMES
from courier.domain.text import Text
from courier.services import cases
from courier.services.accounts import preferred_language
from courier.services.auth import WrongCredentials, end_session, sign_in
from courier.services.case_view import CaseView, case_view
from courier.services.cases import actor
from courier.services.desk_queue import exceptions_queue

web = Blueprint("web", __name__)


@web.app_context_processor
def names() -> dict[str, object]:
    return {
        "case_status_names": CASE_STATUS_NAMES,
        "leg_kind_names": LEG_KIND_NAMES,
        "leg_status_names": STATUS_NAMES,
        "leg_promise": leg_promise,
        "leg_options_line": options_line,
        "role_names": ROLE_NAMES,
        "mask_name": mask_name,
        "mask_phone": mask_phone,
        "mask_address": mask_address,
        "signed_in": signed_in,
        "local_time": local_time,
        "collector_names": COLLECTOR_NAMES,
        "say": say,
        "say_kept": say_kept,
    }


def local_time(moment: datetime | None) -> str:
    """Show a stored moment as China Standard Time, to the minute."""
    return local(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def signed_in() -> bool:
    return bool(session.get("sid")) and current_account_id() is not None


SEARCH_FIELDS = ("q", "status", "from", "to", "page")


@web.get("/")
def home() -> str | tuple[str, int]:
    account_id = current_account_id()
    if account_id is None:
        return render_template("welcome.html")
    typed = {name: request.args.get(name, "") for name in SEARCH_FIELDS}
    uow = courier().uow()
    with uow:
        account = actor(uow, account_id)
    shown = {"account": account, "typed": typed, "queue": exceptions_queue(uow, account_id)}
    try:
        search = CaseSearch.from_text(
            typed["q"], typed["status"], typed["from"], typed["to"], typed["page"]
        )
    except ValidationFailed as failure:
        return render_template("home.html", found=None, errors=failure.errors, **shown), 422
    found = cases.search_cases(uow, account_id, search)
    page = render_template("home.html", found=found, errors={}, **shown)
    listed(found.items, Text("工作台列表"))
    return page


@web.get("/login")
def login_form() -> str:
    return render_template("login.html", error=None)


@web.post("/login")
def login() -> Response | tuple[str, int, dict[str, str]]:
    username, address = request.form.get("username", ""), client_address()
    throttle, app = signin_throttle(), courier()
    try:
        throttle.check(username, address)
        credentials = (username, request.form.get("password", ""))
        token = sign_in(app.uow(), staff_sessions(), credentials, app.clock.now(), address)
    except SignInThrottled as refused:
        retry = {"Retry-After": str(refused.retry_after)}
        return render_template("login.html", error=refused.description), 429, retry
    except WrongCredentials as failure:
        throttle.failed(username, address)
        return render_template("login.html", error=failure.message), 401, {}
    chosen = session.get("lang")
    session.clear()
    session["sid"] = token
    language = preferred_language(app.uow(), username) or chosen
    if language:
        session["lang"] = language
    return redirect(safe_next(request.args.get("next", "")))


@web.post("/logout")
def logout() -> Response:
    end_session(staff_sessions(), session.get("sid", ""), courier().clock.now())
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language  # the next reader of this browser keeps its language
    return redirect(url_for("web.home"))


@web.get("/cases/<case_number>")
@page_login_required
def case_page(case_number: str) -> str:
    return case_page_html(case_number)


@web.get("/cases/<case_number>/legs.html")
@page_login_required
def case_legs(case_number: str) -> Response:
    """Render the legs section alone, for the page to swap in when it changed (ETag)."""
    page = case_view(courier().uow(), _me(), case_number)
    if page.legs_version in request.if_none_match:
        answer = Response(status=304)
    else:
        answer = Response(render_template("_legs.html", **_shown(page)), mimetype="text/html")
        viewed(AuditAction.CASE_VIEWED, case_number, Text("寄递部分刷新"))  # a 304 shows nothing
    answer.set_etag(page.legs_version)
    answer.headers["Cache-Control"] = "no-cache, private"
    return answer


def case_page_html(
    case_number: str,
    error: str | None = None,
    fields: Mapping[str, str] | None = None,
    form: Mapping[str, str] | None = None,
) -> str:
    """Render the whole case page, with a failed form's message and fields when there is one.

    Each rendering is a view of the applicant's data and is logged, a refused form's too.
    """
    page = case_view(courier().uow(), _me(), case_number)
    html = render_template(
        "case.html",
        **_shown(page),
        error=error,
        fields=fields or {},
        form=form or {},
        field_label=field_label,
    )
    viewed(AuditAction.CASE_VIEWED, case_number, Text("表单未通过") if error else "")
    return html


def _shown(page: CaseView) -> dict[str, object]:
    case, account = page.case, page.account
    return {
        "page": page,
        "case": case,
        "account": account,
        "next_statuses": case.next_statuses(account),
        "new_leg_kinds": case.bookable_kinds(account),
        "local": local,
    }


def _me() -> int:
    account_id = current_account_id()
    assert account_id is not None
    return account_id
