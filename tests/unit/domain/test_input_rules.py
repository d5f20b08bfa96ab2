"""Domain constructors are the one copy of each input rule and name every bad field at once."""

from __future__ import annotations

import pytest

from courier.domain.case import Applicant
from courier.domain.errors import InvalidValue, RuleViolation, ValidationFailed
from courier.domain.identifiers import (
    normalize_county_code,
    normalize_id_number,
    normalize_mobile,
    normalize_phone,
    normalize_postcode,
)
from courier.domain.materials import MAX_MATERIALS, Material
from courier.domain.places import Address, required_text
from tests import factories

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def test_an_address_names_every_bad_part_at_once() -> None:
    with pytest.raises(ValidationFailed) as failed:
        Address.create("", "北京市", "", "110100", "", "1000")
    assert set(failed.value.errors) == {"province", "county", "county_code", "street", "postcode"}


def test_an_applicant_names_every_bad_part_at_once() -> None:
    with pytest.raises(ValidationFailed) as failed:
        Applicant.create("", "12345", "110105194912310021", None)
    assert set(failed.value.errors) == {"applicant.name", "applicant.mobile", "applicant.id_number"}


def test_a_material_names_every_bad_part_at_once() -> None:
    with pytest.raises(ValidationFailed) as failed:
        Material.create("", True, 0, 101)
    assert set(failed.value.errors) == {"name", "pages", "copies"}


@pytest.mark.parametrize(
    "name", ["\u200b\u200b", "\u202e\u202d", "\u2066\u2069", " \u200d\ufeff ", "\u00ad"]
)
def test_a_name_made_only_of_invisible_characters_is_refused(name: str) -> None:
    with pytest.raises(InvalidValue, match="请填写申请人姓名"):
        required_text(name, "applicant.name", "申请人姓名")


def test_a_name_with_a_joiner_between_letters_is_kept() -> None:
    assert required_text("张\u200d三", "name", "姓名") == "张\u200d三"


@pytest.mark.parametrize("digits", [ARABIC_INDIC, FULL_WIDTH])
def test_identifiers_take_only_ascii_digits(digits: dict[int, int]) -> None:
    checks = [
        (normalize_postcode, "100007"),
        (normalize_county_code, "110101"),
        (normalize_mobile, "13112341907"),
        (normalize_phone, "01084020101"),
        (normalize_id_number, "11010519491231002X"),
    ]
    for check, good in checks:
        assert check(good) == good
        with pytest.raises(InvalidValue):
            check(good.translate(digits))


def test_a_case_takes_at_most_the_documented_number_of_materials() -> None:
    case = factories.case()
    while len(case.materials) < MAX_MATERIALS:
        case.add_material(Material.create("附件"))
    with pytest.raises(RuleViolation, match=f"最多登记 {MAX_MATERIALS} 项"):
        case.add_material(Material.create("一项太多"))
    assert len(case.materials) == MAX_MATERIALS


def test_a_case_number_and_matter_name_are_checked_together() -> None:
    from courier.domain.case import Case

    with pytest.raises(ValidationFailed) as failed:
        Case.check_numbering("x", "\u200b")
    assert set(failed.value.errors) == {"case_number", "matter_name"}
    assert Case.check_numbering("BJ-0001", " 婚姻登记 ") == "婚姻登记"
