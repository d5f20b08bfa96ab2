"""The administrators' pages of halls and departments: list, create, edit, (de)activate."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from courier.app.admin_desk import admin_only, admin_section
from courier.app.auth import current_account_id
from courier.app.case_form import _address_data, _place_choices
from courier.app.context import courier
from courier.domain import divisions
from courier.domain.errors import DomainError, ValidationFailed
from courier.domain.masking import mask_name, mask_phone
from courier.domain.organizations import Organization
from courier.domain.text import Text
from courier.services import organizations
from courier.services.commands import EditOrganization, RegisterOrganization

admin_orgs = Blueprint("admin_orgs", __name__, url_prefix="/admin")
admin_orgs.before_request(admin_only)
admin_section("admin_orgs.halls", Text("大厅"))
admin_section("admin_orgs.departments", Text("部门"))

KINDS = {"halls": Text("大厅"), "departments": Text("部门")}
NEW = {"halls": Text("新增大厅"), "departments": Text("新增部门")}
EDITING = {"halls": Text("修改大厅"), "departments": Text("修改部门")}
KIND = "<any(halls, departments):kind>"
REGISTER = {"halls": organizations.register_hall, "departments": organizations.register_department}
EDIT = {"halls": organizations.edit_hall, "departments": organizations.edit_department}
ACTIVE = {
    "halls": organizations.set_hall_active,
    "departments": organizations.set_department_active,
}


def _offices(kind: str) -> list[Organization]:
    with courier().uow() as uow:
        return list(uow.halls.list() if kind == "halls" else uow.departments.list())


def _office(kind: str, code: str) -> Organization:
    with courier().uow() as uow:
        if kind == "halls":
            return organizations.existing(uow.halls, code)
        return organizations.existing(uow.departments, code)


def _list_page(kind: str) -> str:
    return render_template(
        "admin/offices.html",
        kind=kind,
        label=KINDS[kind],
        adding=NEW[kind],
        items=_offices(kind),
        mask_name=mask_name,
        mask_phone=mask_phone,
    )


@admin_orgs.get("/halls")
def halls() -> str:
    return _list_page("halls")


@admin_orgs.get("/departments")
def departments() -> str:
    return _list_page("departments")


def office_data(form: MultiDict[str, str]) -> dict[str, Any]:
    """Read the office form's flat fields into the shape of the commands."""
    return {
        "code": form.get("code", ""),
        "name": form.get("name", ""),
        "address": _address_data(form),
        "contact_name": form.get("contact_name", ""),
        "contact_phone": form.get("contact_phone", ""),
        "carrier_account": {
            "customer_no": form.get("customer_no", ""),
            "biz_product_no": form.get("biz_product_no", "1"),
            "payment_mode": _number(form.get("payment_mode", "1")),
        },
    }


def _number(text: str) -> int | str:
    """Send a chosen number as a number (the command takes 1 or 2, not "1")."""
    return int(text) if text.isdigit() else text


def form_of(item: Organization) -> MultiDict[str, str]:
    """Fill the form from an office: its place as the three codes of the selects."""
    place = divisions.lookup(item.address.county_code)
    codes = (place.province.code, place.city.code, place.county.code) if place else ("", "", "")
    account = item.carrier_account
    return MultiDict(
        {
            "code": item.code,
            "name": item.name,
            "address_province_code": codes[0],
            "address_city_code": codes[1],
            "address_county_code": codes[2],
            "address_street": item.address.street,
            "address_postcode": item.address.postcode,
            # personal data is never shown back: left empty, the contact stays as it is
            "contact_name": "",
            "contact_phone": "",
            "customer_no": account.customer_no,
            "biz_product_no": account.biz_product_no,
            "payment_mode": str(account.payment_mode.value),
        }
    )


def _form_page(kind: str, form: MultiDict[str, str], errors: dict[str, str], code: str = "") -> str:
    return render_template(
        "admin/office_form.html",
        kind=kind,
        heading=(EDITING if code else NEW)[kind],
        code=code,
        form=form,
        errors=errors,
        places=_place_choices(form),
    )


@admin_orgs.get(f"/{KIND}/new")
def new_office(kind: str) -> str:
    return _form_page(kind, MultiDict(), {})


@admin_orgs.post(f"/{KIND}/new")
def create_office(kind: str) -> Response | tuple[str, int]:
    try:
        command = RegisterOrganization.parse(office_data(request.form))
        REGISTER[kind](courier().uow(), command, current_account_id())
    except ValidationFailed as failed:
        return _form_page(kind, request.form, failed.errors), 422
    except DomainError as error:
        return _form_page(kind, request.form, {error.field or "form": error.message}), 409
    return redirect(url_for(f"admin_orgs.{kind}"))


@admin_orgs.get(f"/{KIND}/<code>/edit")
def edit_office_form(kind: str, code: str) -> str:
    return _form_page(kind, form_of(_office(kind, code)), {}, code)


@admin_orgs.post(f"/{KIND}/<code>/edit")
def edit_office(kind: str, code: str) -> Response | tuple[str, int]:
    data = office_data(request.form)
    data.pop("code")
    for kept in ("contact_name", "contact_phone"):
        if not data[kept].strip():
            data.pop(kept)
    try:
        EDIT[kind](courier().uow(), code, EditOrganization.parse(data), current_account_id())
    except ValidationFailed as failed:
        return _form_page(kind, request.form, failed.errors, code), 422
    return redirect(url_for(f"admin_orgs.{kind}"))


@admin_orgs.post(f"/{KIND}/places")
def choose_place(kind: str) -> str:
    """Show the form again with the cities and counties of what is chosen (pages without JS)."""
    return _form_page(kind, request.form, {}, request.form.get("editing", ""))


@admin_orgs.post(f"/{KIND}/<code>/deactivate")
def deactivate(kind: str, code: str) -> Response:
    ACTIVE[kind](courier().uow(), code, False, current_account_id())
    return redirect(url_for(f"admin_orgs.{kind}"))


@admin_orgs.post(f"/{KIND}/<code>/activate")
def activate(kind: str, code: str) -> Response:
    ACTIVE[kind](courier().uow(), code, True, current_account_id())
    return redirect(url_for(f"admin_orgs.{kind}"))
