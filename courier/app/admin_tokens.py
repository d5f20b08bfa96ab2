"""The desk's API tokens of machine clients: list, issue (shown once), revoke."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from courier.app.admin_desk import admin_only, admin_section
from courier.app.admin_forms import refused_fields, shown_once
from courier.app.context import courier
from courier.app.i18n import say
from courier.domain.errors import DomainError
from courier.domain.text import Text
from courier.services import api_tokens
from courier.services.api_tokens import CreateApiToken

admin_tokens = Blueprint("admin_tokens", __name__, url_prefix="/admin/api-tokens")
admin_tokens.before_request(admin_only)
admin_section("admin_tokens.page", Text("API 令牌"))


def _page(status: int = 200, **shown: object) -> tuple[str, int]:
    app = courier()
    tokens = api_tokens.list_api_tokens(app.uow())
    with app.uow() as uow:
        halls = uow.halls.list()
    shown = {"fields": {}, "form": {}, "chosen": [], "secret": "", **shown}
    return render_template("admin/api_tokens.html", tokens=tokens, halls=halls, **shown), status


@admin_tokens.get("")
def page() -> tuple[str, int]:
    return _page()


@admin_tokens.post("")
def issue() -> Response | tuple[str, int]:
    app, name, chosen = courier(), request.form.get("name", ""), request.form.getlist("halls")
    try:
        command = CreateApiToken.parse({"name": name, "halls": chosen})
        issued = api_tokens.create_api_token(app.uow(), command, app.clock)
    except DomainError as error:
        fields = refused_fields(error)
        return _page(422, error=error.message, fields=fields, form={"name": name}, chosen=chosen)
    return shown_once(_page(secret=issued.secret, issued=issued.token)[0])


@admin_tokens.post("/<int:token_id>/revoke")
def revoke(token_id: int) -> Response:
    app = courier()
    token = api_tokens.revoke_api_token(app.uow(), token_id, app.clock)
    flash(say(Text("令牌“{name}”已吊销，之后用它的请求都会被拒绝。", name=token.name)))
    return redirect(url_for("admin_tokens.page"))
