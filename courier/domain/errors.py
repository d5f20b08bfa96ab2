"""Errors a user can meet, typed once, with a message in Chinese."""

from __future__ import annotations

from courier.domain.text import Text


class DomainError(Exception):
    """A rule of the domain was broken; `message` is shown to staff and applicants."""

    code = "domain_error"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidValue(DomainError):
    """One input value is malformed."""

    code = "invalid"


class ValidationFailed(DomainError):
    """Several input values are malformed; `errors` maps field → message."""

    code = "validation_failed"

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(Text("提交的信息有误，请检查标出的字段。"))
        self.errors = errors


class RuleViolation(DomainError):
    """The request is well formed but the case or leg does not allow it now."""

    code = "rule_violation"


class NotFound(DomainError):
    """The thing asked for does not exist, or is not the caller's to see."""

    code = "not_found"


class Conflict(DomainError):
    """The thing already exists (e.g. a case number is taken)."""

    code = "conflict"
