"""The simulator over HTTP: POST /carrier (SOAP), GET /carrier?wsdl, /carrier/admin/*."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.serving import run_simple

from integrations.carrier.contract import CARRIER_NS, CARRIER_WSDL
from integrations.carrier.simulator.faults import rule_from_json
from integrations.carrier.simulator.scenarios import SCENARIOS
from integrations.carrier.simulator.service import CarrierSimulator
from integrations.carrier.simulator.settings import SimulatorSettings
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


@admin.route("/faults", methods=["GET", "POST"])
def faults() -> Any:
    if request.method == "POST":
        body = _json()
        try:
            rules = [rule_from_json(rule) for rule in body.get("rules", [])]
        except (KeyError, TypeError, ValueError) as error:
            return jsonify(error=str(error)), 400
        simulator().faults.configure(rules, int(body.get("seed", 0)))
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
    clock.advance(float(_json().get("seconds", simulator().settings.stage_seconds)))
    return jsonify(now=clock.now().isoformat())


@admin.route("/push", methods=["GET", "POST"])
def push() -> Any:
    if request.method == "POST":
        simulator().pusher.push_once()
    return jsonify(simulator().pusher.status())


def create_simulator_app(settings: SimulatorSettings | None = None) -> Flask:
    """Build the simulator as a Flask app; pushing starts if a push URL is configured."""
    settings = settings or SimulatorSettings()
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.extensions["carrier_simulator"] = CarrierSimulator(settings)
    app.register_blueprint(soap)
    app.register_blueprint(admin)
    app.extensions["carrier_simulator"].pusher.start()
    return app


def run_simulator(
    host: str = "127.0.0.1", port: int = 8081, settings: SimulatorSettings | None = None
) -> None:
    """Serve the simulator until interrupted; the WSDL is at http://host:port/carrier?wsdl."""
    run_simple(host, port, create_simulator_app(settings), threaded=True)
