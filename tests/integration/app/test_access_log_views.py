"""Every view of a case's personal data is in the access log: who, when, what, from where.

Every route of the application is named here. A route that shows a case's personal data
(names, phones, addresses, materials, even masked) is requested below and must add exactly
one row per case it shows; every other route says why it shows none. A new route fails
`test_every_route_either_logs_its_views_or_says_why_it_shows_no_personal_data` until it is
put on one of the two lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask, request_finished
from flask import request as asked
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from courier.app import create_app
from courier.bootstrap import Courier
from courier.demo import CASES
from courier.domain.audit import VIEWS as VIEW_ACTIONS
from courier.domain.audit import AuditAction
from courier.storage.tables import audit_log
from tests.integration.app.conftest import basic, on_both_databases
from tests.integration.app.test_desk import csrf_of, signed_in
from tests.receipt_support import CASE, PICKUP_CASE, RECEIVER, SENDER, deliver_originals

PUBLIC_CASE = "HZXH2026112600003"  # mobile …2233
SENDERS_CASES = {CASE, PICKUP_CASE}  # what the Beijing window sees
V, L = AuditAction.CASE_VIEWED, AuditAction.CASES_LISTED

# Routes that show no case's personal data, by reason.
SHOWS_NONE = {
    "signing in and out, health, static files, documentation, place names": {
        "GET web.login_form", "POST web.login", "POST web.logout", "GET health.healthz",
        "GET health.readyz", "GET static", "GET api_docs.docs_page", "GET api_docs.openapi_json",
        "GET divisions.provinces", "GET divisions.children", "GET tracking.lookup_page",
        "POST language.choose",
    },
    "the carrier's own channel (SOAP push and its WSDL)": {
        "GET carrier_push.wsdl", "POST carrier_push.push",
    },
    "a new case's form shows back what the window typed, no stored case": {
        "GET case_form.new_case", "POST case_form.open_case", "POST case_form.read_address",
        "POST case_form.choose_place",
    },
    "a change answered with what changed: logged once, by its change entry": {
        "POST api.add_material", "POST api.advance_case", "POST api.hand_over_result",
        "POST api.plan_leg", "POST api.cancel_leg", "POST api.retry_leg",
        "POST receipt_api.confirm_receipt", "POST receipt_api.resolve_discrepancy",
        "POST pdfs.record_handover", "POST desk.handover",
    },
    "numbers and statuses only: waybill, order, case number, office, province and city": {
        "GET tracking.track", "GET case_actions.confirm_cancel", "GET receiving.page",
        "GET receiving.scan", "GET api.carrier_calls", "GET statement_api.statement_json",
        "GET statement_api.statement_csv", "GET statement_api.statement_pdf",
        "GET admin_statements.index", "GET admin_carrier_log.calls",
        "GET admin_dashboard.page", "GET admin_dashboard.export",
    },
    "tracking pushes that match no stored waybill belong to no case": {
        "GET admin_carrier_log.quarantine", "GET tracking_admin.quarantine",
    },
    "status reports carry case numbers and statuses, never an applicant": {
        "GET admin_reports.page", "POST admin_reports.replay", "GET admin_webhooks.page",
        "POST admin_webhooks.subscribe", "GET admin_webhooks.deliveries",
        "POST admin_webhooks.disable", "POST admin_webhooks.rotate_secret",
        "GET webhooks_api.list_endpoints", "POST webhooks_api.create_endpoint",
        "GET webhooks_api.get_endpoint", "DELETE webhooks_api.disable_endpoint",
        "GET webhooks_api.endpoint_deliveries", "POST webhooks_api.rotate_secret",
        "GET webhooks_api.reported_events", "POST webhooks_api.replay_event",
    },
    "offices, staff accounts, API tokens and the log itself: no applicant": {
        "GET admin_desk.index", "GET admin_orgs.halls", "GET admin_orgs.departments",
        "GET admin_orgs.new_office", "POST admin_orgs.create_office",
        "GET admin_orgs.edit_office_form", "POST admin_orgs.edit_office",
        "POST admin_orgs.choose_place", "POST admin_orgs.deactivate", "POST admin_orgs.activate",
        "GET admin_accounts.index", "GET admin_accounts.new_account",
        "POST admin_accounts.create_account", "GET admin_accounts.edit_form",
        "POST admin_accounts.edit", "POST admin_accounts.disable", "POST admin_accounts.enable",
        "POST admin_accounts.reset_password", "GET admin_tokens.page", "POST admin_tokens.issue",
        "POST admin_tokens.revoke", "GET admin_audit.index", "GET api.access_log",
        "GET api.list_halls", "GET api.list_departments", "POST api.register_hall",
        "POST api.register_department", "PATCH api.edit_hall", "PATCH api.edit_department",
        "POST api.activate_hall", "POST api.deactivate_hall", "POST api.activate_department",
        "POST api.deactivate_department", "GET api.list_accounts", "POST api.create_account",
        "PATCH api.edit_account", "POST api.disable_account", "POST api.enable_account",
        "POST api.reset_password", "GET token_api.list_tokens", "POST token_api.create_token",
        "POST token_api.revoke_token", "DELETE token_api.revoke_token",
    },
    "development only (refused in production): the embedded SMS outbox": {"GET dev_sms.outbox"},
}  # fmt: skip


@dataclass
class Walk:
    """The app under test, its clients, and what each request added to the log."""

    app: Courier
    flask: Flask
    pages: FlaskClient  # a signed-in browser session of the Beijing window
    api: FlaskClient  # HTTP Basic, no cookie
    token: str = ""
    hits: list[str] = field(default_factory=list)
    seen: int = 0

    def new_rows(self) -> list[dict[str, Any]]:
        with self.app.engine.connect() as connection:
            query = sa.select(audit_log).where(audit_log.c.id > self.seen).order_by(audit_log.c.id)
            rows = [dict(r) for r in connection.execute(query).mappings()]
        self.seen = max([self.seen, *(r["id"] for r in rows)])
        return rows

    def hit(self, sender: Flask, **_: object) -> None:
        """Note which route answered (Flask's request_finished signal)."""
        assert asked.url_rule is not None
        self.hits.append(f"{asked.method} {asked.url_rule.endpoint}")

    def leg_id(self) -> int:
        with self.app.uow() as uow:
            case = uow.cases.get(CASE)
            assert case is not None and case.legs and case.legs[0].id is not None
            return case.legs[0].id

    def waybill(self) -> str:
        with self.app.uow() as uow:
            case = uow.cases.get(CASE)
            assert case is not None and case.legs and case.legs[0].waybill_no is not None
            return case.legs[0].waybill_no


@pytest.fixture(params=["sqlite", "postgresql"])
def walk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Walk]:
    for app in on_both_databases(request, tmp_path):
        flask_app = create_app(wired=app)
        found = Walk(app, flask_app, flask_app.test_client(), flask_app.test_client())
        found.token = signed_in(found.pages, SENDER)
        request_finished.connect(found.hit, flask_app)
        found.new_rows()
        yield found


