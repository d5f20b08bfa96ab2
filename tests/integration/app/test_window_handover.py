"""The hall hands the result to the applicant at the window, which closes the case."""

from __future__ import annotations

import json

import sqlalchemy as sa
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from tests.integration.app.conftest import basic
from tests.integration.app.test_desk import csrf_of, signed_in
from tests.receipt_support import PICKUP_CASE, PICKUP_DEPARTMENT, SENDER, result_at_the_hall

HANDOVER = f"/cases/{PICKUP_CASE}/handover"


def reports_of(wired: Courier) -> list[tuple[int, str, dict]]:
    """Return the case's reports in order: sequence, type and data."""
    with wired.engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT o.sequence, o.event_type, o.body FROM outbox_events o "
                "JOIN cases c ON c.id = o.case_id WHERE c.case_number = :n ORDER BY o.sequence"
            ),
            {"n": PICKUP_CASE},
        )
        return [(r.sequence, r.event_type, json.loads(r.body)["data"]) for r in rows]


def test_the_hall_records_the_hand_over_and_the_case_closes_and_is_reported(
    client: FlaskClient, wired: Courier
) -> None:
    result_at_the_hall(wired)
    token = signed_in(client, SENDER)
    page = client.get(f"/cases/{PICKUP_CASE}").get_data(as_text=True)
    assert "交付申请人" in page and "登记交付并办结" in page and "标记为“办结送达”" not in page
    refused = client.post(HANDOVER, data={"csrf": token, "collector": "agent"})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "代领人姓名" in text and "身份" in text
    done = client.post(
        HANDOVER,
        data={
            "csrf": token,
            "collector": "agent",
            "collector_name": "李四",
            "identity_checked": "true",
        },
    )
    assert done.status_code == 302
    page = client.get(f"/cases/{PICKUP_CASE}").get_data(as_text=True)
    assert "办结送达" in page and "代领人 李*，已核验身份" in page and "李四" not in page
    history = page[page.index("办件经过") :]
    assert "办件进入审查" in history and "办件已办结，待送达结果" in history
    assert history.count("办件办结送达") == 1  # the move, not again as the leg's event
    assert "状态变更（审查、办结）发生在记录变更时间之前" not in page
    assert "登记交付并办结" not in page
    again = client.post(
        HANDOVER, data={"csrf": csrf_of(page), "collector": "applicant", "identity_checked": "true"}
    )
    assert again.status_code == 409 and "不能重复登记" in again.get_data(as_text=True)
    types = [t for _, t, _ in reports_of(wired)]
    assert types[-2:] == ["case.result_handed_over", "case.closed"]
    sequences = [s for s, _, _ in reports_of(wired)]
    assert sequences == list(range(1, len(sequences) + 1))
    handed = reports_of(wired)[-2][2]
    assert handed["reason"] == "代领人领取，已核验身份" and handed["leg_kind"] == "result"
    assert "李" not in json.dumps(reports_of(wired), ensure_ascii=False)


def test_the_api_hands_over_once_and_only_for_the_hall(client: FlaskClient, wired: Courier) -> None:
    result_at_the_hall(wired)
    url = f"/api/v1/cases/{PICKUP_CASE}/handover"
    body = {"collector": "applicant", "identity_checked": True}
    department = client.post(url, json=body, headers=basic(PICKUP_DEPARTMENT))
    assert (
        department.status_code == 409
        and "窗口工作人员" in department.get_json()["error"]["message"]
    )
    missing = client.post(url, json={"collector": "applicant"}, headers=basic(SENDER))
    fields = missing.get_json()["error"]["fields"]
    assert missing.status_code == 422 and "身份证件" in fields["identity_checked"]
    answer = client.post(url, json=body, headers=basic(SENDER))
    assert answer.status_code == 200, answer.get_json()
    case = answer.get_json()
    assert case["status"] == "closed" and case["result_handover"]["collector_name"] == ""
    assert case["result_handover"]["identity_checked"] is True
    assert client.post(url, json=body, headers=basic(SENDER)).status_code == 409


def test_a_result_not_yet_confirmed_at_the_hall_cannot_be_handed_over(
    client: FlaskClient, wired: Courier
) -> None:
    url = f"/api/v1/cases/{PICKUP_CASE}/handover"
    body = {"collector": "applicant", "identity_checked": True}
    refused = client.post(url, json=body, headers=basic(SENDER))
    assert refused.status_code == 409 and "尚未办结" in refused.get_json()["error"]["message"]
    mailed = client.post(
        "/api/v1/cases/BJDC2026112600001/handover", json=body, headers=basic(SENDER)
    )
    assert mailed.status_code == 409 and "未选择窗口自取" in mailed.get_json()["error"]["message"]
