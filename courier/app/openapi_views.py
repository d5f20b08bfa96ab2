"""Serve the OpenAPI document and a readable page of it (no login, no CDN, no inline code)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template
from flask_babel import get_locale

from courier.app.i18n import DEFAULT, say
from courier.app.openapi import Media, documented
from courier.app.openapi_document import build_document
from courier.app.openapi_page import operations, schemas, webhooks
from courier.domain.text import Text

api_docs = Blueprint("api_docs", __name__, url_prefix="/api/v1")
DOCUMENT = Media("application/json", Text("本 OpenAPI 3.1 文档。"), {"type": "object"})


def document() -> dict[str, Any]:
    """Return this app's document in the reader's language, built once per language."""
    built: dict[str, dict[str, Any]] = current_app.extensions.setdefault("courier_openapi", {})
    language = str(get_locale() or DEFAULT)
    if language not in built:  # after every route is registered
        built[language] = build_document(current_app.url_map, current_app.view_functions, say=say)
    return built[language]


@api_docs.get("/openapi.json")
@documented(Text("OpenAPI 3.1 文档"), answers={200: DOCUMENT}, staff=False, tag="docs")
def openapi_json() -> Response:
    answer = jsonify(document())
    answer.vary.add("Accept-Language")  # a cache keeps each language apart
    return answer


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
