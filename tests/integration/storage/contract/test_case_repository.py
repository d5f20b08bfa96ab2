"""Cases: add, get by number or id, list newest first with filters, find by mobile tail."""

from __future__ import annotations

from datetime import timedelta

import pytest

from courier.domain.errors import Conflict
from courier.domain.leg import LegKind
from tests import factories
from tests.integration.storage.contract.support import NewUow, Offices, store_case


def test_a_stored_case_is_found_by_number_and_by_id_with_its_leg(
    new_uow: NewUow, offices: Offices
) -> None:
    stored = store_case(new_uow, offices, "BJ-0001")
    with new_uow() as uow:
        case = uow.cases.get("BJ-0001")
        assert case is not None and case.id == stored.case_id
        assert uow.cases.get_by_id(stored.case_id) is case
        assert case.applicant == factories.applicant()
        assert [m.name for m in case.materials] == ["户口簿", "身份证复印件"]
        leg = case.live_leg(LegKind.ORIGINALS)
        assert leg is not None and leg.id == stored.leg_id and leg.case_id == case.id


def test_an_unknown_case_number_or_id_finds_nothing(new_uow: NewUow, offices: Offices) -> None:
    stored = store_case(new_uow, offices, "BJ-0001")
    with new_uow() as uow:
        assert uow.cases.get("BJ-0002") is None
        assert uow.cases.get_by_id(stored.case_id + 100) is None


def test_cases_are_listed_newest_first_and_filtered_by_hall_and_department(
    new_uow: NewUow, offices: Offices
) -> None:
    later = factories.NOW + timedelta(hours=1)
    store_case(new_uow, offices, "CASE-A")
    store_case(new_uow, offices, "CASE-B", other_hall=True, created_at=later)
    store_case(new_uow, offices, "CASE-C", other_department=True)
    with new_uow() as uow:

        def numbers(**where: int) -> list[str]:
            return [c.case_number for c in uow.cases.list(**where)]

        # Same time: the later stored case first.
        assert numbers() == ["CASE-B", "CASE-C", "CASE-A"]
        assert numbers(hall_id=offices.hall) == ["CASE-C", "CASE-A"]
        assert numbers(department_id=offices.department) == ["CASE-B", "CASE-A"]
        assert numbers(hall_id=offices.other_hall, department_id=offices.other_department) == []


def test_a_case_is_found_by_its_number_and_exactly_the_last_four_mobile_digits(
    new_uow: NewUow, offices: Offices
) -> None:
    stored = store_case(new_uow, offices, "BJ-0001")
    store_case(new_uow, offices, "BJ-0002")
    with new_uow() as uow:
        found = uow.cases.find_by_mobile_tail("BJ-0001", "1907")
        assert found is not None and found.id == stored.case_id
        for number, tail in [("BJ-0001", "1908"), ("BJ-0001", "907"), ("BJ-0003", "1907")]:
            assert uow.cases.find_by_mobile_tail(number, tail) is None


def test_a_second_case_with_the_same_number_is_refused(new_uow: NewUow, offices: Offices) -> None:
    store_case(new_uow, offices, "BJ-0001")
    with new_uow() as uow, pytest.raises(Conflict):
        uow.cases.add(
            factories.case("BJ-0001", hall_id=offices.hall, department_id=offices.department)
        )
        uow.commit()
    with new_uow() as uow:
        assert [c.case_number for c in uow.cases.list()] == ["BJ-0001"]
