"""Reading the case-list search form, and what one page of answers says about paging."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from courier.domain.case import CaseStatus
from courier.domain.case_search import (
    BAD_PAGE,
    BAD_STATUS,
    FROM_AFTER_TO,
    PAGE_SIZE,
    CaseSearch,
    ResultPage,
)
from courier.domain.errors import ValidationFailed
from courier.domain.local_time import BAD_DATE


def errors_of(**typed: str) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as failure:
        CaseSearch.from_text(**typed)
    return failure.value.errors


def test_an_empty_form_searches_everything_from_the_first_page() -> None:
    assert CaseSearch.from_text() == CaseSearch()
    assert CaseSearch().offset == 0 and CaseSearch().as_query() == {}


def test_letters_and_digits_are_a_case_number_and_anything_else_a_name() -> None:
    assert CaseSearch.from_text(q=" BJDC2026 ").number == "BJDC2026"
    assert CaseSearch.from_text(q="BJDC2026").name == ""
    by_name = CaseSearch.from_text(q="张 小明")
    assert (by_name.number, by_name.name) == ("", "张 小明")


def test_a_surname_or_the_full_name_matches_but_not_another_name() -> None:
    assert CaseSearch(name="张").matches_name("张小明")
    assert CaseSearch(name="张小明").matches_name("张小明")
    assert CaseSearch(name="欧阳").matches_name("欧阳娜娜")
    assert CaseSearch(name="张 小明").matches_name("张小明")
    assert not CaseSearch(name="小明").matches_name("张小明")
    assert not CaseSearch(name="张小明明").matches_name("张小明")
    assert not CaseSearch().matches_name("张小明")


def test_dates_are_whole_days_in_china_time_with_both_ends_included() -> None:
    search = CaseSearch.from_text(since="2026-11-26", until="2026-11-26")
    assert (search.created_from, search.created_to) == (date(2026, 11, 26), date(2026, 11, 26))
    assert search.created_since == datetime(2026, 11, 25, 16, 0, tzinfo=UTC)
    assert search.created_before == datetime(2026, 11, 26, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize("typed", ["2026-13-01", "2026/11/26", "26-11-2026", "2026-02-30", "明天"])
def test_a_malformed_date_is_told_next_to_its_field(typed: str) -> None:
    assert errors_of(since=typed) == {"from": BAD_DATE}
    assert errors_of(until=typed) == {"to": BAD_DATE}


def test_a_start_after_the_end_is_refused_on_the_end_field() -> None:
    assert errors_of(since="2026-11-27", until="2026-11-26") == {"to": FROM_AFTER_TO}


def test_every_bad_field_is_told_at_once() -> None:
    errors = errors_of(q="x" * 41, status="lost", since="x", page="0")
    assert set(errors) == {"q", "status", "from", "page"}
    assert errors["status"] == BAD_STATUS and errors["page"] == BAD_PAGE


@pytest.mark.parametrize("typed", ["0", "-1", "1.5", "abc", "١", "10001", "9" * 5000])
def test_a_page_is_a_small_positive_whole_number(typed: str) -> None:
    assert errors_of(page=typed) == {"page": BAD_PAGE}


def test_a_status_page_and_query_round_trip_through_the_query_string() -> None:
    search = CaseSearch.from_text("BJ", "decided", "2026-11-01", "2026-11-30", "3")
    assert search.status is CaseStatus.DECIDED and search.offset == 2 * PAGE_SIZE
    query = search.as_query()
    assert query == {"q": "BJ", "status": "decided", "from": "2026-11-01", "to": "2026-11-30"}
    assert CaseSearch.from_text(**_renamed(query), page="3") == search


def _renamed(query: dict[str, str]) -> dict[str, str]:
    return {
        "q": query["q"],
        "status": query["status"],
        "since": query["from"],
        "until": query["to"],
    }


def test_a_page_knows_whether_there_is_one_before_and_after() -> None:
    first = ResultPage([], PAGE_SIZE * 2 + 1, CaseSearch())
    assert (first.pages, first.has_previous, first.has_next) == (3, False, True)
    last = ResultPage([], PAGE_SIZE * 2 + 1, CaseSearch(page=3))
    assert (last.has_previous, last.has_next) == (True, False)
    empty = ResultPage([], 0, CaseSearch())
    assert (empty.pages, empty.has_previous, empty.has_next) == (1, False, False)
