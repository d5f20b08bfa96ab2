"""Run the checks of several fields and fail once, naming every bad one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from courier.domain.errors import InvalidValue, ValidationFailed


def all_valid(**checks: Callable[[], object]) -> dict[str, Any]:
    """Return each check's value by name, or raise every field's error at once.

    One bad field raises its own InvalidValue, as a single check would; several raise
    ValidationFailed naming each.
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, check in checks.items():
        try:
            values[name] = check()
        except ValidationFailed as failed:
            errors.update(failed.errors)
        except InvalidValue as error:
            errors[error.field or name] = error.message
    if len(errors) == 1:
        [(field, message)] = errors.items()
        raise InvalidValue(message, field)
    if errors:
        raise ValidationFailed(errors)
    return values
