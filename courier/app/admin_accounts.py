"""The administrators' pages of staff accounts: list, create, edit, disable, reset a password."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from courier.app.admin_desk import admin_only, admin_section
from courier.app.auth import current_account_id
from courier.app.context import courier
from courier.app.i18n import say
from courier.app.security import staff_sessions
from courier.domain.accounts import ROLE_NAMES
from courier.domain.errors import DomainError, ValidationFailed
from courier.domain.text import Text
from courier.services import accounts, organizations
from courier.services.commands import CreateAccount, EditAccount, ResetPassword

admin_accounts = Blueprint("admin_accounts", __name__, url_prefix="/admin/accounts")
admin_accounts.before_request(admin_only)
admin_section("admin_accounts.index", Text("账号"))

FIELDS = ("username", "password", "display_name", "role", "hall_code", "department_code")


def me() -> int:
    account_id = current_account_id()
    assert account_id is not None  # admin_only let the request in
    return account_id


def _offices() -> dict[str, object]:
    with courier().uow() as uow:
        return {
            "halls": [h for h in uow.halls.list() if h.active],
            "departments": [d for d in uow.departments.list() if d.active],
        }


def _page(**context: object) -> str:
    found = accounts.list_accounts(courier().uow(), staff_sessions())
    return render_template(
        "admin/accounts.html", accounts=found, role_names=ROLE_NAMES, me=me(), **context
    )


def _form(form: MultiDict[str, str], errors: dict[str, str], account_id: int = 0) -> str:
    return render_template(
        "admin/account_form.html",
        form=form,
        errors=errors,
        account_id=account_id,
        role_names=ROLE_NAMES,
        **_offices(),
    )


def _done(message: Text) -> Response:
    """Go back to the list, saying what was done (in the reader's language)."""
    flash(say(message))
    return redirect(url_for("admin_accounts.index"))


@admin_accounts.get("")
def index() -> str:
    return _page()


@admin_accounts.get("/new")
def new_account() -> str:
    return _form(MultiDict(), {})


@admin_accounts.post("/new")
def create_account() -> Response | tuple[str, int]:
    data = {name: request.form.get(name, "") for name in FIELDS}
    try:
        organizations.create_account(courier().uow(), CreateAccount.parse(data))
    except ValidationFailed as failed:
        return _form(request.form, failed.errors), 422
    except DomainError as error:
        return _form(request.form, {error.field or "form": error.message}), 409
    return _done(Text("账号已开设。"))


@admin_accounts.get("/<int:account_id>/edit")
def edit_form(account_id: int) -> str:
    found = accounts.get_account(courier().uow(), staff_sessions(), account_id)
    a = found.account
    office = found.office.code if found.office else ""
    form = MultiDict(
        {
            "display_name": a.display_name,
            "role": a.role.value,
            "hall_code": office if a.hall_id else "",
            "department_code": office if a.department_id else "",
        }
    )
    return _form(form, {}, account_id)


@admin_accounts.post("/<int:account_id>/edit")
def edit(account_id: int) -> Response | tuple[str, int]:
    data = {name: request.form.get(name) or None for name in FIELDS[2:]}
    try:
        accounts.edit_account(courier().uow(), me(), account_id, EditAccount.parse(data))
    except ValidationFailed as failed:
        return _form(request.form, failed.errors, account_id), 422
    except DomainError as error:
        return _form(request.form, {error.field or "form": error.message}, account_id), 409
    return _done(Text("账号已修改。"))


def _set_active(account_id: int, active: bool) -> Response | tuple[str, int]:
    ids, now = (me(), account_id), courier().clock.now()
    try:
        accounts.set_account_active(courier().uow(), staff_sessions(), ids, active, now)
    except DomainError as error:
        return _page(error=error.message), 409
    return _done(Text("已启用。") if active else Text("已停用。"))


@admin_accounts.post("/<int:account_id>/disable")
def disable(account_id: int) -> Response | tuple[str, int]:
    return _set_active(account_id, False)


@admin_accounts.post("/<int:account_id>/enable")
def enable(account_id: int) -> Response | tuple[str, int]:
    return _set_active(account_id, True)


@admin_accounts.post("/<int:account_id>/reset-password")
def reset_password(account_id: int) -> Response | tuple[str, int]:
    now = courier().clock.now()
    try:
        command = ResetPassword.parse({"password": request.form.get("password", "")})
        accounts.reset_password(
            courier().uow(), staff_sessions(), account_id, command, now, by=me()
        )
    except ValidationFailed as failed:
        return _page(error=failed.errors.get("password", failed.message)), 422
    except DomainError as error:
        return _page(error=error.message), 409
    return _done(Text("密码已重置，该账号的登录已全部失效。"))
