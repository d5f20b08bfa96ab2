"""Pieces of the OpenAPI document: components, path parameters, error answers."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from courier.app.answers_error import ErrorAnswer
from courier.app.errors import HTTP_MESSAGES
from courier.app.json_body import MAX_INT
from courier.app.openapi import Body, Doc, Media
from courier.app.openapi_examples import PATH as PATH_EXAMPLES
from courier.domain.text import Text

REF = "#/components/schemas/{model}"
ID = {"type": "integer", "minimum": 1, "maximum": MAX_INT}
# A path segment the text converter accepts: no slash, NUL or other control characters.
SEGMENT = {"type": "string", "pattern": "^[^/\\x00-\\x1f\\x7f]+$"}
CASE_NUMBER = {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$"}
WAYBILL_NO = {"type": "string", "pattern": "^([0-9]{13}|[A-Z]{2}[0-9]{9}[A-Z]{2})$"}
# Parameters named alike mean alike everywhere; a route may still override one in its Doc.
PATH_PARAMETERS: dict[str, dict[str, Any]] = {
    "case_number": CASE_NUMBER,
    "waybill_no": WAYBILL_NO,
}
CONVERTERS = {"int": ID, "default": SEGMENT, "string": SEGMENT}
ERROR_MESSAGES = {
    **HTTP_MESSAGES,
    400: Text("请求格式不正确（JSON 无法解析，或会话写操作缺少 CSRF 令牌）。"),
    409: Text("与当前状态冲突（业务规则不允许）。"),
    422: Text("输入有误；`fields` 逐项说明。"),
}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class Components:
    """Collect model schemas under components/schemas, lifting every `$defs` up."""

    def __init__(self) -> None:
        self.schemas: dict[str, Any] = {}

    def ref(self, model: type[BaseModel], mode: Literal["validation", "serialization"]) -> Any:
        schema = model.model_json_schema(ref_template=REF, mode=mode)
        for name, sub in schema.pop("$defs", {}).items():
            self._add(name, sub)
        self._add(model.__name__, schema)
        return {"$ref": REF.format(model=model.__name__)}

    def _add(self, name: str, schema: Any) -> None:
        if self.schemas.setdefault(name, schema) != schema:
            raise ValueError(f"two different schemas are named {name}")

    def content(self, body: Body) -> dict[str, Any]:
        if isinstance(body, Media):
            return {body.media_type: {"schema": body.schema}}
        return {"application/json": {"schema": self.ref(body, "serialization")}}


def error_codes(doc: Doc, method: str, has_path: bool) -> set[int]:
    """Return the error statuses this kind of endpoint can answer, plus its own."""
    codes = set(doc.errors)
    if doc.staff:
        codes |= {401, 429} | ({400} if method in WRITES else set())
    if doc.staff and method == "POST":
        codes |= {400, 409, 422}  # a bad, in-flight or reused Idempotency-Key
    if doc.request is not None:
        codes |= {400, 413, 415, 422}
    if has_path:
        codes.add(404)
    if doc.admin:
        codes.add(403)
    return codes


def error_response(code: int, components: Components) -> dict[str, Any]:
    answer: dict[str, Any] = {
        "description": ERROR_MESSAGES.get(code, Text("请求失败。")),
        "content": components.content(ErrorAnswer),
    }
    if code in (429, 503):
        answer["headers"] = {
            "Retry-After": {"description": Text("秒数。"), "schema": {"type": "integer"}}
        }
    return answer


def path_parameter(name: str, converter: str, doc: Doc) -> dict[str, Any]:
    schema = doc.path.get(name) or PATH_PARAMETERS.get(name) or CONVERTERS[converter]
    parameter = {"name": name, "in": "path", "required": True, "schema": schema}
    if name in PATH_EXAMPLES:
        parameter["example"] = PATH_EXAMPLES[name]
    return parameter


IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": Text("重放同一请求时带上同一键，得到第一次的应答（保留 24 小时）。"),
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"},
}


def query_parameter(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema}
