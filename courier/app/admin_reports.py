"""The desk's failed status reports: given up or failing, per endpoint and case, replayed."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from courier.app.admin_desk import admin_only, admin_section
from courier.app.auth import current_account_id
from courier.app.context import courier
from courier.app.i18n import say
from courier.domain.text import Text
from courier.services import webhooks
from courier.services.webhooks import TroubleFilter

admin_reports = Blueprint("admin_reports", __name__, url_prefix="/admin/reports")
admin_reports.before_request(admin_only)
admin_section("admin_reports.page", Text("失败回传"))


def _wanted() -> TroubleFilter:
    args = request.args
    endpoint = args.get("endpoint_id", "")
    return TroubleFilter(
        given_up_only=args.get("state") == "given_up",
        endpoint_id=int(endpoint) if endpoint.isdigit() and len(endpoint) < 10 else None,
        case_number=args.get("case_number", "")[:40],
    )


@admin_reports.get("")
def page() -> str:
    app, wanted = courier(), _wanted()
    reports = webhooks.troubled_reports(app.uow(), wanted)
    endpoints = webhooks.list_endpoints(app.uow())
    return render_template(
        "admin/reports.html", reports=reports, endpoints=endpoints, wanted=wanted
    )


@admin_reports.post("/<int:event_id>/replay")
def replay(event_id: int) -> Response:
    app, endpoint = courier(), request.form.get("endpoint_id", "")
    endpoint_id = int(endpoint) if endpoint.isdigit() and len(endpoint) < 10 else None
    by = current_account_id()
    count = webhooks.replay_event(app.uow(), app.clock, event_id, endpoint_id, by)
    flash(say(Text("已重新排队投递 {count} 处（同一消息编号）。", count=count)))
    return redirect(url_for("admin_reports.page"))
