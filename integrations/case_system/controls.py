"""The simulator's controls (JSON only): fail the next reports, wait, be gone, reset, secrets."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from integrations.case_system.reports import ReportBook
from integrations.case_system.verify import is_secret

MAX_DELAY_SECONDS = 120.0
control = Blueprint("case_system_control", __name__, url_prefix="/control")


def book() -> ReportBook:
    running: ReportBook = current_app.extensions["case_system_reports"]
    return running


@control.before_request
def json_only() -> tuple[Response, int] | None:
    """Refuse anything but a JSON object, so a cross-site form cannot change the controls."""
    if not request.is_json or not isinstance(request.get_json(silent=True), dict):
        return jsonify(error="send a JSON object (application/json)"), 415
    return None


def _body() -> dict[str, Any]:
    body: dict[str, Any] = request.get_json(silent=True) or {}
    return body


@control.post("/fail")
def fail() -> Response | tuple[Response, int]:
    body = _body()
    try:
        count, status = int(body.get("count", 1)), int(body.get("status", 503))
        retry_after = None if body.get("retry_after") is None else int(body["retry_after"])
    except (TypeError, ValueError):
        return jsonify(error="count, status and retry_after must be whole numbers"), 400
    if count < 0 or not 300 <= status <= 599 or (retry_after is not None and retry_after < 0):
        return jsonify(error="count ≥ 0, status 300–599, retry_after ≥ 0"), 400
    changed = book().configure(fail_count=count, fail_status=status, retry_after=retry_after)
    return jsonify(vars(changed))


@control.post("/delay")
def delay() -> Response | tuple[Response, int]:
    try:
        seconds = float(_body().get("seconds", 0))
    except (TypeError, ValueError):
        return jsonify(error="seconds must be a number"), 400
    if not 0 <= seconds <= MAX_DELAY_SECONDS:
        return jsonify(error=f"seconds must be between 0 and {MAX_DELAY_SECONDS:g}"), 400
    return jsonify(vars(book().configure(delay_seconds=seconds)))


@control.post("/gone")
def gone() -> Response:
    return jsonify(vars(book().configure(gone=True)))


@control.post("/reset")
def reset() -> Response:
    book().reset()
    return jsonify(reset=True)


@control.post("/secret")
def secret() -> Response | tuple[Response, int]:
    """Add one secret ({"secret": …}) or set the whole list ({"secrets": […]}) for a rotation."""
    body = _body()
    given = body["secrets"] if "secrets" in body else [body.get("secret")]
    if not isinstance(given, list) or not given or not all(is_secret(s) for s in given):
        return jsonify(error="secrets look like whsec_<base64>"), 400
    if "secrets" in body:
        book().set_secrets(given)
    else:
        book().add_secret(given[0])
    return jsonify(secrets=len(book().current_secrets()))
