"""Map typed errors to HTTP answers once: JSON for the API, a page for people."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from flask import Flask, Response, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.exceptions import NotFound as NoSuchPath

from courier.app.field_labels import field_label, page_title
from courier.domain.errors import (
    Conflict,
    DomainError,
    InvalidValue,
    NotFound,
    RuleViolation,
    ValidationFailed,
)
from courier.domain.text import Text
from courier.ports.carrier import CarrierBusinessError, CarrierError
from courier.services.auth import WrongCredentials

log = logging.getLogger(__name__)

STATUS: dict[type[DomainError], int] = {
    ValidationFailed: 422,
    InvalidValue: 422,
    RuleViolation: 409,
    Conflict: 409,
    NotFound: 404,
    WrongCredentials: 401,
}

HTTP_MESSAGES = {
    400: Text("请求格式不正确。"),
    401: Text("请先登录。"),
    403: Text("没有权限。"),
    404: Text("未找到。"),
    405: Text("不支持该请求方法。"),
    413: Text("请求内容过大。"),
    415: Text("请以 JSON 格式提交（Content-Type: application/json）。"),
    429: Text("尝试次数过多，请稍后再试。"),
    500: Text("系统内部错误，请稍后再试。"),
    503: Text("服务暂时不可用，请稍后再试。"),
}
PAGE_EXPIRED = "页面已过期，请刷新后重试。"
_CASE_FORM = re.compile(r"^/cases/([A-Za-z0-9_-]{4,40})/")


def status_of(error: DomainError) -> int:
    return next((code for kind, code in STATUS.items() if isinstance(error, kind)), 400)


def error_body(code: str, message: str, fields: dict[str, str] | None = None) -> dict[str, object]:
    body: dict[str, object] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return {"error": body}


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.is_json


def _answer(status: int, code: str, message: str, fields: dict[str, str] | None = None) -> Response:
    if _wants_json():
        response = jsonify(error_body(code, message, fields))
    else:
        page = render_template(
            "error.html",
            status=status,
            message=message,
            fields=fields or {},
            page_title=page_title,
            field_label=field_label,
            back_to=_case_page_of(request.path),
        )
        response = Response(page, mimetype="text/html")
    response.status_code = status
    return response


def _case_page_of(path: str) -> str | None:
    """Return the case page a failed case-page form came from, to send staff back to it."""
    match = _CASE_FORM.match(path)
    return f"/cases/{match.group(1)}" if match and request.method == "POST" else None


def _exists_for_another_method(app: Flask, methods: Iterable[str]) -> bool:
    adapter = app.url_map.bind_to_environ(request.environ)
    for method in set(methods) - {"HEAD", "OPTIONS"}:
        try:
            adapter.match(method=method)
        except HTTPException:
            continue
        return True
    return False


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(error: DomainError) -> Response:
        fields = error.errors if isinstance(error, ValidationFailed) else None
        if fields is None and error.field:
            fields = {error.field: error.message}
        return _answer(status_of(error), error.code, error.message, fields)

    @app.errorhandler(CarrierError)
    def carrier_error(error: CarrierError) -> Response:
        log.warning("carrier %s %s on %s", type(error).__name__, error.code, request.path)
        if isinstance(error, CarrierBusinessError):
            return _answer(422, "carrier_refused", f"邮政拒绝了该请求：{error.message}")
        return _answer(503, "carrier_unavailable", "邮政系统暂时不可用，请稍后再试。")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        status = error.code or 500
        message = HTTP_MESSAGES.get(status, error.description or "请求失败。")
        response = _answer(status, f"http_{status}", message)
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            response.headers["Retry-After"] = str(retry_after)
        return response

    @app.errorhandler(MethodNotAllowed)
    def method_not_allowed(error: MethodNotAllowed) -> Response:
        # The router answers 405 when an id out of range fails the rule of this method but
        # looked like another method's path: nothing is there, so it is a 404.
        found = _exists_for_another_method(app, error.valid_methods or ())
        return http_error(error if found else NoSuchPath())

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> Response:
        # The reason stays in the log; the user only needs to reload the form.
        log.info("form refused on %s: %s", request.path, error.description)
        return _answer(400, "csrf_failed", PAGE_EXPIRED)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        # Only the type goes to the log line: exception text may quote personal data.
        log.error("unhandled %s on %s %s", type(error).__name__, request.method, request.path)
        return _answer(500, "internal_error", HTTP_MESSAGES[500])
