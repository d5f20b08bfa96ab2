"""What the desk's form posts share: the refused post's fields, and pages never cached."""

from __future__ import annotations

from flask import Response, make_response

from courier.domain.errors import DomainError, ValidationFailed


def refused_fields(error: DomainError) -> dict[str, str]:
    """Name each refused field with its message (a one-field error names its own)."""
    fields = dict(error.errors) if isinstance(error, ValidationFailed) else {}
    if not fields and error.field:
        fields = {error.field: error.message}
    return fields


def shown_once(html: str) -> Response:
    """Answer a page holding a secret: never kept by the browser or a proxy."""
    response = make_response(html)
    response.headers["Cache-Control"] = "no-store"
    return response
