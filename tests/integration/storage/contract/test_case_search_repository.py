"""Searching cases in scope with paging in the store, and the legs that need a person."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from courier.domain.accounts import Account, Role, Scope
from courier.domain.case import CaseStatus
from courier.domain.case_search import CaseSearch
from courier.domain.extra_waybills import ExtraWaybillStatus
from courier.domain.leg import LegKind, LegStatus
from courier.domain.receipt import MaterialState, Receipt, ReceiptLine
from tests import factories
from tests.integration.storage.contract.support import NewUow, Offices, store_case

DAY = timedelta(days=1)


def store(
    new_uow: NewUow,
    offices: Offices,
    number: str,
    name: str = "张小明",
    days_ago: int = 0,
    status: CaseStatus = CaseStatus.ACCEPTED,
    other_hall: bool = False,
) -> None:
    hall_id = offices.other_hall if other_hall else offices.hall
    with new_uow() as uow:
        case = factories.case(number, hall_id=hall_id, department_id=offices.department)
        case.applicant = replace(case.applicant, name=name)
        case.created_at = factories.NOW - days_ago * DAY
        case.status = status
        uow.cases.add(case)
        uow.commit()


def numbers(new_uow: NewUow, scope: Scope, search: CaseSearch, limit: int = 20) -> list[str]:
    with new_uow() as uow:
        found = uow.cases.search(scope, search, limit, search.offset)
        return [c.case_number for c in found]


def test_a_search_pages_newest_first_and_counts_them_all(new_uow: NewUow, offices: Offices) -> None:
    for day in range(5):
        store(new_uow, offices, f"BJ-000{day}", days_ago=day)
    hall = Scope(hall_id=offices.hall)
    assert numbers(new_uow, hall, CaseSearch(), limit=2) == ["BJ-0000", "BJ-0001"]
    with new_uow() as uow:
        second = uow.cases.search(hall, CaseSearch(), 2, 2)
        assert [c.case_number for c in second] == ["BJ-0002", "BJ-0003"]
        assert uow.cases.count(hall, CaseSearch()) == 5


def test_a_case_number_matches_by_its_beginning_whatever_the_letter_case(
    new_uow: NewUow, offices: Offices
) -> None:
    for number in ("BJDC-0001", "BJDC-0002", "HZXH-0003", "BJ_X-0004", "BJAX-0005"):
        store(new_uow, offices, number)
    everything = Scope(everything=True)
    assert sorted(numbers(new_uow, everything, CaseSearch(number="bjdc"))) == [
        "BJDC-0001",
        "BJDC-0002",
    ]
    assert numbers(new_uow, everything, CaseSearch(number="BJDC-0002")) == ["BJDC-0002"]
    # an underscore typed is a character, not a LIKE wildcard
    assert numbers(new_uow, everything, CaseSearch(number="BJ_")) == ["BJ_X-0004"]
    with new_uow() as uow:
        assert uow.cases.count(everything, CaseSearch(number="BJDC")) == 2


def test_status_and_china_time_days_narrow_the_search(new_uow: NewUow, offices: Offices) -> None:
    # NOW is 17:00 in Beijing on 2026-11-26; a day ago is 2026-11-25
    store(new_uow, offices, "CASE-NOW", status=CaseStatus.DECIDED)
    store(new_uow, offices, "CASE-YESTERDAY", days_ago=1)
    store(new_uow, offices, "CASE-OLD", days_ago=9, status=CaseStatus.DECIDED)
    everything = Scope(everything=True)
    decided = CaseSearch(status=CaseStatus.DECIDED)
    assert numbers(new_uow, everything, decided) == ["CASE-NOW", "CASE-OLD"]
    day = factories.NOW.date()
    assert numbers(new_uow, everything, CaseSearch(created_from=day)) == ["CASE-NOW"]
    until_yesterday = CaseSearch(created_to=day - DAY)
    assert numbers(new_uow, everything, until_yesterday) == ["CASE-YESTERDAY", "CASE-OLD"]
    both = CaseSearch(status=CaseStatus.DECIDED, created_from=day - 9 * DAY, created_to=day - DAY)
    assert numbers(new_uow, everything, both) == ["CASE-OLD"]


def test_a_search_never_leaves_the_scope(new_uow: NewUow, offices: Offices) -> None:
    store(new_uow, offices, "OURS-0001")
    store(new_uow, offices, "THEIRS-0001", other_hall=True)
    assert numbers(new_uow, Scope(hall_id=offices.hall), CaseSearch()) == ["OURS-0001"]
    assert numbers(new_uow, Scope(hall_ids=frozenset({offices.other_hall})), CaseSearch()) == [
        "THEIRS-0001"
    ]
    department = Scope(department_id=offices.department)
    assert len(numbers(new_uow, department, CaseSearch())) == 2
    assert numbers(new_uow, Scope(), CaseSearch()) == []
    with new_uow() as uow:
        assert uow.cases.count(Scope(hall_id=offices.other_hall), CaseSearch()) == 1
        assert uow.cases.applicant_names(Scope(), CaseSearch()) == []


def test_applicant_names_come_decrypted_with_ids_and_cases_load_in_the_order_asked(
    new_uow: NewUow, offices: Offices
) -> None:
    store(new_uow, offices, "BJ-0001", name="欧阳娜娜", days_ago=1)
    store(new_uow, offices, "BJ-0002", name="王小明")
    store(new_uow, offices, "BJ-0003", name="欧阳修", other_hall=True)
    with new_uow() as uow:
        found = uow.cases.applicant_names(Scope(hall_id=offices.hall), CaseSearch())
        assert [name for _, name in found] == ["王小明", "欧阳娜娜"]
        ids = [case_id for case_id, _ in found]
        loaded = uow.cases.by_ids([ids[1], ids[0], 10_000])
        assert [c.case_number for c in loaded] == ["BJ-0001", "BJ-0002"]
        assert uow.cases.by_ids([]) == []


def test_legs_needing_a_person_are_found_in_scope(new_uow: NewUow, offices: Offices) -> None:
    store_case(
        new_uow, offices, "FINE-0001", status=LegStatus.IN_TRANSIT, waybill_no="1000000000001"
    )
    failed = store_case(new_uow, offices, "FAIL-0001", status=LegStatus.BOOKING_FAILED)
    store_case(new_uow, offices, "GONE-0001", status=LegStatus.CANCELLED)
    theirs = store_case(new_uow, offices, "LOST-0001", other_hall=True, status=LegStatus.LOST)
    stuck = store_case(new_uow, offices, "STUCK-0001", status=LegStatus.IN_TRANSIT)
    extra = store_case(new_uow, offices, "XTRA-0001", status=LegStatus.DELIVERED)
    received = store_case(new_uow, offices, "RECV-0001", status=LegStatus.RECEIVED)
    complete = store_case(new_uow, offices, "RECV-0002", status=LegStatus.RECEIVED)
    with new_uow() as uow:
        stuck_leg, extra_leg = uow.legs.get(stuck.leg_id), uow.legs.get(extra.leg_id)
        assert stuck_leg is not None and extra_leg is not None
        stuck_leg.exception_reason = "已 4 天 无新轨迹"
        for number, status in (("1000000000009", ExtraWaybillStatus.NEEDS_MANUAL_VOID),
                               ("1000000000008", ExtraWaybillStatus.PENDING)):  # fmt: skip
            extra_leg.keep_extra_waybill(number, factories.NOW).status = status
        account = Account("desk", "收件人", Role.HALL_STAFF, "hash", hall_id=offices.hall)
        uow.accounts.add(account)
        uow.commit()
        for stored, state in (
            (received, MaterialState.MISSING),
            (complete, MaterialState.RECEIVED),
        ):
            leg = uow.legs.get(stored.leg_id)
            assert leg is not None and account.id is not None
            # the fake store does not number materials: any id stands for one there
            lines = [ReceiptLine(m.id or n, state) for n, m in enumerate(leg.materials, 1)]
            uow.receipts.add(Receipt(stored.leg_id, account.id, factories.NOW, lines=lines))
        uow.commit()
    with new_uow() as uow:
        ours = uow.legs.needing_attention(Scope(hall_id=offices.hall))
        expected = [failed.leg_id, stuck.leg_id, extra.leg_id, received.leg_id]
        assert [leg.id for leg in ours] == expected
        assert all(leg.kind is LegKind.ORIGINALS for leg in ours)
        everything = uow.legs.needing_attention(Scope(everything=True))
        assert sorted(leg.id for leg in everything) == sorted([*expected, theirs.leg_id])
        assert [leg.id for leg in uow.legs.needing_attention(Scope(everything=True), 2)] == [
            failed.leg_id,
            theirs.leg_id,
        ]
        assert uow.legs.needing_attention(Scope()) == []
