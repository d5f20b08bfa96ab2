"""GET /api/v1/cases takes the home desk's search and pages its answer."""

from __future__ import annotations

from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.domain.case_search import FROM_AFTER_TO
from courier.domain.local_time import BAD_DATE
from tests.integration.app.conftest import basic
from tests.integration.app.test_home_desk import BJ_FIRST, BJ_SECOND, add_cases, second_in_review

WINDOW = basic("bj-window")


def search(client: FlaskClient, query: str) -> dict[str, object]:
    response = client.get("/api/v1/cases" + query, headers=WINDOW)
    assert response.status_code == 200, response.get_json()
    answer: dict[str, object] = response.get_json()
    return answer


def numbers(answer: dict[str, object]) -> list[str]:
    return [case["case_number"] for case in answer["cases"]]  # type: ignore[attr-defined, index]


def test_without_a_search_the_first_page_of_the_accounts_cases_comes_back(
    client: FlaskClient,
) -> None:
    answer = search(client, "")
    assert numbers(answer) == [BJ_SECOND, BJ_FIRST]
    assert (answer["total"], answer["page"], answer["pages"]) == (2, 1, 1)


def test_a_name_a_status_and_days_narrow_the_answer(client: FlaskClient, wired: Courier) -> None:
    second_in_review(wired)
    by_surname = search(client, "?q=张")
    assert numbers(by_surname) == [BJ_FIRST]
    assert by_surname["cases"][0]["applicant"]["name"] == "张*明"  # type: ignore[index]
    assert numbers(search(client, "?status=in_review")) == [BJ_SECOND]
    assert numbers(search(client, "?q=BJDC&from=2026-11-26&to=2026-11-26")) == [BJ_SECOND, BJ_FIRST]
    assert search(client, "?from=2026-11-27")["total"] == 0


def test_pages_hold_twenty_cases_and_count_them_all(wired: Courier, client: FlaskClient) -> None:
    add_cases(wired, 25)
    first, second = search(client, "?q=BJXX"), search(client, "?q=BJXX&page=2")
    assert len(numbers(first)) == 20 and numbers(second)[-1] == "BJXX0000"
    assert (second["total"], second["page"], second["pages"]) == (25, 2, 2)


def test_bad_search_fields_are_named_in_the_error(client: FlaskClient) -> None:
    response = client.get("/api/v1/cases?from=2026-13-40&page=0", headers=WINDOW)
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert fields["from"] == BAD_DATE and set(fields) == {"from", "page"}
    reversed_range = client.get("/api/v1/cases?from=2026-11-27&to=2026-11-26", headers=WINDOW)
    assert reversed_range.get_json()["error"]["fields"] == {"to": FROM_AFTER_TO}
