"""The browsable API page: every operation and schema, assets from Courier, no inline code."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from courier.app.openapi import Webhook, webhook
from courier.app.openapi_document import build_document
from courier.app.openapi_page import Hook, type_of, webhooks
from courier.app.security import CONTENT_SECURITY_POLICY
from tests.unit.app.openapi_app import document_of, unconnected_app


def test_the_page_shows_every_operation_and_schema(tmp_path: Path) -> None:
    app = unconnected_app(tmp_path)
    response = app.test_client().get("/api/v1/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    document = document_of(app)
    for path, methods in document["paths"].items():
        assert f"<code>{path}</code>" in page
        for op in methods.values():
            assert f'id="{op["operationId"].replace(".", "-")}"' in page
    for name in document["components"]["schemas"]:
        assert f'id="schema-{name}"' in page
    assert "<code>422</code>" in page and 'href="#schema-ErrorAnswer"' in page
    assert "暂无回传事件" not in page and "leg.receipt_discrepancy" in page
    assert "BJDC2026120200001" in page  # the example body of opening a case


def test_the_page_loads_only_assets_served_by_courier_under_its_policy(tmp_path: Path) -> None:
    client = unconnected_app(tmp_path).test_client()
    response = client.get("/api/v1/docs")
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    page = response.get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"#]+)"', page)
    assert "/static/api_docs.css" in assets
    assert all(a.startswith("/") and not a.startswith("//") for a in assets), assets
    for asset in (a for a in assets if a.startswith("/static/")):
        served = client.get(asset)
        served.close()
        assert served.status_code == 200, asset


def test_types_are_told_in_a_few_words() -> None:
    ref = {"$ref": "#/components/schemas/LegAnswer"}
    assert type_of({"anyOf": [ref, {"type": "null"}]}) == "LegAnswer | null"
    assert type_of({"type": "array", "items": {"type": "string"}}) == "list[string]"
    assert type_of({"type": "string", "format": "date-time"}) == "string (date-time)"
    assert type_of({"enum": ["a", "b"]}) == "'a' | 'b'"
    assert type_of({"type": "object", "additionalProperties": {"type": "string"}}) == (
        "dict[str, string]"
    )


class CaseClosedExample(BaseModel):
    case_number: str


def test_registered_webhooks_are_listed_with_their_payload(tmp_path: Path) -> None:
    app = unconnected_app(tmp_path)
    registry: dict[str, Webhook] = {}
    webhook("case.closed", "办结送达", into=registry)(CaseClosedExample)
    spec = build_document(app.url_map, app.view_functions, registry.values())
    assert webhooks(spec) == [Hook("case.closed", "办结送达", "CaseClosedExample")]
    assert "leg.booked" in {h.event_type for h in webhooks(document_of(app))}
