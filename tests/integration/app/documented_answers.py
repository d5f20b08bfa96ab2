"""Check an API answer against the OpenAPI document: its status listed, its body the model."""

from __future__ import annotations

from flask import Flask
from werkzeug.test import TestResponse

from courier.app.answers_error import ErrorAnswer
from courier.app.openapi import Media, doc_of
from courier.app.openapi_document import build_document


def check_documented(app: Flask, method: str, path: str, response: TestResponse) -> None:
    """Fail unless the status is documented for the route and the body is its model."""
    endpoint, _ = app.url_map.bind("localhost").match(path.split("?")[0], method)
    doc = doc_of(app.view_functions[endpoint])
    assert doc is not None, f"{method} {path} is not documented"
    operations = build_document(app.url_map, app.view_functions)["paths"]
    documented = {
        code for op in _operations(operations) if op["operationId"] == endpoint
        for code in op["responses"]
    }  # fmt: skip
    status = response.status_code
    assert str(status) in documented, f"{method} {path} answered {status}, not in {documented}"
    body = doc.answers.get(status, ErrorAnswer)
    if isinstance(body, Media):
        assert response.mimetype == body.media_type
    else:
        assert response.mimetype == "application/json"
        body.model_validate(response.get_json())


def _operations(paths: dict[str, dict[str, dict[str, object]]]) -> list[dict[str, object]]:
    return [op for methods in paths.values() for op in methods.values()]
