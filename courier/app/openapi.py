"""The API's OpenAPI 3.1 document is declared next to each view, in one decorator.

Documenting an endpoint is one line below its route decorator::

    @api.post("/cases")
    @documented(Text("开立办件"), request=OpenCase, answers={201: CaseAnswer}, errors=(409,))
    @api_login_required
    def open_case(): ...

Method, path and path parameters come from the route itself. The error answers that
every endpoint of its kind can give are added for you: 401 and 429 for signed-in staff
(plus 400 for a session without its CSRF header on writes), 400/413/415/422 when there
is a JSON body, 404 when the path names something, 403 with `admin=True`. Name in
`errors` only what the use case itself can answer (e.g. 409 for a rule, 503 when the
carrier is needed). A webhook is one decorator on its payload model::

    @webhook("leg.booked", Text("邮政已受理寄递"))
    class LegBooked(BaseModel): ...

Summaries and descriptions are `Text`: the document is built once in each reader's language.
`tests/unit/app/test_openapi_covers_every_route.py` fails for an `/api/v1` route without
`@documented`; `tests/integration/app/test_schemathesis.py` calls every operation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from courier.domain.text import Text

F = TypeVar("F", bound=Callable[..., Any])
M = TypeVar("M", bound=type[BaseModel])
Requirement = dict[str, list[str]]

SECURITY_SCHEMES: dict[str, dict[str, str]] = {
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": Text("业务系统的 API 令牌（ctk_…）。"),
    },
    "basic": {"type": "http", "scheme": "basic", "description": Text("工作人员用户名和密码。")},
    "session": {
        "type": "apiKey",
        "in": "cookie",
        "name": "session",
        "description": Text("登录会话。"),
    },
    "csrf": {
        "type": "apiKey",
        "in": "header",
        "name": "X-CSRFToken",
        "description": Text("写操作带上。"),
    },
}
# Any way in: an API token, HTTP Basic, or the signed-in session (writes also carry its CSRF
# token).
STAFF_READ: tuple[Requirement, ...] = ({"bearer": []}, {"basic": []}, {"session": []})
STAFF_WRITE: tuple[Requirement, ...] = ({"bearer": []}, {"basic": []}, {"session": [], "csrf": []})
PUBLIC: tuple[Requirement, ...] = ()


@dataclass(frozen=True)
class Media:
    """A body that is not JSON, e.g. a PDF."""

    media_type: str
    description: str
    schema: Mapping[str, Any] = field(
        default_factory=lambda: {"type": "string", "format": "binary"}
    )


Body = type[BaseModel] | Media


@dataclass(frozen=True)
class Doc:
    summary: str
    answers: Mapping[int, Body]
    request: type[BaseModel] | None = None
    errors: tuple[int, ...] = ()
    staff: bool = True
    admin: bool = False
    tag: str = "staff"
    query: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    path: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    example: Mapping[str, Any] | None = None
    description: str = ""


def documented(summary: str, **details: Any) -> Callable[[F], F]:
    """Attach the OpenAPI description of this view; see the module docstring."""
    doc = Doc(summary, **details)

    def mark(view: F) -> F:
        view.openapi_doc = doc  # type: ignore[attr-defined]
        return view

    return mark


def doc_of(view: Callable[..., Any]) -> Doc | None:
    return getattr(view, "openapi_doc", None)


@dataclass(frozen=True)
class Webhook:
    event_type: str
    summary: str
    payload: type[BaseModel]


WEBHOOKS: dict[str, Webhook] = {}


def webhook(event_type: str, summary: str, into: dict[str, Webhook] = WEBHOOKS) -> Callable[[M], M]:
    """Register a payload model as the body of the webhook `event_type`."""

    def register(model: M) -> M:
        into[event_type] = Webhook(event_type, summary, model)
        return model

    return register
