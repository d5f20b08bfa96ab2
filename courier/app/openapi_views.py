"""Serve the OpenAPI document and a readable page of it (no login, no CDN, no inline code)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template

from courier.app.openapi import Media, documented
from courier.app.openapi_document import build_document
from courier.app.openapi_page import operations, schemas, webhooks

api_docs = Blueprint("api_docs", __name__, url_prefix="/api/v1")
DOCUMENT = Media("application/json", "本 OpenAPI 3.1 文档。", {"type": "object"})


def document() -> dict[str, Any]:
    """Return this app's document, built once after every route is registered."""
    extensions = current_app.extensions
    if "courier_openapi" not in extensions:
        extensions["courier_openapi"] = build_document(
            current_app.url_map, current_app.view_functions
        )
    return extensions["courier_openapi"]  # type: ignore[no-any-return]


@api_docs.get("/openapi.json")
@documented("OpenAPI 3.1 文档", answers={200: DOCUMENT}, staff=False, tag="docs")
def openapi_json() -> Response:
    return jsonify(document())


@api_docs.get("/docs")
def docs_page() -> str:
    spec = document()
    return render_template(
        "api_docs.html",
        info=spec["info"],
        operations=operations(spec),
        webhooks=webhooks(spec),
        schemas=schemas(spec),
    )
