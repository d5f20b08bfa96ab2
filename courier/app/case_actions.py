"""Form posts from the case page: plan a leg, move the case on, cancel or retry a leg."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from courier.app.auth import current_account_id, page_login_required
from courier.app.context import courier
from courier.ports.call_log import leg_reference
from courier.services import cases, leg_actions, legs, window_handover
from courier.services.commands import AdvanceCase, CancelLeg, PlanLeg
from courier.services.window_handover import HandOverResult

case_actions = Blueprint("case_actions", __name__)


def _me() -> int:
    account_id = current_account_id()
    assert account_id is not None
    return account_id


def _back_to(case_number: str) -> Response:
    return redirect(url_for("web.case_page", case_number=case_number))


@case_actions.post("/cases/<case_number>/legs")
@page_login_required
def plan_leg(case_number: str) -> Response:
    app = courier()
    form = {k: v for k, v in request.form.items() if v != ""}
    legs.plan_leg(app.uow(), _me(), case_number, PlanLeg.parse(form), app.clock)
    return _back_to(case_number)


@case_actions.post("/cases/<case_number>/status")
@page_login_required
def advance_case(case_number: str) -> Response:
    command = AdvanceCase.parse(request.form.to_dict())
    app = courier()
    cases.advance_case(app.uow(), _me(), case_number, command, app.clock)
    return _back_to(case_number)


@case_actions.post("/cases/<case_number>/handover")
@page_login_required
def hand_over_result(case_number: str) -> Response:
    app = courier()
    command = HandOverResult.parse(request.form.to_dict())
    window_handover.hand_over_result(app.uow(), _me(), case_number, command, app.clock)
    return _back_to(case_number)


@case_actions.get("/cases/<case_number>/legs/<int:leg_id>/cancel")
@page_login_required
def confirm_cancel(case_number: str, leg_id: int) -> str:
    leg = leg_actions.cancellable_leg(courier().uow(), _me(), case_number, leg_id)
    return render_template("leg_cancel.html", case_number=case_number, leg=leg)


@case_actions.post("/cases/<case_number>/legs/<int:leg_id>/cancel")
@page_login_required
def cancel_leg(case_number: str, leg_id: int) -> Response:
    app, reason = courier(), CancelLeg.parse(request.form.to_dict()).reason
    with leg_reference(str(leg_id)):
        leg_actions.cancel_leg_as(app.uow(), app.carrier(), _me(), leg_id, reason)
    return _back_to(case_number)


@case_actions.post("/cases/<case_number>/legs/<int:leg_id>/retry")
@page_login_required
def retry_leg(case_number: str, leg_id: int) -> Response:
    app = courier()
    leg_actions.retry_booking_as(app.uow(), _me(), leg_id)
    return _back_to(case_number)
