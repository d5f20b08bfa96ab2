"""The simulator over HTTP: POST /carrier (SOAP), GET /carrier?wsdl, /carrier/admin/*.

With protocol "ems-open" the EMS open platform's path is served instead of /carrier.
"""

from __future__ import annotations

import hmac
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.serving import run_simple

from integrations.carrier.contract import CARRIER_NS, CARRIER_WSDL
from integrations.carrier.simulator.ems_front import ems_open
from integrations.carrier.simulator.faults import rule_from_json
from integrations.carrier.simulator.scenarios import SCENARIOS
from integrations.carrier.simulator.service import CarrierSimulator
from integrations.carrier.simulator.settings import PROTOCOLS, SimulatorSettings
from integrations.carrier.soapserver import FaultCode, SoapFault, build_fault, served_wsdl

soap = Blueprint("carrier_soap", __name__)
admin = Blueprint("carrier_admin", __name__, url_prefix="/carrier/admin")


def simulator() -> CarrierSimulator:
    running: CarrierSimulator = current_app.extensions["carrier_simulator"]
    return running


@soap.get("/carrier")
def wsdl() -> Response:
    if "wsdl" not in request.args:
        return Response("POST SOAP 1.1 requests here; the WSDL is at ?wsdl\n", 200)
    return Response(served_wsdl(CARRIER_WSDL, request.base_url), 200, content_type="text/xml")


@soap.post("/carrier")
def carrier() -> Response:
    answer = simulator().handle(request.stream, request.content_length)
    return Response(answer.body, answer.status, content_type=answer.content_type)


@soap.app_errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> Response:
    fault = SoapFault(FaultCode.MALFORMED, "message too large")
    return Response(build_fault(fault, CARRIER_NS), 500, content_type="text/xml")


def _json() -> dict[str, Any]:
    return request.get_json(silent=True) or {}


def _admin_refusal(status: int, code: str, message: str) -> Response:
    reply = jsonify(error={"code": code, "message": message})
    reply.status_code = status
    if status == 401:
        reply.headers["WWW-Authenticate"] = 'Bearer realm="carrier simulator admin"'
    return reply


@admin.before_request
def admin_guard() -> Response | None:
    """Let only a JSON request bearing the admin token through; no token configured: no admin.

    A cross-site page can post text/plain or a form without a preflight but can send neither
    an Authorization header nor application/json, so both are required.
    """
    expected = simulator().settings.admin_token
    if not expected:
        return _admin_refusal(404, "NOT_FOUND", "admin endpoints are off (no admin token set)")
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return _admin_refusal(401, "UNAUTHENTICATED", "send Authorization: Bearer <token>")
    if not hmac.compare_digest(token.strip().encode(), expected.encode()):
        return _admin_refusal(403, "FORBIDDEN", "wrong admin token")
    if request.method == "POST" and not request.is_json:
        return _admin_refusal(415, "UNSUPPORTED_MEDIA_TYPE", "send the body as application/json")
    if request.method == "POST" and not isinstance(request.get_json(silent=True), dict):
        return _admin_refusal(400, "BAD_REQUEST", "the body must be a JSON object")
    return None


@admin.route("/faults", methods=["GET", "POST"])
def faults() -> Any:
    if request.method == "POST":
        body = _json()
        try:
            rules = [rule_from_json(rule) for rule in body.get("rules", [])]
            seed = int(body.get("seed", 0))
        except (KeyError, TypeError, ValueError) as error:
            return jsonify(error=str(error)), 400
        simulator().faults.configure(rules, seed)
    return jsonify(simulator().faults.snapshot())


@admin.route("/scenario", methods=["GET", "POST"])
def scenario() -> Any:
    if request.method == "POST":
        body = _json()
        try:
            simulator().book.set_scenario(str(body.get("scenario")), body.get("logisticsOrderNo"))
        except ValueError as error:
            return jsonify(error=str(error)), 400
    return jsonify(scenarios=sorted(SCENARIOS))


@admin.post("/reset")
def reset() -> Any:
    simulator().reset()
    return jsonify(reset=True)


@admin.post("/advance")
def advance() -> Any:
    clock = simulator().settings.clock
    try:
        seconds = float(_json().get("seconds", simulator().settings.stage_seconds))
    except (TypeError, ValueError):
        return jsonify(error="seconds must be a number"), 400
    clock.advance(seconds)
    return jsonify(now=clock.now().isoformat())


@admin.route("/push", methods=["GET", "POST"])
def push() -> Any:
    if request.method == "POST":
        simulator().pusher.push_once()
    return jsonify(simulator().pusher.status())


def create_simulator_app(settings: SimulatorSettings | None = None) -> Flask:
    """Build the simulator as a Flask app; pushing starts if a push URL is configured."""
    settings = settings or SimulatorSettings()
    if settings.protocol not in PROTOCOLS:
        raise ValueError(f"unknown simulator protocol {settings.protocol!r}")
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.extensions["carrier_simulator"] = CarrierSimulator(settings)
    app.register_blueprint(ems_open if settings.protocol == "ems-open" else soap)
    app.register_blueprint(admin)
    app.extensions["carrier_simulator"].pusher.start()
    return app


def run_simulator(
    host: str = "127.0.0.1", port: int = 8081, settings: SimulatorSettings | None = None
) -> None:
    """Serve the simulator until interrupted; the WSDL is at http://host:port/carrier?wsdl."""
    run_simple(host, port, create_simulator_app(settings), threaded=True)
