"""The window's form to open a case; a rejected form comes back filled in, with reasons."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from courier.app.auth import current_account_id, page_login_required
from courier.app.context import courier
from courier.domain import divisions
from courier.domain.errors import DomainError, ValidationFailed
from courier.services import addresses, cases
from courier.services.commands import OpenCase

case_form = Blueprint("case_form", __name__)

ADDRESS_FIELDS = ("province", "city", "county", "county_code", "street", "postcode")
# The place is chosen from the GB/T 2260 table: three selects posting codes; the county's
# select is the county code, the province and city names are checked against it.
PLACE_SELECTS = ("address_province_code", "address_city_code", "address_county_code")
# What staff type in a materials line: read in either language, whichever the page is in.
WIDE_COMMA = "，"  # said as is: the comma of a Chinese keyboard, read as a comma
COPY_WORDS = ("复印件", "copy")  # said as is: the word for a copy, as typed


def open_case_command(form: MultiDict[str, str]) -> OpenCase:
    """Build the open-case command from the form's flat fields."""
    return OpenCase.parse(_case_data(form))


def _address_data(form: MultiDict[str, str]) -> dict[str, str]:
    province_code, city_code, county_code = (form.get(name, "") for name in PLACE_SELECTS)
    return {
        "province": _name(divisions.provinces(), province_code),
        "city": _name(divisions.cities(province_code), city_code),
        "county": "",
        "county_code": county_code,
        "street": form.get("address_street", ""),
        "postcode": form.get("address_postcode", ""),
    }


def _name(choices: tuple[divisions.Division, ...], code: str) -> str:
    """Name the chosen code; an unknown one stays as sent, so that it disagrees with the county."""
    return next((d.name for d in choices if d.code == code), code)


def _case_data(form: MultiDict[str, str]) -> dict[str, Any]:
    address = _address_data(form)
    return {
        "case_number": form.get("case_number", ""),
        "matter_name": form.get("matter_name", ""),
        "department_code": form.get("department_code", ""),
        "result_delivery": form.get("result_delivery", ""),
        # an unticked checkbox is not sent at all: absent means the applicant said no
        "notify_applicant": bool(form.get("notify_applicant")),
        "applicant": {
            "name": form.get("applicant_name", ""),
            "mobile": form.get("applicant_mobile", ""),
            "id_number": form.get("applicant_id_number", ""),
            "address": address if any(address.values()) else None,
        },
        "materials": [
            _material(line) for line in form.get("materials", "").splitlines() if line.strip()
        ],
    }


def _material(line: str) -> dict[str, Any]:
    """Read 'name, 原件|复印件, pages' (the last two optional; "copy" is 复印件 too)."""
    parts = [p.strip() for p in line.replace(WIDE_COMMA, ",").split(",")]
    pages = parts[2] if len(parts) > 2 and parts[2] else "1"
    return {
        "name": parts[0],
        "original": not (len(parts) > 1 and parts[1].lower() in COPY_WORDS),
        "pages": pages,
    }


def _render(
    errors: dict[str, str],
    message: str = "",
    form: MultiDict[str, str] | None = None,
    warning: str = "",
) -> str:
    with courier().uow() as uow:
        # a deactivated department is offered for no new case
        departments = [d for d in uow.departments.list() if d.active]
    placed = {"case_number", "matter_name", "department_code", "result_delivery", addresses.FIELD}
    placed |= {f"applicant.{k}" for k in ("name", "mobile", "id_number")}
    placed |= {f"applicant.address.{k}" for k in ADDRESS_FIELDS}
    elsewhere = {
        k: v for k, v in errors.items() if k not in placed and not k.startswith("materials")
    }
    form = request.form if form is None else form
    return render_template(
        "case_form.html",
        form=form,
        warning=warning,
        errors=errors,
        elsewhere=elsewhere,
        message=message,
        departments=departments,
        places=_place_choices(form),
    )


def _place_choices(form: MultiDict[str, str]) -> dict[str, tuple[divisions.Division, ...]]:
    """List what each select offers for the levels chosen above it."""
    cities = divisions.cities(form.get("address_province_code", ""))
    city_code = form.get("address_city_code", "")
    # a city left chosen from another province lists nothing (its province was changed)
    in_province = any(city.code == city_code for city in cities)
    return {
        "provinces": divisions.provinces(),
        "cities": cities,
        "counties": divisions.counties(city_code) if in_province else (),
    }


@case_form.get("/cases/new")
@page_login_required
def new_case() -> str:
    return _render({})


@case_form.post("/cases/new")
@page_login_required
def open_case() -> Response | tuple[str, int]:
    account_id = current_account_id()
    assert account_id is not None
    try:
        command = open_case_command(request.form)
        number = cases.open_case(courier().uow(), account_id, command, courier().clock)
    except ValidationFailed as failed:
        return _render(failed.errors, failed.message), 422
    except DomainError as error:
        return _render({error.field or "form": error.message}, error.message), 409
    return redirect(url_for("web.case_page", case_number=number))


@case_form.post("/cases/new/address")
@page_login_required
def read_address() -> str | tuple[str, int]:
    """Fill province, city, county and street from a pasted address; warn if EMS cannot deliver."""
    app, form = courier(), request.form
    try:
        reading = addresses.read_pasted_address(
            app.uow(), app.carrier(), form.get("department_code", ""), form.get("address_text", "")
        )
    except DomainError as error:
        return _render({error.field or addresses.FIELD: error.message}), 422
    filled = form.copy()
    place = divisions.lookup(reading.county_code)
    codes = (place.province.code, place.city.code, place.county.code) if place else ("", "", "")
    for name, value in (
        *zip(PLACE_SELECTS, codes, strict=True),
        ("address_street", reading.street),
    ):
        filled[name] = value  # replaces what was typed (update would append)
    return _render({}, form=filled, warning=reading.warning)


@case_form.post("/cases/new/places")
@page_login_required
def choose_place() -> str:
    """Show the form again with the cities and counties of what is chosen (pages without JS)."""
    return _render({})
