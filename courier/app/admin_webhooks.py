"""The desk's case-system endpoints (回传地址): list, subscribe, rotate the secret, disable."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from courier.app.admin_desk import admin_only, admin_section
from courier.app.admin_forms import refused_fields, shown_once
from courier.app.context import courier
from courier.app.i18n import say
from courier.app.webhooks_api import CreateEndpoint
from courier.domain.errors import DomainError
from courier.domain.reports import PUBLIC_TYPES
from courier.domain.text import Text
from courier.services import webhooks

admin_webhooks = Blueprint("admin_webhooks", __name__, url_prefix="/admin/webhooks")
admin_webhooks.before_request(admin_only)
admin_section("admin_webhooks.page", Text("回传地址"))


def _page(status: int = 200, **shown: object) -> tuple[str, int]:
    endpoints = webhooks.list_endpoints(courier().uow())
    shown = {"fields": {}, "form": {}, "chosen": [], "secret": "", "grace_hours": 0, **shown}
    html = render_template(
        "admin/webhooks.html", endpoints=endpoints, types=PUBLIC_TYPES.values(), **shown
    )
    return html, status


@admin_webhooks.get("")
def page() -> tuple[str, int]:
    return _page()


@admin_webhooks.post("")
def subscribe() -> Response | tuple[str, int]:
    app, form = courier(), request.form
    data = {"url": form.get("url", ""), "description": form.get("description", "")}
    chosen = form.getlist("event_types")
    try:
        command = CreateEndpoint.parse({**data, "event_types": chosen})
        subscribe = webhooks.Subscribe(command.url, command.event_types, command.description)
        production = app.settings.env == "production"
        endpoint, secret = webhooks.create_endpoint(app.uow(), app.clock, subscribe, production)
    except DomainError as error:
        fields = refused_fields(error)
        return _page(422, error=error.message, fields=fields, form=data, chosen=chosen)
    return shown_once(_page(secret=secret, secret_for=endpoint)[0])


@admin_webhooks.post("/<int:endpoint_id>/rotate-secret")
def rotate_secret(endpoint_id: int) -> Response:
    app = courier()
    grace = timedelta(hours=app.settings.webhook_rotation_hours)
    secret = webhooks.rotate_secret(app.uow(), app.clock, endpoint_id, grace)
    endpoint = webhooks.get_endpoint(app.uow(), endpoint_id)
    return shown_once(
        _page(secret=secret, secret_for=endpoint, grace_hours=app.settings.webhook_rotation_hours)[
            0
        ]
    )


@admin_webhooks.post("/<int:endpoint_id>/disable")
def disable(endpoint_id: int) -> Response:
    webhooks.disable_endpoint(courier().uow(), endpoint_id)
    flash(say(Text("回传地址已停用，不再向其投递。")))
    return redirect(url_for("admin_webhooks.page"))


@admin_webhooks.get("/<int:endpoint_id>/deliveries")
def deliveries(endpoint_id: int) -> str:
    app = courier()
    endpoint = webhooks.get_endpoint(app.uow(), endpoint_id)
    attempts = webhooks.endpoint_attempts(app.uow(), endpoint_id)
    return render_template("admin/webhook_deliveries.html", endpoint=endpoint, attempts=attempts)
