"""The simulator's second front: the EMS open platform (form POST, SM4 JSON) at its own path.

It reads and authenticates the platform's form, turns the body into a contract payload and
lets the same parcel engine answer it, faults included, then says the answer in JSON.
"""

from __future__ import annotations

import hmac
import json
import uuid
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Response, current_app, request
from lxml import etree

from integrations.carrier.ems_open.codes import OK, OPERATION_BY_API_CODE
from integrations.carrier.ems_open.contract import reply_body, request_payload
from integrations.carrier.ems_open.envelope import reply_envelope
from integrations.carrier.ems_open.settings import PLATFORM_PATH
from integrations.carrier.ems_open.sm4 import BodyUnreadable, decrypt
from integrations.carrier.simulator.service import CarrierSimulator, HttpAnswer
from integrations.carrier.simulator.settings import SimulatorSettings
from integrations.carrier.soapserver import FaultCode, SoapFault, SoapRequest, parse_reply

ems_open = Blueprint("carrier_ems_open", __name__)
JSON = "application/json; charset=utf-8"
REQUIRED_FIELDS = ("apiCode", "senderNo", "authorization", "msgType", "timeStamp")


def _simulator() -> CarrierSimulator:
    running: CarrierSimulator = current_app.extensions["carrier_simulator"]
    return running


@ems_open.post(PLATFORM_PATH)
def open_platform() -> Response:
    simulator = _simulator()
    try:
        operation, body = _read(request.form, simulator.settings)
        answer = simulator.answer_checked(
            SoapRequest(operation, request_payload(operation, body), None, None)
        )
        return _said_in_json(answer, simulator)
    except SoapFault as fault:
        return _envelope(fault.code, fault.message, None, simulator)


def _read(form: Mapping[str, str], settings: SimulatorSettings) -> tuple[str, Any]:
    """Return the operation and the decrypted body; SoapFault for a form the platform refuses."""
    missing = [name for name in (*REQUIRED_FIELDS, "logitcsInterface") if not form.get(name)]
    if missing:
        raise SoapFault(FaultCode.MALFORMED, f"missing {', '.join(missing)}")
    if not _same(form["senderNo"], settings.ems_sender_no) or not _same(
        form["authorization"], settings.ems_authorization
    ):
        raise SoapFault(FaultCode.AUTHENTICATION, "authentication failed")
    operation = OPERATION_BY_API_CODE.get(form["apiCode"])
    if operation is None:
        raise SoapFault(FaultCode.UNKNOWN_OPERATION, f"unknown apiCode {form['apiCode']}")
    try:
        return operation, json.loads(decrypt(form["logitcsInterface"], settings.ems_sign_key))
    except BodyUnreadable:
        raise SoapFault(FaultCode.AUTHENTICATION, "signature check failed") from None
    except json.JSONDecodeError:
        raise SoapFault(FaultCode.MALFORMED, "the body is not JSON") from None


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def _said_in_json(answer: HttpAnswer, simulator: CarrierSimulator) -> Response:
    """Say a SOAP answer of the engine in the platform's JSON; pass gateway failures through."""
    if answer.status != 200:
        return Response(answer.body, answer.status, content_type=answer.content_type)
    try:
        soap_body = parse_reply(answer.body)[-1]
    except etree.XMLSyntaxError:  # the malformed-reply fault: cut the JSON reply short too
        whole = _envelope(OK, "", {"truncated": True}, simulator).get_data()
        return Response(whole[: len(whole) // 2], 200, content_type=JSON)
    return _envelope(OK, "", reply_body(soap_body[0]), simulator)


def _envelope(code: str, message: str, body: Any, simulator: CarrierSimulator) -> Response:
    now = simulator.settings.clock.now()
    return Response(
        reply_envelope(uuid.uuid4().hex, code, message, body, now), 200, content_type=JSON
    )
