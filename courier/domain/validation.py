"""Run the checks of several fields and fail once, naming every bad one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from courier.domain.errors import InvalidValue, ValidationFailed


def all_valid(**checks: Callable[[], object]) -> dict[str, Any]:
    """Return each check's value by name, or raise ValidationFailed with every field's error."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, check in checks.items():
        try:
            values[name] = check()
        except ValidationFailed as failed:
            errors.update(failed.errors)
        except InvalidValue as error:
            errors[error.field or name] = error.message
    if errors:
        raise ValidationFailed(errors)
    return values
