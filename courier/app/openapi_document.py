"""Build the OpenAPI 3.1 document from the app's routes and their `@documented` views."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from werkzeug.routing import Map, Rule

from courier.app.openapi import (
    PUBLIC,
    SECURITY_SCHEMES,
    STAFF_READ,
    STAFF_WRITE,
    WEBHOOKS,
    Doc,
    Webhook,
    doc_of,
)
from courier.app.openapi_parts import (
    IDEMPOTENCY_KEY,
    WRITES,
    Components,
    error_codes,
    error_response,
    path_parameter,
    query_parameter,
)
from courier.domain.text import Text

VARIABLE = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
OK = Text("成功。")
SUCCESS = {200: OK, 201: Text("已创建。")}
# What a reader reads; under these keys everything is data, even a key named "description".
WORDS = frozenset({"title", "summary", "description"})
DATA = frozenset({"example", "examples", "default", "enum", "const"})
INFO = {
    "title": Text("Courier 政务双向寄递 API"),
    "version": "1",
    "description": Text(
        "办件、寄递、交接与公开查询。错误统一为 `{error: {code, message, fields}}`。"
    ),
}


def documented_rules(url_map: Map, views: Mapping[str, Callable[..., Any]]) -> list[Rule]:
    """Return the rules whose view carries a Doc, in path order."""
    rules = [r for r in url_map.iter_rules() if doc_of(views[r.endpoint]) is not None]
    return sorted(rules, key=lambda r: r.rule)


def build_document(
    url_map: Map,
    views: Mapping[str, Callable[..., Any]],
    webhooks: Iterable[Webhook] = WEBHOOKS.values(),
    *,
    say: Callable[[str], str] = str,
) -> dict[str, Any]:
    """Return the OpenAPI 3.1 document of every documented route and registered webhook.

    `say` puts each title, summary and description in the reader's language (default: as written).
    """
    components = Components()
    paths: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    for rule in documented_rules(url_map, views):
        doc = doc_of(views[rule.endpoint])
        assert doc is not None
        path, parameters = _path(rule, doc)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            operation = _operation(rule.endpoint, method, doc, parameters, components)
            if operation["operationId"] in seen:  # one view under two routes: ids stay unique
                operation["operationId"] += f"_{method.lower()}_{len(seen)}"
            seen.add(operation["operationId"])
            paths.setdefault(path, {})[method.lower()] = operation
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": INFO,
        "paths": paths,
        "webhooks": {w.event_type: _webhook(w, components) for w in webhooks},
        "components": {"schemas": components.schemas, "securitySchemes": SECURITY_SCHEMES},
    }
    return {key: said(part, say) for key, part in document.items()}


def said(node: Any, say: Callable[[str], str]) -> Any:
    """Return a plain copy of a fragment with its words said by `say`; data stays as it is."""
    if isinstance(node, dict):
        return {key: _said_under(key, value, say) for key, value in node.items()}
    if isinstance(node, list):
        return [said(item, say) for item in node]
    return str(node) if isinstance(node, str) else node  # a Text that is data stays Chinese


def _said_under(key: str, value: Any, say: Callable[[str], str]) -> Any:
    if key in WORDS and isinstance(value, str):
        return str(say(value))
    return said(value, lambda word: word) if key in DATA else said(value, say)


def _path(rule: Rule, doc: Doc) -> tuple[str, list[dict[str, Any]]]:
    """Turn `/legs/<int:leg_id>` into `/legs/{leg_id}` and its typed parameters."""
    found = VARIABLE.findall(rule.rule)
    parameters = [path_parameter(name, kind or "default", doc) for kind, name in found]
    return VARIABLE.sub(lambda m: "{" + m.group(2) + "}", rule.rule), parameters


def _operation(
    endpoint: str, method: str, doc: Doc, parameters: list[Any], components: Components
) -> dict[str, Any]:
    query = [query_parameter(name, schema) for name, schema in doc.query.items()]
    if doc.staff and method == "POST":
        query.append(IDEMPOTENCY_KEY)
    operation: dict[str, Any] = {
        "operationId": endpoint,
        "summary": doc.summary,
        "tags": [doc.tag],
        "parameters": parameters + query,
        "responses": _responses(doc, method, bool(parameters), components),
        "security": list(_security(doc, method)),
    }
    if doc.description:
        operation["description"] = doc.description
    if doc.request is not None:
        schema = components.ref(doc.request, "validation")
        operation["requestBody"] = {
            "required": True,
            "content": {"application/json": _with_example(schema, doc.example)},
        }
    return operation


def _with_example(schema: Any, example: Any) -> dict[str, Any]:
    return {"schema": schema} if example is None else {"schema": schema, "example": example}


def _responses(doc: Doc, method: str, has_path: bool, components: Components) -> dict[str, Any]:
    answers: dict[str, Any] = {
        str(code): {"description": SUCCESS.get(code, OK), "content": components.content(b)}
        for code, b in doc.answers.items()
    }
    for code in sorted(error_codes(doc, method, has_path) - set(doc.answers)):
        answers[str(code)] = error_response(code, components)
    return dict(sorted(answers.items()))


def _security(doc: Doc, method: str) -> tuple[dict[str, list[str]], ...]:
    if not doc.staff:
        return PUBLIC
    return STAFF_WRITE if method in WRITES else STAFF_READ


def _webhook(hook: Webhook, components: Components) -> dict[str, Any]:
    body = {"required": True, "content": components.content(hook.payload)}
    return {
        "post": {
            "operationId": f"webhook.{hook.event_type}",
            "summary": hook.summary,
            "description": WEBHOOK_DESCRIPTION,
            "parameters": WEBHOOK_HEADERS,
            "requestBody": body,
            "responses": {
                "2XX": {"description": Text("已收到。")},
                "410": {"description": Text("该地址不再接收：停用，不再投递。")},
                "429": {"description": RETRY_LATER},
                "5XX": {"description": RETRY_LATER},
            },
        }
    }


RETRY_LATER = Text("稍后重试（遵守 Retry-After）。")
WEBHOOK_DESCRIPTION = (
    "Sent following Standard Webhooks: `webhook-signature` is `v1,` + base64 HMAC-SHA256 of "
    "`webhook-id.webhook-timestamp.body` under the base64-decoded `whsec_` secret (two "
    "signatures, space-separated, during a rotation). 2xx delivers; 410 disables the endpoint; "
    "anything else (3xx, other 4xx, 429, 5xx, a timeout) is retried after 5 s, 5 min, 30 min, "
    "2 h, 5 h, 10 h, 10 h with jitter (a longer Retry-After wins), then given up. A case's next "
    "report waits until the previous one was delivered or given up; `data.sequence` numbers "
    "a case's reports 1, 2, 3…"
)
WEBHOOK_HEADERS = [
    {"name": name, "in": "header", "required": True, "description": text, "schema": schema}
    for name, text, schema in (
        ("webhook-id", "The report's id (`msg_…`), the same on every retry and replay.",
         {"type": "string"}),
        ("webhook-timestamp", "Unix seconds of this attempt.", {"type": "integer"}),
        ("webhook-signature", "`v1,<base64>` signatures, space-separated.", {"type": "string"}),
    )
]  # fmt: skip
