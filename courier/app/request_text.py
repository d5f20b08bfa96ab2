"""Refuse NUL and invalid Unicode in query strings, forms and credentials, for every route."""

from __future__ import annotations

from flask import Flask, request

from courier.app.json_body import text_problem
from courier.domain.errors import ValidationFailed

FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def _problems() -> dict[str, str]:
    values = list(request.args.items(multi=True))
    if request.mimetype in FORMS:
        values += list(request.form.items(multi=True))
    basic = request.authorization
    if basic is not None:
        values += [("authorization", basic.username or ""), ("authorization", basic.password or "")]
    errors: dict[str, str] = {}
    for key, value in values:
        problem = text_problem(key) or text_problem(value)
        if problem:
            errors.setdefault(key if not text_problem(key) else "?", problem)
    return errors


def refuse_invalid_text(app: Flask) -> None:
    """Check every request before its view: such text would only fail deeper, as a 500."""

    @app.before_request
    def _refuse() -> None:
        errors = _problems()
        if errors:
            raise ValidationFailed(errors)
