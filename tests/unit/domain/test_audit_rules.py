"""The log's filters and the anonymisation rules, without a database."""

from __future__ import annotations

from datetime import date

import pytest

from courier.domain.audit import AuditAction, AuditQuery
from courier.domain.case import Applicant
from courier.domain.errors import ValidationFailed
from courier.domain.places import Address, Party
from courier.domain.retention import ANONYMISED, anonymised_applicant, anonymised_party

HOME = Address("浙江省", "杭州市", "西湖区", "330106", "文一西路 1 号", "310012")
APPLICANT = Applicant("欧阳娜娜", "15968112233", "330106198805126724", HOME)


def test_the_filters_are_read_as_typed_and_bad_ones_are_named() -> None:
    query = AuditQuery.from_text(" C1 ", "admin", "case_viewed", "2026-12-01", "2026-12-02", "2")
    assert (query.case_number, query.account, query.action) == (
        "C1",
        "admin",
        AuditAction.CASE_VIEWED,
    )
    assert (query.since_day, query.page, query.offset) == (date(2026, 12, 1), 2, 50)
    with pytest.raises(ValidationFailed) as failed:
        AuditQuery.from_text(action="nope", since="2026-12-09", until="2026-12-01", page="0")
    assert set(failed.value.errors) == {"action", "to", "page"}


def test_anonymising_keeps_the_county_and_replaces_the_person() -> None:
    blank = anonymised_applicant(APPLICANT)
    assert (blank.name, blank.mobile, blank.id_number) == (ANONYMISED,) * 3
    assert blank.address is not None and blank.address.county == "西湖区"
    assert blank.address.street == ANONYMISED


def test_only_the_applicants_party_of_a_leg_is_replaced() -> None:
    own = Party("欧阳娜娜", "15968112233", HOME)
    hall = Party("李晓梅", "01064000000", HOME, "东城大厅")
    assert anonymised_party(own, APPLICANT).name == ANONYMISED
    assert anonymised_party(hall, APPLICANT) == hall
