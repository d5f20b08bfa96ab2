"""Turn the OpenAPI document into rows a server-rendered page can show."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

REF_PREFIX = "#/components/schemas/"


@dataclass(frozen=True)
class Row:
    name: str
    type: str
    required: bool
    description: str


@dataclass(frozen=True)
class Answer:
    status: str
    description: str
    type: str
    ref: str | None


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    anchor: str
    security: list[str]
    parameters: list[Row]
    body: str | None
    body_ref: str | None
    example: str | None
    answers: list[Answer]


@dataclass(frozen=True)
class Schema:
    name: str
    description: str
    rows: list[Row]
    enum: list[str]


def type_of(schema: dict[str, Any]) -> str:
    """Say what a schema fragment is in a few words; references keep the component's name."""
    if "$ref" in schema:
        return str(schema["$ref"]).removeprefix(REF_PREFIX)
    if "anyOf" in schema:
        return " | ".join(type_of(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list[{type_of(schema.get('items', {}))}]"
    if "enum" in schema:
        return " | ".join(repr(v) for v in schema["enum"])
    if schema.get("type") == "object" and "additionalProperties" in schema:
        return f"dict[str, {type_of(schema['additionalProperties'])}]"
    kind = str(schema.get("type", "any"))
    return f"{kind} ({schema['format']})" if "format" in schema else kind


@dataclass(frozen=True)
class Hook:
    event_type: str
    summary: str
    payload: str | None


def _content_type(content: dict[str, Any]) -> str:
    return "; ".join(f"{media}: {type_of(v.get('schema', {}))}" for media, v in content.items())


def _example(content: dict[str, Any] | None) -> str | None:
    example = (content or {}).get("application/json", {}).get("example")
    return None if example is None else json.dumps(example, ensure_ascii=False, indent=2)


def _ref(content: dict[str, Any] | None) -> str | None:
    """Return the component a JSON body refers to, to link it on the page."""
    schema = (content or {}).get("application/json", {}).get("schema", {})
    ref = schema.get("$ref")
    return str(ref).removeprefix(REF_PREFIX) if ref else None


def _security(operation: dict[str, Any]) -> list[str]:
    """Return each way in; the page puts "or" between them, or says that none is needed."""
    return [" + ".join(requirement) for requirement in operation.get("security", [])]


def operations(spec: dict[str, Any]) -> list[Operation]:
    """Return every operation in document order, ready for the page."""
    return [
        _operation(path, method, op)
        for path, methods in spec["paths"].items()
        for method, op in methods.items()
    ]


def _operation(path: str, method: str, op: dict[str, Any]) -> Operation:
    body = op.get("requestBody", {}).get("content")
    return Operation(
        method=method.upper(),
        path=path,
        summary=op["summary"],
        anchor=op["operationId"].replace(".", "-"),
        security=_security(op),
        parameters=[_parameter(p) for p in op["parameters"]],
        body=_content_type(body) if body else None,
        body_ref=_ref(body),
        example=_example(body),
        answers=[_answer(code, a) for code, a in op["responses"].items()],
    )


def _parameter(parameter: dict[str, Any]) -> Row:
    kind = f"{parameter['in']}: {type_of(parameter['schema'])}"
    return Row(parameter["name"], kind, parameter["required"], "")


def _answer(code: str, answer: dict[str, Any]) -> Answer:
    content = answer.get("content", {})
    return Answer(code, answer["description"], _content_type(content), _ref(content))


def schemas(spec: dict[str, Any]) -> list[Schema]:
    found = []
    for name, schema in sorted(spec["components"]["schemas"].items()):
        required = set(schema.get("required", []))
        rows = [
            Row(field, type_of(sub), field in required, sub.get("description", ""))
            for field, sub in schema.get("properties", {}).items()
        ]
        enum = [str(v) for v in schema.get("enum", [])]
        found.append(Schema(name, schema.get("description", ""), rows, enum))
    return found


def webhooks(spec: dict[str, Any]) -> list[Hook]:
    found = []
    for event_type, item in spec.get("webhooks", {}).items():
        post = item["post"]
        found.append(Hook(event_type, post["summary"], _ref(post["requestBody"]["content"])))
    return found
