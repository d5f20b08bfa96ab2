"""The case-system simulator: receives signed status reports (回传), verifies and lists them.

POST /reports takes reports; /control/* (JSON) makes it fail, wait or be gone; GET /reports
lists what it got and GET / shows it as a page. State lives in memory, guarded by one lock.
"""

from __future__ import annotations

import threading
import time

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from werkzeug.serving import BaseWSGIServer, make_server

from integrations.case_system.controls import control
from integrations.case_system.page import reports_page
from integrations.case_system.reports import Report, ReportBook, now_text
from integrations.case_system.verify import check_report, fields_of

receiver = Blueprint("case_system_reports", __name__)


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
