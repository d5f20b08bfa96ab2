"""The one shape of every API error, with field-level details for bad input."""

from __future__ import annotations

from pydantic import Field

from courier.app.answers import Answer


class ErrorDetail(Answer):
    code: str = Field(description="Stable machine-readable code, e.g. validation_failed.")
    message: str = Field(description="Human-readable message in Chinese.")
    fields: dict[str, str] | None = Field(
        default=None, description="Field path (a.b.0.c) → what is wrong with it."
    )


class ErrorAnswer(Answer):
    error: ErrorDetail
