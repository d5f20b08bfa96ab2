"""Who is calling: a signed-in session for pages; the session, HTTP Basic or a token for the API."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import current_app, g, redirect, request, session, url_for
from werkzeug.exceptions import Unauthorized

from courier.app.context import courier
from courier.app.credentials import VerifiedCredentials
from courier.app.security import client_address, signin_throttle, staff_sessions
from courier.services.api_tokens import bearer_sign_in
from courier.services.auth import WrongCredentials, checked_sign_in, session_account

F = TypeVar("F", bound=Callable[..., Any])


def current_account_id() -> int | None:
    if "account_id" in g:
        return cast(int | None, g.account_id)
    g.account_id = None  # an error page rendered after a failure below must not retry it
    account_id, kind = _session_account(), "session"
    basic = request.authorization
    if account_id is None and basic is not None and basic.type == "basic":
        account_id, kind = _basic_account(basic.username or "", basic.password or ""), "basic"
    if account_id is None and basic is not None and basic.type == "bearer" and _is_api():
        # machine clients only; an unknown or revoked token raises TokenRefused (401)
        now = courier().clock.now()
        account_id, g.token_id = bearer_sign_in(courier().uow(), basic.token or "", now)
        kind = "bearer"
    g.account_id = account_id
    g.auth_kind = kind if account_id is not None else "anonymous"  # for the operation log
    return account_id


def _is_api() -> bool:
    return request.path.startswith("/api/")


def _session_account() -> int | None:
    """Return the account of the server-side session this cookie names, while it lives."""
    token = session.get("sid")
    if not token:
        return None
    account_id = session_account(staff_sessions(), token, courier().clock.now())
    if account_id is None:
        session.clear()
    return account_id


def _basic_account(username: str, password: str) -> int | None:
    throttle = signin_throttle()
    throttle.check(username, client_address())
    remembered: VerifiedCredentials = current_app.extensions["courier_credentials"]
    account_id = remembered.account_id(username, password)
    if account_id is not None:
        return account_id
    # Logged as a sign-in each time the password is checked: for a client that signs every
    # request, once a minute (the credentials are remembered in between).
    g.auth_kind, app = "basic", courier()
    try:
        account_id = checked_sign_in(app.uow(), (username, password), app.clock.now()).id
    except WrongCredentials:
        throttle.failed(username, client_address())
        return None
    if account_id is not None:
        remembered.remember(username, password, account_id)
    return account_id


def api_login_required(view: F) -> F:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_account_id() is None:
            raise Unauthorized()
        return view(*args, **kwargs)

    return cast(F, wrapper)


def page_login_required(view: F) -> F:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_account_id() is None:
            return redirect(url_for("web.login", next=request.path))
        return view(*args, **kwargs)

    return cast(F, wrapper)
