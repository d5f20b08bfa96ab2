"""The operation and access log: each view of personal data and each change, searchable."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.config import ConfigError, Settings
from courier.domain.audit import AuditAction, AuditEntry, AuditQuery
from courier.domain.case import CaseStatus
from courier.services import retention
from courier.storage.tables import audit_log
from tasks.celery_app import beat_schedule
from tasks.celery_tasks import anonymise_closed_cases
from tasks.jobs import PERIODIC
from tests import factories
from tests.integration.app.conftest import basic, on_both_databases, settings_for
from tests.receipt_support import CASE, RECEIVER, SENDER, deliver_originals

PUBLIC_CASE = "HZXH2026112600003"  # mobile …2233
PERSONAL = ("欧阳娜娜", "15968112233", "330106198805126724", "文一西路")


@pytest.fixture(params=["sqlite", "postgresql"])
def wired(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Courier]:
    yield from on_both_databases(request, tmp_path)


def rows(app: Courier, action: AuditAction) -> list[AuditEntry]:
    with app.uow() as uow:
        found, _ = uow.audit.search(AuditQuery(action=action))
        return found


def test_every_view_of_a_cases_personal_data_is_logged_with_who_and_where(
    client: FlaskClient, wired: Courier
) -> None:
    window = basic(SENDER)
    assert client.get(f"/api/v1/cases/{CASE}", headers=window).status_code == 200
    assert client.get("/api/v1/cases", headers=window).status_code == 200
    assert client.get(f"/cases/{CASE}", headers=window).status_code == 200
    leg = client.get(f"/api/v1/cases/{CASE}", headers=window).get_json()["legs"][0]
    assert client.get(f"/api/v1/legs/{leg['id']}/label.pdf", headers=window).status_code == 200
    handover = client.post("/api/v1/handovers", json={"leg_ids": [leg["id"]]}, headers=window)
    assert handover.status_code == 201, handover.get_json()
    assert client.get(handover.get_json()["list"], headers=window).status_code == 200
    waybill = deliver_originals(wired)
    assert client.get(f"/receive/{waybill}", headers=basic(RECEIVER)).status_code == 200
    lookup = {"case_number": PUBLIC_CASE, "phone_tail": "2233"}
    assert client.post("/api/v1/public/track", json=lookup).status_code == 200

    viewed = rows(wired, AuditAction.CASE_VIEWED)
    assert [(e.username, e.case_number, e.channel) for e in viewed][-1] == (SENDER, CASE, "basic")
    assert {e.channel for e in viewed} == {"basic"} and len(viewed) == 3
    assert all(e.client == "127.0.0.1" and e.at is not None for e in viewed)
    (listed,) = rows(wired, AuditAction.CASES_LISTED)
    assert listed.username == SENDER and listed.detail.endswith("件")
    (label,) = rows(wired, AuditAction.LABEL_PRINTED)
    assert (label.case_number, label.target) == (CASE, f"leg:{leg['id']}")
    (listed_parcel,) = rows(wired, AuditAction.HANDOVER_LIST_PRINTED)
    assert (listed_parcel.username, listed_parcel.case_number) == (SENDER, CASE)
    (arrival,) = rows(wired, AuditAction.ARRIVAL_OPENED)
    assert (arrival.username, arrival.case_number) == (RECEIVER, CASE)
    (public,) = rows(wired, AuditAction.PUBLIC_LOOKUP)
    assert (public.account_id, public.case_number) == (None, PUBLIC_CASE)
    assert public.client == "127.0.0.1"


def test_state_changes_are_logged_and_the_log_holds_no_personal_data(
    client: FlaskClient, wired: Courier
) -> None:
    opened = rows(wired, AuditAction.CASE_OPENED)
    assert PUBLIC_CASE in {e.case_number for e in opened}
    assert rows(wired, AuditAction.LEG_PLANNED) and rows(wired, AuditAction.ACCOUNT_CREATED)
    client.get(f"/api/v1/cases/{PUBLIC_CASE}", headers=basic("admin"))
    with wired.engine.connect() as connection:
        text = " ".join(str(v) for row in connection.execute(sa.select(audit_log)) for v in row)
    assert not [p for p in PERSONAL if p in text]


def test_the_access_log_api_and_page_are_for_administrators_only(
    client: FlaskClient, wired: Courier
) -> None:
    client.get(f"/api/v1/cases/{CASE}", headers=basic(SENDER))
    answer = client.get(
        f"/api/v1/access-log?case_number={CASE}&account={SENDER}", headers=basic("admin")
    )
    assert answer.status_code == 200, answer.get_json()
    entries = answer.get_json()["entries"]
    assert [e["action"] for e in entries] == ["case_viewed", "leg_planned"]  # newest first
    assert entries[0]["action_name"] == "查看办件"
    assert client.get("/api/v1/access-log", headers=basic(SENDER)).status_code == 403
    bad = client.get("/api/v1/access-log?from=2026-13-01", headers=basic("admin"))
    assert bad.status_code == 422
    page = client.get(f"/admin/audit?case_number={CASE}", headers=basic("admin"))
    assert page.status_code == 200 and "查看办件" in page.get_data(as_text=True)
    assert client.get("/admin/audit", headers=basic(SENDER)).status_code == 404


def test_purge_deletes_only_rows_past_the_retention(wired: Courier) -> None:
    now = factories.NOW
    with wired.uow() as uow:
        kept = uow.audit.search(AuditQuery())[1]
        for age in (400, 366, 10):
            uow.audit.add(AuditEntry(now - timedelta(days=age), AuditAction.SIGNED_IN))
        uow.commit()
    assert retention.purge_audit_log(wired.uow(), now, 365, batch=1) == 2
    assert retention.purge_audit_log(wired.uow(), now, 365) == 0
    with wired.uow() as uow:
        assert uow.audit.search(AuditQuery())[1] == kept + 1


def test_a_closed_case_past_the_retention_is_anonymised_once_and_no_longer_found(
    client: FlaskClient, wired: Courier
) -> None:
    with wired.uow() as uow:
        case = uow.cases.get(PUBLIC_CASE)
        assert case is not None
        case.status = CaseStatus.CLOSED
        uow.commit()
        closed = [c for c in uow.cases.list() if c.status is CaseStatus.CLOSED]
    later = factories.NOW + timedelta(days=2000)
    assert retention.anonymise_closed_cases(wired.uow(), factories.NOW, 1095) == 0
    assert retention.anonymise_closed_cases(wired.uow(), later, 1095, batch=1) == len(closed)
    assert retention.anonymise_closed_cases(wired.uow(), later, 1095) == 0
    with wired.uow() as uow:
        case = uow.cases.get(PUBLIC_CASE)
        assert case is not None and case.applicant.name == "已匿名"
        parties = [p for leg in case.legs for p in (leg.sender, leg.receiver)]
        assert "欧阳娜娜" not in {p.name for p in parties}
    lookup = {"case_number": PUBLIC_CASE, "phone_tail": "2233"}
    assert client.post("/api/v1/public/track", json=lookup).status_code == 404
    anonymised = rows(wired, AuditAction.CASE_ANONYMISED)
    assert {r.case_number for r in anonymised} == {c.case_number for c in closed}
    assert all(r.account_id is None for r in anonymised)


def test_retention_jobs_run_daily_and_a_log_kept_under_six_months_is_refused(
    tmp_path: Path,
) -> None:
    assert PERIODIC["purge_audit_log"] == PERIODIC["anonymise_closed_cases"] == 86400.0
    schedule = beat_schedule()
    assert schedule["purge-audit-log"]["task"] == "courier.purge_audit_log"
    assert anonymise_closed_cases.name == schedule["anonymise-closed-cases"]["task"]
    with pytest.raises(ConfigError, match="COURIER_AUDIT_RETENTION_DAYS"):
        settings_for(tmp_path, audit_retention_days=182)
    with pytest.raises(ConfigError, match="COURIER_APPLICANT_RETENTION_DAYS"):
        settings_for(tmp_path, applicant_retention_days=29)
    assert Settings().audit_retention_days == 365
