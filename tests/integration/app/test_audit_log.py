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
from courier.domain.tracking import LegEventType, leg_event
from courier.services import events, retention
from courier.storage.tables import audit_log, outbox_events
from tasks.celery_app import beat_schedule
from tasks.celery_tasks import anonymise_closed_cases
from tasks.jobs import PERIODIC
from tests import factories
from tests.integration.app.conftest import basic, on_both_databases, settings_for
from tests.receipt_support import CASE, SENDER

PUBLIC_CASE = "HZXH2026112600003"  # mobile …2233
PERSONAL = ("欧阳娜娜", "15968112233", "330106198805126724", "文一西路")
TOKEN = {"name": "一体化政务服务平台", "halls": ["BJ-DC"]}


@pytest.fixture(params=["sqlite", "postgresql"])
def wired(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Courier]:
    yield from on_both_databases(request, tmp_path)


def rows(app: Courier, action: AuditAction) -> list[AuditEntry]:
    with app.uow() as uow:
        found, _ = uow.audit.search(AuditQuery(action=action))
        return found


def test_a_call_with_an_api_token_is_logged_with_the_token_never_its_secret(
    client: FlaskClient, wired: Courier
) -> None:
    issued = client.post("/api/v1/api-tokens", json=TOKEN, headers=basic("admin")).get_json()
    secret = {"Authorization": f"Bearer {issued['token']}"}
    assert client.get(f"/api/v1/cases/{CASE}", headers=secret).status_code == 200
    (viewed,) = rows(wired, AuditAction.CASE_VIEWED)
    assert viewed.channel == f"bearer:{issued['id']}" and viewed.username.startswith("api-")
    assert (viewed.case_number, viewed.client) == (CASE, "127.0.0.1")
    assert issued["token"] not in _whole_log(wired)
    (made,) = rows(wired, AuditAction.TOKEN_CREATED)
    assert (made.username, made.channel, made.target) == ("admin", "basic", f"token:{issued['id']}")


def test_http_basic_sign_ins_are_logged_like_page_sign_ins_without_the_password(
    client: FlaskClient, wired: Courier
) -> None:
    before = len(rows(wired, AuditAction.SIGNED_IN))
    for _ in range(2):  # the second call is answered from the remembered credentials
        assert client.get("/api/v1/cases", headers=basic(SENDER)).status_code == 200
    wrong = basic(SENDER, "not-the-password-77")
    assert client.get("/api/v1/cases", headers=wrong).status_code == 401
    signed = rows(wired, AuditAction.SIGNED_IN)
    assert len(signed) == before + 1
    assert (signed[0].username, signed[0].channel, signed[0].client) == (
        SENDER,
        "basic",
        "127.0.0.1",
    )
    (failed,) = rows(wired, AuditAction.SIGN_IN_FAILED)
    assert (failed.username, failed.account_id, failed.channel) == (SENDER, None, "basic")
    assert "not-the-password-77" not in _whole_log(wired)


def test_replaying_a_status_report_is_logged_with_the_acting_administrator(
    client: FlaskClient, wired: Courier
) -> None:
    with wired.uow() as uow:
        leg = uow.legs.get(1)
        assert leg is not None
        events.record(uow, [leg_event(leg, LegEventType.DELIVERED, wired.clock.now())])
        uow.commit()
    with wired.engine.connect() as connection:
        event_id = connection.execute(sa.select(sa.func.max(outbox_events.c.id))).scalar_one()
    replayed = client.post(f"/api/v1/webhook-events/{event_id}/replay", headers=basic("admin"))
    assert replayed.status_code == 200, replayed.get_json()
    (entry,) = rows(wired, AuditAction.REPORT_REPLAYED)
    assert (entry.username, entry.target, entry.channel) == ("admin", f"event:{event_id}", "basic")


def test_office_changes_over_the_api_are_logged_with_the_acting_administrator(
    client: FlaskClient, wired: Courier
) -> None:
    admin = basic("admin")
    assert (
        client.patch("/api/v1/halls/BJ-DC", json={"name": "东城大厅"}, headers=admin).status_code
        == 200
    )
    assert client.post("/api/v1/departments/HZ-MZ/deactivate", headers=admin).status_code == 200
    changed = rows(wired, AuditAction.ORGANIZATION_CHANGED)
    assert [(e.username, e.target, e.detail) for e in changed] == [
        ("admin", "office:HZ-MZ", "停用"),
        ("admin", "office:BJ-DC", ""),
    ]
    assert all(e.account_id is not None for e in changed)


def test_a_password_reset_is_logged_with_the_administrator_who_chose_it(
    client: FlaskClient, wired: Courier
) -> None:
    with wired.uow() as uow:
        window = uow.accounts.get_by_username(SENDER)
        assert window is not None
        target = window.id
    new = {"password": "a-new-password-1"}
    reset = client.post(
        f"/api/v1/accounts/{target}/reset-password", json=new, headers=basic("admin")
    )
    assert reset.status_code == 200, reset.get_json()
    (entry,) = rows(wired, AuditAction.PASSWORD_RESET)
    assert (entry.username, entry.target) == ("admin", f"account:{target}")
    assert "a-new-password-1" not in _whole_log(wired)


def _whole_log(app: Courier) -> str:
    with app.engine.connect() as connection:
        return " ".join(str(v) for row in connection.execute(sa.select(audit_log)) for v in row)


def test_state_changes_are_logged_and_the_log_holds_no_personal_data(
    client: FlaskClient, wired: Courier
) -> None:
    opened = rows(wired, AuditAction.CASE_OPENED)
    assert PUBLIC_CASE in {e.case_number for e in opened}
    assert rows(wired, AuditAction.LEG_PLANNED) and rows(wired, AuditAction.ACCOUNT_CREATED)
    client.get(f"/api/v1/cases/{PUBLIC_CASE}", headers=basic("admin"))
    text = _whole_log(wired)
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
