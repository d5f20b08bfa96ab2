"""Commands check shape and types, in Chinese, then leave every business rule to the domain."""

from __future__ import annotations

import re
from typing import Any

import pytest

from courier.domain.case import ResultDelivery
from courier.domain.errors import ValidationFailed
from courier.domain.materials import MAX_MATERIALS
from courier.services.command_errors import MESSAGES, chinese_message
from courier.services.commands import (
    CreateAccount,
    Fields,
    OpenCase,
    PlanLeg,
    RegisterOrganization,
)


def fields_of(command: type[Any], data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as failed:
        command.parse(data)
    return failed.value.errors


def assert_chinese(messages: dict[str, str]) -> None:
    """No English pydantic text: only our words (field values like 'mail' may be quoted)."""
    for message in messages.values():
        assert re.search(r"[\u4e00-\u9fff]", message), message
        assert "Input should" not in message and "valid" not in message, message


def test_every_shape_error_is_named_at_once_in_chinese() -> None:
    errors = fields_of(
        OpenCase,
        {
            "case_number": 2026,
            "result_delivery": "post",
            "applicant": {"name": ["x"], "address": "北京"},
            "materials": ["x", {"pages": "many", "original": "perhaps"}],
        },
    )
    assert set(errors) == {
        "case_number",
        "result_delivery",
        "applicant.name",
        "applicant.address",
        "materials.0",
        "materials.1.pages",
        "materials.1.original",
    }
    assert errors["result_delivery"] == "应为以下之一：mail、pickup_at_hall、electronic。"
    assert errors["materials.0"] == "应为对象。"
    assert_chinese(errors)


@pytest.mark.parametrize("bad", ["a\x00b", "a\x1b[31mb", "a\ud800b", "行一\n行二", "\x7f"])
def test_text_with_control_or_invalid_characters_is_refused(bad: str) -> None:
    errors = fields_of(OpenCase, {"matter_name": bad, "result_delivery": "mail"})
    assert errors == {"matter_name": "不能包含控制字符或无效字符。"}


def test_more_materials_than_a_case_takes_are_refused_before_any_is_built() -> None:
    materials = [{"name": "附件"}] * (MAX_MATERIALS + 1)
    errors = fields_of(OpenCase, {"result_delivery": "pickup_at_hall", "materials": materials})
    assert errors == {"materials": f"最多 {MAX_MATERIALS} 项。"}


def test_domain_errors_are_collected_under_their_paths() -> None:
    command = OpenCase.parse(
        {
            "result_delivery": "mail",
            "applicant": {"name": "张三", "mobile": "12345", "id_number": ""},
            "materials": [{"name": "申请表"}, {"name": "", "pages": 0}],
        }
    )
    fields = Fields()
    assert command.to_applicant(fields) is None
    command.to_materials(fields)
    assert set(fields.errors) == {
        "applicant.mobile",
        "applicant.id_number",
        "applicant.address.province",
        "applicant.address.city",
        "applicant.address.county",
        "applicant.address.county_code",
        "applicant.address.street",
        "applicant.address.postcode",
        "materials.1.name",
        "materials.1.pages",
    }


def test_an_electronic_result_needs_no_address() -> None:
    command = OpenCase.parse(
        {
            "result_delivery": "electronic",
            "applicant": {
                "name": " 张三 ",
                "mobile": "13112341907",
                "id_number": "11010519491231002X",
            },
        }
    )
    fields = Fields()
    applicant = command.to_applicant(fields)
    assert fields.errors == {}
    assert applicant is not None and applicant.name == "张三" and applicant.address is None
    assert command.result_delivery is ResultDelivery.ELECTRONIC


def test_leg_and_account_commands_refuse_bad_types_in_chinese() -> None:
    leg = fields_of(PlanLeg, {"kind": "parcel", "weight_grams": 2.5, "insured_value": "1.234"})
    assert set(leg) == {"kind", "weight_grams", "insured_value"}
    assert leg["insured_value"] == "金额最多保留 2 位小数。"
    account = fields_of(CreateAccount, {"username": "x", "role": "boss", "password": "short"})
    assert account == {
        "role": "应为以下之一：hall_staff、department_staff、admin。",
        "password": "至少 8 个字符。",
    }
    hall = fields_of(RegisterOrganization, {"carrier_account": {"payment_mode": 3}})
    assert hall == {"carrier_account.payment_mode": "应为以下之一：1、2。"}
    assert_chinese({**leg, **account, **hall})


def test_unknown_pydantic_errors_get_a_chinese_fallback_never_english() -> None:
    message = chinese_message({"type": "url_parsing", "msg": "Input should be a valid URL"})
    assert message == "格式不正确。"
    context = {"max_length": 1, "min_length": 1, "decimal_places": 2, "expected": "'a' or 'b'"}
    context |= {"ge": 1, "le": 1, "gt": 1, "lt": 1}
    assert_chinese({kind: render(context) for kind, render in MESSAGES.items()})


def test_a_blank_address_is_no_address_unless_the_result_is_mailed() -> None:
    data = {
        "applicant": {"name": "张三", "mobile": "13112341907", "id_number": "11010519491231002X"}
    }
    data["applicant"]["address"] = {"province": " ", "street": ""}  # type: ignore[index]
    pickup, mailed = Fields(), Fields()
    applicant = OpenCase.parse({**data, "result_delivery": "pickup_at_hall"}).to_applicant(pickup)
    assert pickup.errors == {} and applicant is not None and applicant.address is None
    OpenCase.parse({**data, "result_delivery": "mail"}).to_applicant(mailed)
    assert mailed.errors["applicant.address.province"] == "请填写省份。"
