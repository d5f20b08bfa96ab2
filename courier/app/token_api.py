"""API tokens of machine clients, managed by administrators: issue (shown once), list, revoke."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from courier.app.answers_admin import ApiTokenAnswer, ApiTokenList, IssuedApiTokenAnswer
from courier.app.api import body, created, me, require_admin
from courier.app.auth import api_login_required
from courier.app.context import courier
from courier.app.openapi import documented
from courier.domain.api_tokens import ApiToken
from courier.domain.text import Text
from courier.services import api_tokens
from courier.services.api_tokens import CreateApiToken

token_api = Blueprint("token_api", __name__, url_prefix="/api/v1/api-tokens")


def token_json(token: ApiToken) -> dict[str, Any]:
    """Describe a token without its secret (which is never stored)."""
    return {
        "id": token.id,
        "name": token.name,
        "halls": token.hall_codes,
        "created_at": token.created_at.isoformat(),
        "last_used_at": token.last_used_at.isoformat() if token.last_used_at else None,
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
    }


@token_api.post("")
@documented(
    Text("签发业务系统 API 令牌（只显示一次）"),
    request=CreateApiToken,
    answers={201: IssuedApiTokenAnswer},
    admin=True,
    example={"name": "办件系统", "halls": ["BJ-DC"]},
)
@api_login_required
def create_token() -> tuple[Response, int]:
    require_admin()
    app = courier()
    issued = api_tokens.create_api_token(app.uow(), CreateApiToken.parse(body()), app.clock, me())
    # the only time the secret is shown: it is stored as a digest
    return created({**token_json(issued.token), "token": issued.secret})


@token_api.get("")
@documented(Text("列出 API 令牌（不含令牌本身）"), answers={200: ApiTokenList}, admin=True)
@api_login_required
def list_tokens() -> Response:
    require_admin()
    found = api_tokens.list_api_tokens(courier().uow())
    return jsonify({"api_tokens": [token_json(token) for token in found]})


@token_api.delete("/<int:token_id>")
@token_api.post("/<int:token_id>/revoke")
@documented(Text("吊销 API 令牌"), answers={200: ApiTokenAnswer}, admin=True)
@api_login_required
def revoke_token(token_id: int) -> Response:
    require_admin()
    app = courier()
    return jsonify(token_json(api_tokens.revoke_api_token(app.uow(), token_id, app.clock, me())))
