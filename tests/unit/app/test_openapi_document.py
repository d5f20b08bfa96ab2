"""The OpenAPI document is valid 3.1, built from the models, with every error answer named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from openapi_spec_validator import validate
from pydantic import BaseModel

from courier.app.openapi import Webhook, webhook
from courier.app.openapi_document import build_document
from courier.app.openapi_parts import CASE_NUMBER, Components
from courier.app.openapi_requests import LabelBatch
from courier.domain.case import _CASE_NUMBER
from courier.ports.labels import LABEL_SIZES
from courier.services.report_models import EVENT_TYPES
from tests.unit.app.openapi_app import document_of, unconnected_app

ERROR_REF = "#/components/schemas/ErrorAnswer"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Flask:
    return unconnected_app(tmp_path_factory.mktemp("openapi"))


@pytest.fixture(scope="module")
def document(app: Flask) -> dict[str, Any]:
    return document_of(app)


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(p, m, op) for p, ms in document["paths"].items() for m, op in ms.items()]


def test_the_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_a_broken_document_is_refused_by_the_validator(document: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(document))
    broken["paths"]["/api/v1/cases"]["get"]["responses"]["200"].pop("description")
    with pytest.raises(Exception, match="description"):
        validate(broken)


def test_definitions_are_lifted_into_components_and_every_reference_resolves(
    document: dict[str, Any],
) -> None:
    text = json.dumps(document)
    assert "$defs" not in text
    schemas = document["components"]["schemas"]
    refs = {r.split('"')[0] for r in text.split('"$ref": "#/components/schemas/')[1:]}
    assert refs and refs <= set(schemas)
    assert {"CaseAnswer", "LegAnswer", "OpenCase", "ErrorAnswer", "TrackAnswer"} <= set(schemas)


def test_every_error_answer_has_the_one_error_shape(document: dict[str, Any]) -> None:
    for _path, _method, op in operations(document):
        for code, answer in op["responses"].items():
            if code.startswith(("4", "5")):
                assert answer["content"]["application/json"]["schema"] == {"$ref": ERROR_REF}


def test_no_operation_documents_a_server_error_and_every_one_a_success(
    document: dict[str, Any],
) -> None:
    for path, method, op in operations(document):
        assert "500" not in op["responses"], (method, path)
        assert any(code.startswith("2") for code in op["responses"]), (method, path)


def test_endpoints_document_the_errors_of_their_kind(document: dict[str, Any]) -> None:
    paths = document["paths"]
    open_case = set(paths["/api/v1/cases"]["post"]["responses"])
    assert open_case == {"200", "201", "400", "401", "404", "409", "413", "415", "422", "429"}
    assert set(paths["/api/v1/legs/{leg_id}"]["get"]["responses"]) == {"200", "401", "404", "429"}
    assert "403" in paths["/api/v1/halls"]["post"]["responses"]
    assert "403" not in paths["/api/v1/halls"]["get"]["responses"]
    track = paths["/api/v1/public/track"]["post"]
    assert "401" not in track["responses"] and track["security"] == []
    assert track["responses"]["429"]["headers"]["Retry-After"]["schema"] == {"type": "integer"}


def test_callers_come_in_with_a_token_basic_or_a_session_and_writes_carry_the_csrf_token(
    document: dict[str, Any],
) -> None:
    paths = document["paths"]
    assert paths["/api/v1/cases"]["get"]["security"] == [
        {"bearer": []},
        {"basic": []},
        {"session": []},
    ]
    assert paths["/api/v1/cases"]["post"]["security"] == [
        {"bearer": []},
        {"basic": []},
        {"session": [], "csrf": []},
    ]
    schemes = document["components"]["securitySchemes"]
    assert set(schemes) == {"bearer", "basic", "session", "csrf"}


def test_every_staff_post_takes_an_idempotency_key_and_documents_its_refusals(
    document: dict[str, Any],
) -> None:
    for path, operations in document["paths"].items():
        post = operations.get("post")
        if post is None or post["security"] == []:
            continue
        names = [p["name"] for p in post["parameters"] if p["in"] == "header"]
        assert names == ["Idempotency-Key"], path
        assert {"400", "409", "422"} <= set(post["responses"]), path


def test_path_parameters_carry_the_patterns_the_app_accepts(document: dict[str, Any]) -> None:
    case = document["paths"]["/api/v1/cases/{case_number}"]["get"]["parameters"]
    assert case == [
        {
            "name": "case_number",
            "in": "path",
            "required": True,
            "schema": CASE_NUMBER,
            "example": "BJDC2026112600001",
        }
    ]
    assert CASE_NUMBER["pattern"] == f"^{_CASE_NUMBER.pattern}$"
    (leg,) = document["paths"]["/api/v1/legs/{leg_id}"]["get"]["parameters"]
    assert leg["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}


def test_label_sizes_in_the_document_are_the_label_stock() -> None:
    size = LabelBatch.model_json_schema()["properties"]["size"]
    assert {s.get("enum", [None])[0] for s in size["anyOf"]} - {None} <= set(LABEL_SIZES)
    assert len(LABEL_SIZES) == 3


def test_pdfs_are_documented_as_pdfs(document: dict[str, Any]) -> None:
    label = document["paths"]["/api/v1/legs/{leg_id}/label.pdf"]["get"]
    assert set(label["responses"]["200"]["content"]) == {"application/pdf"}
    assert label["parameters"][1]["name"] == "size"


def test_every_report_type_is_a_webhook_with_the_report_model_and_its_signature_headers(
    document: dict[str, Any],
) -> None:
    assert set(document["webhooks"]) == set(EVENT_TYPES)
    delivered = document["webhooks"]["leg.delivered"]["post"]
    schema = delivered["requestBody"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/StatusReport"}
    headers = [p["name"] for p in delivered["parameters"]]
    assert headers == ["webhook-id", "webhook-timestamp", "webhook-signature"]
    assert {"2XX", "410"} <= set(delivered["responses"])
    data = document["components"]["schemas"]["ReportData"]["properties"]
    assert not {"name", "phone", "mobile", "address", "id_number"} & set(data)


class LegBookedExample(BaseModel):
    leg_id: int
    status: str


def test_a_registered_webhook_payload_becomes_a_documented_webhook(app: Flask) -> None:
    registry: dict[str, Webhook] = {}
    webhook("leg.booked", "邮政已受理寄递", into=registry)(LegBookedExample)
    document = build_document(app.url_map, app.view_functions, registry.values())
    hook = document["webhooks"]["leg.booked"]["post"]
    schema = hook["requestBody"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "#/components/schemas/LegBookedExample"}
    assert "leg_id" in document["components"]["schemas"]["LegBookedExample"]["properties"]
    validate(document)


def test_two_different_models_with_one_name_are_refused() -> None:
    first = type("Same", (BaseModel,), {"__annotations__": {"a": int}})
    second = type("Same", (BaseModel,), {"__annotations__": {"b": str}})
    components = Components()
    components.ref(first, "serialization")
    with pytest.raises(ValueError, match="Same"):
        components.ref(second, "serialization")


def test_the_app_serves_the_document_without_a_login(tmp_path: Path) -> None:
    response = unconnected_app(tmp_path).test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.json["openapi"] == "3.1.0"
