"""Form posts from the case page: plan a leg, move the case on, cancel or retry a leg.

Each one leads back to the case page: with a message saying what was done, or, when it is
refused, with the reason on top and the offending fields marked (never the bare error page).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from courier.app.auth import current_account_id, page_login_required
from courier.app.context import courier
from courier.app.errors import status_of
from courier.app.i18n import say
from courier.app.web import case_page_html
from courier.domain.case import CaseStatus
from courier.domain.errors import DomainError, NotFound, ValidationFailed
from courier.domain.text import Text
from courier.ports.call_log import leg_reference
from courier.ports.carrier import CarrierBusinessError
from courier.services import cases, leg_actions, legs, receipts, window_handover
from courier.services.commands import AdvanceCase, CancelLeg, PlanLeg
from courier.services.receipts import ResolveDiscrepancy
from courier.services.window_handover import HandOverResult

case_actions = Blueprint("case_actions", __name__)
P = ParamSpec("P")
Answer = Response | tuple[str, int]

ADVANCED = {
    CaseStatus.IN_REVIEW: Text("办件已进入审查。"),
    CaseStatus.DECIDED: Text("办件已办结，待送达结果。"),
    CaseStatus.CLOSED: Text("办件已办结送达。"),
}
UPDATED = Text("办件状态已更新。")


def _me() -> int:
    account_id = current_account_id()
    assert account_id is not None
    return account_id


def _back_to(case_number: str, message: Text) -> Response:
    flash(say(message))  # kept in the session as words: said now, in the reader's language
    return redirect(url_for("web.case_page", case_number=case_number))


def stays_on_page(view: Callable[P, Response]) -> Callable[P, Answer]:
    """Show a refused post on its case page (422/409) instead of the error page."""

    @wraps(view)
    def post(*args: P.args, **kwargs: P.kwargs) -> Answer:
        try:
            return view(*args, **kwargs)
        except NotFound:
            raise  # nothing to show the case page with: the error page says so
        except DomainError as error:
            fields = error.errors if isinstance(error, ValidationFailed) else {}
            if not fields and error.field:
                fields = {error.field: error.message}
            return _refused(str(kwargs["case_number"]), error.message, fields, status_of(error))
        except CarrierBusinessError as error:
            message = Text("邮政拒绝了该请求：{reason}", reason=error.message)
            return _refused(str(kwargs["case_number"]), message, {}, 422)

    return post


def _refused(case_number: str, message: str, fields: dict[str, str], status: int) -> Answer:
    form = {k: v for k, v in request.form.items() if k != "csrf"}
    return case_page_html(case_number, message, fields, form), status


@case_actions.post("/cases/<case_number>/legs")
@page_login_required
@stays_on_page
def plan_leg(case_number: str) -> Response:
    app = courier()
    form = {k: v for k, v in request.form.items() if v != ""}
    command = PlanLeg.parse(form)
    legs.plan_checked_leg(app.uow(), app.carrier(), _me(), case_number, command, app.clock)
    return _back_to(case_number, Text("已提交下单，正在向邮政取号。"))


@case_actions.post("/cases/<case_number>/status")
@page_login_required
@stays_on_page
def advance_case(case_number: str) -> Response:
    command = AdvanceCase.parse(request.form.to_dict())
    app = courier()
    cases.advance_case(app.uow(), _me(), case_number, command, app.clock)
    return _back_to(case_number, ADVANCED.get(command.status, UPDATED))


@case_actions.post("/cases/<case_number>/handover")
@page_login_required
@stays_on_page
def hand_over_result(case_number: str) -> Response:
    app = courier()
    command = HandOverResult.parse(request.form.to_dict())
    window_handover.hand_over_result(app.uow(), _me(), case_number, command, app.clock)
    return _back_to(case_number, Text("已登记交付，办件已办结送达。"))


@case_actions.post("/cases/<case_number>/legs/<int:leg_id>/resolve")
@page_login_required
@stays_on_page
def resolve_discrepancy(case_number: str, leg_id: int) -> Response:
    app = courier()
    leg_actions.case_leg(app.uow(), _me(), case_number, leg_id)
    command = ResolveDiscrepancy.parse(request.form.to_dict())
    receipts.resolve_discrepancy(app.uow(), _me(), leg_id, command, app.clock)
    return _back_to(case_number, Text("已登记材料问题的处理结果。"))


@case_actions.get("/cases/<case_number>/legs/<int:leg_id>/cancel")
@page_login_required
def confirm_cancel(case_number: str, leg_id: int) -> str:
    leg = leg_actions.cancellable_leg(courier().uow(), _me(), case_number, leg_id)
    return render_template("leg_cancel.html", case_number=case_number, leg=leg)


@case_actions.post("/cases/<case_number>/legs/<int:leg_id>/cancel")
@page_login_required
@stays_on_page
def cancel_leg(case_number: str, leg_id: int) -> Response:
    app, reason = courier(), CancelLeg.parse(request.form.to_dict()).reason
    with leg_reference(str(leg_id)):
        leg_actions.cancel_case_leg(
            app.uow(), app.carrier(), app.clock, _me(), case_number, leg_id, reason
        )
    return _back_to(case_number, Text("运单已取消。"))


@case_actions.post("/cases/<case_number>/legs/<int:leg_id>/retry")
@page_login_required
@stays_on_page
def retry_leg(case_number: str, leg_id: int) -> Response:
    leg_actions.retry_case_leg(courier().uow(), _me(), case_number, leg_id)
    return _back_to(case_number, Text("已重新提交下单。"))
