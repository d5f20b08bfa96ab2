"""A case with originals to send goes to review only once they arrived: page and API alike."""

from __future__ import annotations

from flask.testing import FlaskClient

from courier.bootstrap import Courier
from tests.integration.app.conftest import basic
from tests.integration.app.intake_support import NUMBER, bearer, intake, issue
from tests.integration.app.test_case_page_actions import legs_of
from tests.integration.app.test_desk import signed_in
from tests.receipt_support import originals_confirmed

NOT_SENT = "原件尚未寄出，不能进入审查。请受理大厅先在本办件下寄出原件"
CANCELLED = "原件尚未寄出（原运单已取消），不能进入审查。请受理大厅先在本办件下寄出原件"
PICKUP = "BJDC2026112600002"  # Beijing exit-entry's case: originals listed, none sent yet
MAILED = "BJDC2026112600001"  # Hangzhou civil affairs' case: its originals leg is booked


def status_of(wired: Courier, case_number: str) -> str:
    with wired.uow() as uow:
        case = uow.cases.get(case_number)
        assert case is not None
        return case.status.value


def test_the_case_page_says_why_review_waits_and_refuses_it_before_the_originals_are_sent(
    client: FlaskClient, wired: Courier
) -> None:
    token = signed_in(client, "bj-churujing")
    page = client.get(f"/cases/{PICKUP}").get_data(as_text=True)
    assert NOT_SENT in page and "标记为“审查中”" not in page
    refused = client.post(f"/cases/{PICKUP}/status", data={"csrf": token, "status": "in_review"})
    answer = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert NOT_SENT in answer[answer.index('role="alert"') : answer.index("材料清单")]
    assert status_of(wired, PICKUP) == "accepted"


def test_the_api_refuses_review_while_the_originals_are_not_sent_and_allows_it_once_confirmed(
    client: FlaskClient, wired: Courier
) -> None:
    department = basic("bj-churujing")
    review = {"status": "in_review"}
    refused = client.post(f"/api/v1/cases/{PICKUP}/status", json=review, headers=department)
    assert refused.status_code == 409
    assert NOT_SENT in refused.json["error"]["message"]
    shown = client.get(f"/api/v1/cases/{PICKUP}", headers=department).json
    assert shown["status"] == "accepted"
    originals_confirmed(wired, PICKUP, "bj-churujing")
    moved = client.post(f"/api/v1/cases/{PICKUP}/status", json=review, headers=department)
    assert moved.status_code == 200 and status_of(wired, PICKUP) == "in_review"


def test_a_cancelled_originals_leg_holds_the_case_back_from_review_in_the_api(
    client: FlaskClient, wired: Courier
) -> None:
    [originals] = legs_of(wired, MAILED)
    cancel = f"/api/v1/legs/{originals.id}/cancel"
    cancelled = client.post(cancel, json={"reason": "改约"}, headers=basic("bj-window"))
    assert cancelled.status_code == 200
    refused = client.post(
        f"/api/v1/cases/{MAILED}/status",
        json={"status": "in_review"},
        headers=basic("hz-minzheng"),
    )
    assert refused.status_code == 409 and CANCELLED in refused.json["error"]["message"]
    assert status_of(wired, MAILED) == "accepted"


def test_an_intake_is_opened_accepted_and_its_repeat_after_the_review_is_still_recognised(
    client: FlaskClient, wired: Courier
) -> None:
    token = issue(client)
    data = intake(status="in_review")  # a case system's own status is not taken over
    opened = client.post("/api/v1/cases", json=data, headers=bearer(token, "intake-1"))
    assert opened.status_code == 201 and opened.json["status"] == "accepted"
    originals_confirmed(wired, NUMBER, "hz-minzheng")
    review = {"status": "in_review"}
    moved = client.post(f"/api/v1/cases/{NUMBER}/status", json=review, headers=basic("hz-minzheng"))
    assert moved.status_code == 200
    again = client.post("/api/v1/cases", json=data, headers=bearer(token, "intake-2"))
    assert again.status_code == 200 and again.json["status"] == "in_review"
