"""The JSON API of status-report endpoints (回传地址), for administrators only."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import Blueprint, Response, jsonify, request
from pydantic import Field

from courier.app.answers_webhooks import (
    AttemptList,
    CreatedEndpointAnswer,
    EndpointAnswer,
    EndpointList,
    ReplayAnswer,
    ReportedEventList,
    RotatedSecretAnswer,
)
from courier.app.api import body, created, me, require_admin
from courier.app.auth import api_login_required
from courier.app.context import courier
from courier.app.openapi import documented
from courier.domain import text
from courier.domain.webhooks import MAX_URL, Endpoint
from courier.services import webhooks
from courier.services.commands import Command, ShortText, Text

webhooks_api = Blueprint("webhooks_api", __name__, url_prefix="/api/v1")


class CreateEndpoint(Command):
    url: Text = Field(max_length=MAX_URL)
    event_types: list[Text] = Field(min_length=1, max_length=30)
    description: ShortText = ""


class ReplayEvent(Command):
    endpoint_id: int | None = None


@webhooks_api.before_request
@api_login_required
def _administrators_only() -> None:
    require_admin()


@webhooks_api.post("/webhook-endpoints")
@documented(
    text.Text("订阅回传地址（密钥只显示一次）"),
    request=CreateEndpoint,
    answers={201: CreatedEndpointAnswer},
    admin=True,
    example={
        "url": "https://case.example.gov.cn/courier/reports",
        "event_types": ["leg.delivered"],
    },
)
def create_endpoint() -> tuple[Response, int]:
    app, command = courier(), CreateEndpoint.parse(body())
    subscribe = webhooks.Subscribe(command.url, command.event_types, command.description)
    production = app.settings.env == "production"
    endpoint, secret = webhooks.create_endpoint(app.uow(), app.clock, subscribe, production, me())
    return created({**endpoint_json(endpoint), "secret": secret})


@webhooks_api.get("/webhook-endpoints")
@documented(text.Text("列出回传地址（不含密钥）"), answers={200: EndpointList}, admin=True)
def list_endpoints() -> Response:
    endpoints = webhooks.list_endpoints(courier().uow())
    return jsonify({"endpoints": [endpoint_json(e) for e in endpoints]})


@webhooks_api.get("/webhook-endpoints/<int:endpoint_id>")
@documented(text.Text("查看回传地址"), answers={200: EndpointAnswer}, admin=True)
def get_endpoint(endpoint_id: int) -> Response:
    return jsonify(endpoint_json(webhooks.get_endpoint(courier().uow(), endpoint_id)))


@webhooks_api.post("/webhook-endpoints/<int:endpoint_id>/rotate-secret")
@documented(
    text.Text("轮换回传密钥（新密钥只显示一次）"), answers={200: RotatedSecretAnswer}, admin=True
)
def rotate_secret(endpoint_id: int) -> Response:
    app = courier()
    grace = timedelta(hours=app.settings.webhook_rotation_hours)
    secret = webhooks.rotate_secret(app.uow(), app.clock, endpoint_id, grace, me())
    until = app.clock.now() + grace
    shown = {"id": endpoint_id, "secret": secret, "previous_secret_until": until.isoformat()}
    return jsonify(shown)


@webhooks_api.delete("/webhook-endpoints/<int:endpoint_id>")
@documented(text.Text("停用回传地址"), answers={200: EndpointAnswer}, admin=True)
def disable_endpoint(endpoint_id: int) -> Response:
    return jsonify(endpoint_json(webhooks.disable_endpoint(courier().uow(), endpoint_id, me())))


@webhooks_api.get("/webhook-endpoints/<int:endpoint_id>/deliveries")
@documented(text.Text("查看回传地址的投递记录"), answers={200: AttemptList}, admin=True)
def endpoint_deliveries(endpoint_id: int) -> Response:
    attempts = webhooks.endpoint_attempts(courier().uow(), endpoint_id)
    return jsonify({"attempts": [_iso(a) for a in attempts]})


@webhooks_api.get("/webhook-events")
@documented(
    text.Text("列出回传事件及其投递状态"),
    answers={200: ReportedEventList},
    errors=(422,),
    admin=True,
    query={"state": {"type": "string", "enum": ["pending", "delivered", "given_up", "failed"]}},
)
def reported_events() -> Response:
    state = request.args.get("state")
    events = webhooks.reported_events(courier().uow(), state)
    return jsonify({"events": [_iso(e) for e in events]})


@webhooks_api.post("/webhook-events/<int:event_id>/replay")
@documented(
    text.Text("重发回传事件（同一 webhook-id）"),
    request=ReplayEvent,
    answers={200: ReplayAnswer},
    admin=True,
)
def replay_event(event_id: int) -> Response:
    app = courier()
    command = ReplayEvent.parse(body() if request.get_data() else {})
    count = webhooks.replay_event(app.uow(), app.clock, event_id, command.endpoint_id)
    return jsonify({"id": event_id, "queued": count})


def endpoint_json(endpoint: Endpoint) -> dict[str, Any]:
    """Show an endpoint; never its secret (that is shown once, when it is made)."""
    return {
        "id": endpoint.id,
        "url": endpoint.url,
        "description": endpoint.description,
        "event_types": list(endpoint.event_types),
        "enabled": endpoint.enabled,
        "disabled_reason": endpoint.disabled_reason,
        "created_at": endpoint.created_at.isoformat(),
    }


def _iso(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()}
