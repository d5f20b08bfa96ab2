"""The receipt API: only the destination confirms, every material once, never twice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.domain.audit import AuditAction, AuditQuery
from courier.domain.leg import LegStatus
from tests.integration.app.conftest import basic, on_both_databases
from tests.integration.app.test_desk import signed_in
from tests.receipt_support import (
    CASE,
    OTHER_DEPARTMENT,
    RECEIVER,
    SENDER,
    deliver_originals,
    material_ids,
)


@pytest.fixture(params=["sqlite", "postgresql"])
def wired(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Courier]:
    """The demo on SQLite and on PostgreSQL, the fake carrier and jobs run at once."""
    yield from on_both_databases(request, tmp_path)


def receipt(ids: list[int], *states: str, note: str = "") -> dict[str, Any]:
    items = [{"material_id": i, "state": s} for i, s in zip(ids, states, strict=True)]
    return {"items": items, "note": note}


def post(client: FlaskClient, waybill: str, body: dict[str, Any], user: str = RECEIVER) -> Any:
    return client.post(f"/api/v1/legs/{waybill}/receipt", json=body, headers=basic(user))


def test_the_destination_confirms_and_a_missing_item_becomes_the_senders_exception(
    client: FlaskClient, wired: Courier
) -> None:
    waybill, ids = deliver_originals(wired), material_ids(wired)
    answer = post(client, waybill, receipt(ids, "received", "missing", note="申请表未寄到"))
    assert answer.status_code == 200, answer.get_json()
    leg = answer.get_json()
    assert leg["status"] == LegStatus.RECEIVED.value and leg["status_name"] == "已签收确认"
    assert "查档申请表（缺失）" in leg["exception_reason"]
    seen_by_sender = client.get(f"/api/v1/cases/{CASE}", headers=basic(SENDER)).get_json()
    originals = seen_by_sender["legs"][0]
    assert originals["exception_reason"] == leg["exception_reason"]
    assert [m["id"] for m in originals["materials"]] == ids
    with wired.uow() as uow:
        kinds = [e.event_type.value for e in uow.leg_events.for_leg(leg["id"])]
    assert kinds[-2:] == ["receipt_confirmed", "receipt_discrepancy"]


def test_a_second_confirmation_is_refused_with_409(client: FlaskClient, wired: Courier) -> None:
    waybill, ids = deliver_originals(wired), material_ids(wired)
    assert post(client, waybill, receipt(ids, "received", "received")).status_code == 200
    again = post(client, waybill, receipt(ids, "received", "damaged"))
    assert again.status_code == 409
    assert "不能重复确认" in again.get_json()["error"]["message"]


def test_another_department_hears_the_same_404_as_for_an_unknown_waybill(
    client: FlaskClient, wired: Courier
) -> None:
    waybill, ids = deliver_originals(wired), material_ids(wired)
    theirs = post(client, waybill, receipt(ids, "received", "received"), OTHER_DEPARTMENT)
    unknown = post(client, "1151238971060", receipt(ids, "received", "received"))
    assert theirs.status_code == unknown.status_code == 404
    assert theirs.get_json() == unknown.get_json()
    sender = post(client, waybill, receipt(ids, "received", "received"), SENDER)
    assert sender.status_code == 404


def test_every_material_must_be_listed_exactly_once_with_field_level_errors(
    client: FlaskClient, wired: Courier
) -> None:
    waybill, ids = deliver_originals(wired), material_ids(wired)
    fields = post(client, waybill, receipt(ids[:1], "received")).get_json()["error"]["fields"]
    assert "未确认" in fields["items"]
    twice = receipt([ids[0], ids[0]], "received", "missing")
    fields = post(client, waybill, twice).get_json()["error"]["fields"]
    assert fields["items.1.material_id"] == "同一材料只能确认一次。"
    bad = post(client, waybill, {"items": [{"material_id": ids[0], "state": "lost"}]})
    assert bad.status_code == 422
    assert "received" in bad.get_json()["error"]["fields"]["items.0.state"]
    stranger = receipt([ids[0], 999_999], "received", "received")
    fields = post(client, waybill, stranger).get_json()["error"]["fields"]
    assert fields["items.1.material_id"] == "该材料不属于本邮件。"


def test_a_parcel_still_with_the_carrier_before_collection_cannot_be_confirmed(
    client: FlaskClient, wired: Courier
) -> None:
    ids = material_ids(wired)
    with wired.uow() as uow:
        case = uow.cases.get(CASE)
        assert case is not None
        waybill = case.legs[0].waybill_no
    assert waybill is not None
    answer = post(client, waybill, receipt(ids, "received", "received"))
    assert answer.status_code == 409
    assert "尚不能签收确认" in answer.get_json()["error"]["message"]


def test_the_case_goes_to_review_only_after_the_originals_receipt_and_says_what_to_do(
    client: FlaskClient, wired: Courier
) -> None:
    waybill, ids = deliver_originals(wired), material_ids(wired)
    review = {"status": "in_review"}
    early = client.post(f"/api/v1/cases/{CASE}/status", json=review, headers=basic(RECEIVER))
    assert early.status_code == 409
    assert "收件台" in early.get_json()["error"]["message"]
    assert post(client, waybill, receipt(ids, "received", "received")).status_code == 200
    later = client.post(f"/api/v1/cases/{CASE}/status", json=review, headers=basic(RECEIVER))
    assert later.status_code == 200 and later.get_json()["status"] == "in_review"


def test_the_sender_settles_a_discrepancy_once_and_it_is_reported(
    client: FlaskClient, wired: Courier
) -> None:
    waybill, ids = deliver_originals(wired), material_ids(wired)
    leg = post(client, waybill, receipt(ids, "received", "missing")).get_json()
    url = f"/api/v1/legs/{leg['id']}/receipt/resolution"
    by_receiver = client.post(url, json={"resolution": "已补寄"}, headers=basic(RECEIVER))
    assert by_receiver.status_code == 409 and "寄件方" in by_receiver.get_json()["error"]["message"]
    empty = client.post(url, json={"resolution": " "}, headers=basic(SENDER))
    assert empty.status_code == 422 and "resolution" in empty.get_json()["error"]["fields"]
    done = client.post(url, json={"resolution": "已补寄缺失的查档申请表"}, headers=basic(SENDER))
    assert done.status_code == 200, done.get_json()
    assert done.get_json()["exception_reason"] is None
    again = client.post(url, json={"resolution": "再次"}, headers=basic(SENDER))
    assert again.status_code == 409 and "不能重复登记" in again.get_json()["error"]["message"]
    with wired.uow() as uow:
        kinds = [e.event_type.value for e in uow.leg_events.for_leg(leg["id"])]
        stored = uow.receipts.for_leg(leg["id"])
        assert stored is not None and stored.resolution == "已补寄缺失的查档申请表"
    assert kinds[-1] == "receipt_discrepancy_resolved"
    with wired.uow() as uow:
        (entry,), _ = uow.audit.search(AuditQuery(action=AuditAction.DISCREPANCY_RESOLVED))
    assert (entry.username, entry.case_number, entry.target) == (SENDER, CASE, f"leg:{leg['id']}")
    with wired.engine.connect() as connection:
        bodies = connection.execute(
            sa.text("SELECT body FROM outbox_events WHERE event_type = :t"),
            {"t": "leg.receipt_discrepancy_resolved"},
        ).scalars()
        assert ["已补寄" not in body for body in bodies] == [True]  # staff words stay inside


def test_a_settled_discrepancy_leaves_the_senders_queue(
    client: FlaskClient, wired: Courier
) -> None:
    waybill, ids = deliver_originals(wired), material_ids(wired)
    leg = post(client, waybill, receipt(ids, "received", "damaged")).get_json()
    token = signed_in(client, SENDER)
    assert "签收发现材料问题" in client.get("/").get_data(as_text=True)
    page = client.get(f"/cases/{CASE}").get_data(as_text=True)
    assert "登记已处理" in page
    client.post(
        f"/cases/{CASE}/legs/{leg['id']}/resolve",
        data={"csrf": token, "resolution": "已与部门核实，原件完好"},
    )
    page = client.get(f"/cases/{CASE}").get_data(as_text=True)
    assert "已登记材料问题的处理结果" in page and "材料问题已于" in page
    assert "签收发现材料问题" not in client.get("/").get_data(as_text=True)