Request = Callable[[Walk], TestResponse]
# (route, request, its status, the (action, case number, who) rows it must add, in order)
Step = tuple[str, Request, int, list[tuple[AuditAction, str, str]]]


def _form(w: Walk, path: str, **data: str) -> TestResponse:
    return w.pages.post(path, data={"csrf": w.token, **data})


def _etag_again(w: Walk) -> TestResponse:
    first = w.pages.get(f"/cases/{CASE}/legs.html")
    w.new_rows()  # the first one is the step before
    return w.pages.get(f"/cases/{CASE}/legs.html", headers={"If-None-Match": first.headers["ETag"]})


def _intake_again(w: Walk) -> TestResponse:
    intake = next(data for data, _ in CASES if data["case_number"] == CASE)
    return w.api.post("/api/v1/cases", json=intake, headers=basic(SENDER))


def _arrival(w: Walk) -> TestResponse:
    return w.api.get(f"/receive/{deliver_originals(w.app)}", headers=basic(RECEIVER))


def _refused_receipt(w: Walk) -> TestResponse:
    client = w.flask.test_client()
    token = signed_in(client, RECEIVER)
    w.new_rows()  # signing in is not the step
    return client.post(f"/receive/{w.waybill()}", data={"csrf": token})  # no material ticked


def _public_page(w: Walk) -> TestResponse:
    client = w.flask.test_client()
    token = csrf_of(client.get("/track").get_data(as_text=True))
    lookup = {"csrf": token, "case_number": PUBLIC_CASE, "phone_tail": "2233"}
    return client.post("/track", data=lookup)


def _leg_json(w: Walk) -> TestResponse:
    return w.api.get(f"/api/v1/legs/{w.leg_id()}", headers=basic(SENDER))


def _label(w: Walk) -> TestResponse:
    return w.api.get(f"/api/v1/legs/{w.leg_id()}/label.pdf", headers=basic(SENDER))


def _batch(w: Walk) -> TestResponse:
    return w.api.post("/api/v1/labels", json={"leg_ids": [w.leg_id()]}, headers=basic(SENDER))


def _desk_labels(w: Walk) -> TestResponse:
    return _form(w, "/desk/labels", leg_id=str(w.leg_id()), size="100x150")


def _handover_list(w: Walk) -> TestResponse:
    leg_ids = {"leg_ids": [w.leg_id()]}
    made = w.api.post("/api/v1/handovers", json=leg_ids, headers=basic(SENDER))
    w.new_rows()  # handing over is a change, not this view
    return w.api.get(made.get_json()["list"], headers=basic(SENDER))


def _refused(path: str) -> Request:
    """A case-page form posted empty or out of turn: refused, the case page shows again."""
    return lambda w: _form(w, path.format(case=CASE, leg=w.leg_id()))


def _listed(number: str, who: str = SENDER) -> tuple[AuditAction, str, str]:
    return (L, number, who)


