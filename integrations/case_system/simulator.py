"""The case-system simulator: receives signed status reports (回传), verifies and lists them.

POST /reports takes reports; /control/* (JSON) makes it fail, wait or be gone; GET /reports
lists what it got and GET / shows it as a page. State lives in memory, guarded by one lock.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from werkzeug.serving import BaseWSGIServer, make_server

from integrations.case_system.page import reports_page
from integrations.case_system.reports import Report, ReportBook, now_text
from integrations.case_system.verify import check_report, fields_of, is_secret

MAX_DELAY_SECONDS = 120.0
receiver = Blueprint("case_system_reports", __name__)
control = Blueprint("case_system_control", __name__, url_prefix="/control")


def book() -> ReportBook:
    running: ReportBook = current_app.extensions["case_system_reports"]
    return running


@receiver.post("/reports")
def receive() -> Response | tuple[Response, int]:
    body = request.get_data()
    webhook_id = request.headers.get("webhook-id", "")[:200]
    checked = check_report(body, dict(request.headers), book().current_secrets())
    event_type, case_number, sequence = fields_of(checked.payload, body)

    def keep(status: int, reason: str = "") -> Report:
        report = Report(
            webhook_id, event_type, case_number, sequence, checked.payload is not None,
            False, status, now_text(), reason,
        )  # fmt: skip
        return book().record(report)

    if checked.payload is None:
        keep(401, checked.reason)
        return jsonify(error="report refused", reason=checked.reason), 401
    delay, status, retry_after = book().take_answer()
    time.sleep(delay)
    if status is not None:
        keep(status, "told to answer so")
        reply = jsonify(error="answering as told", status=status)
        if retry_after is not None:
            reply.headers["Retry-After"] = str(retry_after)
        return reply, status
    report = keep(200)
    return jsonify(received=webhook_id, duplicate=report.duplicate), 200


@receiver.get("/reports")
def listing() -> Response:
    return jsonify(book().listing())


@receiver.get("/")
def page() -> Response:
    return Response(
        reports_page(book().listing()["reports"]), content_type="text/html; charset=utf-8"
    )


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


def create_case_system_app(secrets: list[str] | tuple[str, ...] = ()) -> Flask:
    """Build the simulator as a WSGI app accepting reports signed with any of `secrets`."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    reports = ReportBook()
    reports.set_secrets(list(secrets))
    app.extensions["case_system_reports"] = reports
    app.register_blueprint(receiver)
    app.register_blueprint(control)
    return app


class RunningSimulator:
    """A simulator served on a background thread; `shutdown()` stops it and frees the port."""

    def __init__(self, server: BaseWSGIServer, app: Flask) -> None:
        self.server, self.app = server, app
        self.thread = threading.Thread(
            target=server.serve_forever, name="case-system-sim", daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://{self.server.host}:{self.server.port}"

    @property
    def reports(self) -> ReportBook:
        running: ReportBook = self.app.extensions["case_system_reports"]
        return running

    def shutdown(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def serve_in_thread(
    host: str, port: int, secrets: list[str] | tuple[str, ...] = ()
) -> RunningSimulator:
    """Serve the simulator on host:port (0: any free port) from a daemon thread."""
    app = create_case_system_app(secrets)
    running = RunningSimulator(make_server(host, port, app, threaded=True), app)
    running.thread.start()
    return running


def run_case_system_simulator(host: str, port: int, secrets: list[str]) -> None:
    """Serve the simulator in the foreground until interrupted."""
    server = make_server(host, port, create_case_system_app(secrets), threaded=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
