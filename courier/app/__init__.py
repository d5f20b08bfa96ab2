"""The Flask application factory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from courier.app.admin_accounts import admin_accounts
from courier.app.admin_audit import admin_audit
from courier.app.admin_carrier_log import admin_carrier_log
from courier.app.admin_dashboard import admin_dashboard
from courier.app.admin_desk import admin_desk
from courier.app.admin_orgs import admin_orgs
from courier.app.admin_reports import admin_reports
from courier.app.admin_statements import admin_statements
from courier.app.admin_tokens import admin_tokens
from courier.app.admin_webhooks import admin_webhooks
from courier.app.api import api
from courier.app.audit_trail import init_audit
from courier.app.carrier_push import carrier_push
from courier.app.case_actions import case_actions
from courier.app.case_form import case_form
from courier.app.converters import install_converters
from courier.app.credentials import VerifiedCredentials
from courier.app.desk import desk
from courier.app.dev_sms import dev_sms
from courier.app.divisions import divisions
from courier.app.ems_open_push import EMS_PUSH_PATH, ems_open_push
from courier.app.errors import register_error_handlers
from courier.app.health import health
from courier.app.i18n import init_i18n
from courier.app.idempotency import init_idempotency
from courier.app.openapi_views import api_docs
from courier.app.printing import pdfs
from courier.app.public_api import public_api
from courier.app.receiving import receiving
from courier.app.receiving_api import receipt_api
from courier.app.report_docs import register_report_webhooks
from courier.app.request_text import refuse_invalid_text
from courier.app.security import init_security
from courier.app.statement_api import statement_api
from courier.app.token_api import token_api
from courier.app.tracking_admin import tracking_admin
from courier.app.tracking_page import tracking_page
from courier.app.web import web
from courier.app.webhooks_api import webhooks_api
from courier.bootstrap import Courier, bootstrap
from courier.config import Settings, embedded_report_secret
from courier.services.embedded_reports import CASE_SYSTEM_SIM_PATH
from courier.storage.sessions import SqlStaffSessions

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication


def create_app(settings: Settings | None = None, wired: Courier | None = None) -> Flask:
    """Build the web application for these settings (from the environment by default)."""
    settings = settings or (wired.settings if wired else Settings.from_env())
    app = Flask(__name__)
    init_i18n(app)
    install_converters(app.url_map)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    courier = wired or bootstrap(settings)
    app.extensions["courier"] = courier
    app.extensions["courier_credentials"] = VerifiedCredentials()
    # Text that cannot be stored is refused first, before sessions and CSRF read it.
    refuse_invalid_text(app)
    init_security(app, settings, SqlStaffSessions(courier.engine))
    blueprints = (
        health, api, pdfs, web, case_form, case_actions, desk, tracking_page, carrier_push
    )  # fmt: skip
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    app.register_blueprint(tracking_admin)
    app.register_blueprint(public_api)
    if settings.is_embedded_sms:
        app.register_blueprint(dev_sms)
    if settings.carrier == "ems_open":
        app.register_blueprint(ems_open_push)
    app.register_blueprint(api_docs)
    register_report_webhooks()
    app.register_blueprint(token_api)
    init_idempotency(app)
    app.register_blueprint(webhooks_api)
    app.register_blueprint(receiving)
    app.register_blueprint(receipt_api)
    app.register_blueprint(divisions)
    app.register_blueprint(admin_desk)
    app.register_blueprint(admin_dashboard)
    app.register_blueprint(statement_api)
    app.register_blueprint(admin_statements)
    app.register_blueprint(admin_webhooks)
    app.register_blueprint(admin_tokens)
    app.register_blueprint(admin_reports)
    app.register_blueprint(admin_carrier_log)
    app.register_blueprint(admin_audit)
    init_audit(app)
    app.register_blueprint(admin_orgs)
    app.register_blueprint(admin_accounts)
    register_error_handlers(app)
    if wired is None:
        _start_tasks(app, courier)
    if settings.is_embedded_simulator:
        _mount_simulator(app, settings)
    return app


def _start_tasks(app: Flask, courier: Courier) -> None:
    if courier.settings.task_runner == "celery":
        from tasks.celery_app import CeleryTaskQueue, celery_init_app

        courier.tasks = CeleryTaskQueue(celery_init_app(app, courier.settings))
        return
    from tasks.inprocess import ThreadTaskQueue
    from tasks.jobs import PERIODIC, run_job

    queue = ThreadTaskQueue(lambda job, args: run_job(courier, job, args), periodic=PERIODIC)
    courier.tasks = queue
    queue.start()


def _mount_simulator(app: Flask, settings: Settings) -> None:
    """Serve the carrier and the case-system simulators from this process under /simulator."""
    from courier.carrier_wiring import simulator_settings_for
    from integrations.carrier.simulator import create_simulator_app
    from integrations.case_system.simulator import create_case_system_app

    push_path = EMS_PUSH_PATH if settings.carrier == "ems_open" else "/carrier/push"
    push_url = f"http://{settings.host}:{settings.port}{push_path}"
    simulator = create_simulator_app(simulator_settings_for(settings, push_url=push_url))
    case_system = create_case_system_app([embedded_report_secret(settings)])
    mounts: dict[str, WSGIApplication] = {
        "/simulator": simulator.wsgi_app,
        CASE_SYSTEM_SIM_PATH: case_system.wsgi_app,
    }
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, mounts)  # type: ignore[method-assign]