SENT = sorted(SENDERS_CASES)
STEPS: list[Step] = [
    ("GET web.home", lambda w: w.pages.get("/"), 200, [_listed(n) for n in SENT]),
    ("GET api.list_cases", lambda w: w.api.get("/api/v1/cases", headers=basic(SENDER)), 200,
     [_listed(n) for n in SENT]),
    ("GET api.get_case", lambda w: w.api.get(f"/api/v1/cases/{CASE}", headers=basic(SENDER)),
     200, [(V, CASE, SENDER)]),
    ("POST api.open_case", _intake_again, 200, [(V, CASE, SENDER)]),
    ("GET web.case_page", lambda w: w.pages.get(f"/cases/{CASE}"), 200, [(V, CASE, SENDER)]),
    ("GET web.case_legs", lambda w: w.pages.get(f"/cases/{CASE}/legs.html"), 200,
     [(V, CASE, SENDER)]),
    ("GET web.case_legs", _etag_again, 304, []),  # nothing shown: nothing logged
    ("POST case_actions.plan_leg", _refused("/cases/{case}/legs"), 422, [(V, CASE, SENDER)]),
    ("POST case_actions.advance_case", _refused("/cases/{case}/status"), 422,
     [(V, CASE, SENDER)]),
    ("POST case_actions.hand_over_result", _refused("/cases/{case}/handover"), 422,
     [(V, CASE, SENDER)]),
    ("POST case_actions.resolve_discrepancy", _refused("/cases/{case}/legs/{leg}/resolve"), 409,
     [(V, CASE, SENDER)]),
    ("POST case_actions.retry_leg", _refused("/cases/{case}/legs/{leg}/retry"), 409,
     [(V, CASE, SENDER)]),
    ("GET api.get_leg", _leg_json, 200, [(V, CASE, SENDER)]),
    ("GET desk.page", lambda w: w.pages.get("/desk"), 200, [_listed(CASE)]),
    ("GET pdfs.leg_label", _label, 200, [(AuditAction.LABEL_PRINTED, CASE, SENDER)]),
    ("POST pdfs.batch_labels", _batch, 200, [(AuditAction.LABEL_PRINTED, CASE, SENDER)]),
    ("POST desk.labels", _desk_labels, 200, [(AuditAction.LABEL_PRINTED, CASE, SENDER)]),
    ("GET pdfs.handover_list", _handover_list, 200,
     [(AuditAction.HANDOVER_LIST_PRINTED, CASE, SENDER)]),
    ("POST case_actions.cancel_leg", _refused("/cases/{case}/legs/{leg}/cancel"), 409,
     [(V, CASE, SENDER)]),
    ("GET receiving.arrival", _arrival, 200, [(AuditAction.ARRIVAL_OPENED, CASE, RECEIVER)]),
    ("POST receiving.confirm", _refused_receipt, 422,
     [(AuditAction.ARRIVAL_OPENED, CASE, RECEIVER)]),
    ("POST public_api.track", lambda w: w.api.post("/api/v1/public/track", json={
        "case_number": PUBLIC_CASE, "phone_tail": "2233"}), 200,
     [(AuditAction.PUBLIC_LOOKUP, PUBLIC_CASE, "")]),
    ("POST tracking.lookup_post", _public_page, 200,
     [(AuditAction.PUBLIC_LOOKUP, PUBLIC_CASE, "")]),
]  # fmt: skip
VIEWS = {route for route, *_ in STEPS}


def test_every_route_either_logs_its_views_or_says_why_it_shows_no_personal_data(
    walk: Walk,
) -> None:
    routes = {
        f"{method} {rule.endpoint}"
        for rule in walk.flask.url_map.iter_rules()
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}
    }
    quiet = set().union(*SHOWS_NONE.values())
    assert not VIEWS & quiet
    assert routes - VIEWS - quiet == set(), "a new route: does it show a case's personal data?"
    assert (VIEWS | quiet) - routes == set(), "a route that is gone"


def test_each_view_of_a_cases_personal_data_adds_one_row_per_case_shown(walk: Walk) -> None:
    for route, ask, status, expected in STEPS:
        walk.hits.clear()
        answer = ask(walk)
        assert answer.status_code == status, (route, answer.get_data(as_text=True)[:300])
        assert route in walk.hits, route
        rows = [r for r in walk.new_rows() if AuditAction(r["action"]) in VIEW_ACTIONS]
        got = [(AuditAction(r["action"]), r["case_number"], r["username"]) for r in rows]
        assert sorted(got, key=str) == sorted(expected, key=str), route
        assert all(r["client"] == "127.0.0.1" and r["at"] is not None for r in rows), route
        assert all(r["case_id"] is not None for r in rows if r["case_number"]), route


def test_a_view_says_how_the_caller_signed_in(walk: Walk) -> None:
    walk.pages.get(f"/cases/{CASE}")
    walk.api.get(f"/api/v1/cases/{CASE}", headers=basic(SENDER))
    walk.api.post("/api/v1/public/track", json={"case_number": PUBLIC_CASE, "phone_tail": "2233"})
    views = [
        r for r in walk.new_rows() if AuditAction(r["action"]) in {V, AuditAction.PUBLIC_LOOKUP}
    ]
    assert [(r["channel"], r["account_id"] is None) for r in views] == [
        ("session", False),
        ("basic", False),
        ("anonymous", True),
    ]
