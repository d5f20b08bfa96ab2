"""Every `/api/v1` route is in the OpenAPI document, so a new undocumented endpoint fails here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask, jsonify

from courier.app.openapi_document import VARIABLE
from tests.unit.app.openapi_app import document_of, unconnected_app

# Routes under /api/v1 that are not API operations, and why.
NOT_OPERATIONS = {
    "api_docs.docs_page": "the HTML page of the document itself, for people",
}


def undocumented(app: Flask, document: dict[str, Any]) -> list[str]:
    """Return `METHOD path (endpoint)` of every API route missing from the document."""
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/") or rule.endpoint in NOT_OPERATIONS:
            continue
        path = VARIABLE.sub(lambda m: "{" + m.group(2) + "}", rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            if method.lower() not in document["paths"].get(path, {}):
                missing.append(f"{method} {path} ({rule.endpoint})")
    return missing


def test_every_api_route_is_documented(tmp_path: Path) -> None:
    app = unconnected_app(tmp_path)
    assert undocumented(app, document_of(app)) == []
    assert len(document_of(app)["paths"]) >= 19


def test_a_route_without_documentation_is_reported(tmp_path: Path) -> None:
    app = unconnected_app(tmp_path)
    app.add_url_rule("/api/v1/forgotten/<int:item_id>", "forgotten", lambda item_id: jsonify({}))
    assert undocumented(app, document_of(app)) == ["GET /api/v1/forgotten/{item_id} (forgotten)"]


def test_the_allowed_exceptions_are_real_routes(tmp_path: Path) -> None:
    endpoints = {rule.endpoint for rule in unconnected_app(tmp_path).url_map.iter_rules()}
    assert set(NOT_OPERATIONS) <= endpoints
