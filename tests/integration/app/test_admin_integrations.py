"""The desk's integrations screens: endpoints, tokens, failed reports, the carrier call log."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from courier.bootstrap import Courier
from courier.domain.audit import AuditAction, AuditQuery
from courier.domain.tracking import LegEventType, leg_event
from courier.ports.call_log import CallOutcome, CarrierCall
from courier.services import events
from tests import factories
from tests.integration.app.test_desk import signed_in

PAGES = ("/admin/webhooks", "/admin/api-tokens", "/admin/reports", "/admin/carrier-calls",
         "/admin/quarantine")  # fmt: skip
SECRET = re.compile(r"whsec_[A-Za-z0-9+/=]+")


@pytest.mark.parametrize("path", PAGES)
def test_each_screen_is_404_unless_signed_in_as_an_administrator(
    client: FlaskClient, path: str
) -> None:
    assert client.get(path).status_code == 404
    signed_in(client, "bj-window")
    assert client.get(path).status_code == 404
    signed_in(client, "admin")
    page = client.get(path)
    assert page.status_code == 200 and 'lang="zh-CN"' in page.get_data(as_text=True)
    assert f'href="{path}"' in client.get("/admin").get_data(as_text=True)


def test_a_post_by_someone_else_is_404_and_changes_nothing(client: FlaskClient) -> None:
    csrf = signed_in(client, "bj-window")
    hook = {"csrf": csrf, "url": "https://case.example/hook", "event_types": "leg.delivered"}
    assert client.post("/admin/webhooks", data=hook).status_code == 404
    assert client.post("/admin/api-tokens", data={"csrf": csrf, "name": "x"}).status_code == 404
    signed_in(client, "admin")
    assert "case.example/hook" not in client.get("/admin/webhooks").get_data(as_text=True)


def subscribe(client: FlaskClient, csrf: str, url: str = "https://case.example/hook") -> str:
    form = {"csrf": csrf, "url": url, "event_types": ["leg.delivered", "case.closed"]}
    page = client.post("/admin/webhooks", data=form)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    return page.get_data(as_text=True)


def test_an_endpoint_subscribed_on_the_page_shows_its_secret_once_only(
    client: FlaskClient,
) -> None:
    csrf = signed_in(client, "admin")
    created = subscribe(client, csrf)
    [secret] = SECRET.findall(created)
    assert "只显示这一次" in created and "case.example/hook" in created
    again = client.get("/admin/webhooks").get_data(as_text=True)
    assert "case.example/hook" in again and "leg.delivered" in again
    assert secret not in again and not SECRET.search(again)


def test_a_refused_endpoint_stays_on_the_page_with_its_fields_marked(client: FlaskClient) -> None:
    csrf = signed_in(client, "admin")
    form = {"csrf": csrf, "url": "ftp://case.example", "description": "测试"}
    none_chosen = client.post("/admin/webhooks", data=form)
    assert none_chosen.status_code == 422
    assert 'id="error-event_types"' in none_chosen.get_data(as_text=True)
    page = client.post("/admin/webhooks", data={**form, "event_types": "leg.delivered"})
    html = page.get_data(as_text=True)
    assert page.status_code == 422 and 'id="error-url"' in html and 'aria-invalid="true"' in html
    assert 'value="ftp://case.example"' in html and 'value="测试"' in html
    assert "订阅回传地址" in html and not SECRET.search(html)


def test_rotating_on_the_page_shows_the_new_secret_once_and_disabling_says_so(
    client: FlaskClient,
) -> None:
    csrf = signed_in(client, "admin")
    [first] = SECRET.findall(subscribe(client, csrf))
    endpoint_id = re.findall(
        r"/admin/webhooks/(\d+)/rotate-secret", client.get("/admin/webhooks").get_data(as_text=True)
    )[0]
    rotated = client.post(f"/admin/webhooks/{endpoint_id}/rotate-secret", data={"csrf": csrf})
    [second] = SECRET.findall(rotated.get_data(as_text=True))
    assert rotated.status_code == 200 and second != first
    assert rotated.headers["Cache-Control"] == "no-store"
    assert not SECRET.search(client.get("/admin/webhooks").get_data(as_text=True))
    gone = client.post(f"/admin/webhooks/{endpoint_id}/disable", data={"csrf": csrf})
    assert gone.status_code == 302
    listed = client.get("/admin/webhooks").get_data(as_text=True)
    assert "回传地址已停用" in listed and "已停用" in listed
    assert f"/admin/webhooks/{endpoint_id}/rotate-secret" not in listed


def test_a_post_without_its_form_token_is_refused(client: FlaskClient) -> None:
    signed_in(client, "admin")
    form = {"url": "https://case.example/hook", "event_types": "leg.delivered"}
    assert client.post("/admin/webhooks", data=form).status_code == 400
    assert client.post("/admin/webhooks/999/rotate-secret").status_code == 400


def test_an_unknown_endpoint_or_token_is_not_found(client: FlaskClient) -> None:
    csrf = signed_in(client, "admin")
    assert client.post("/admin/webhooks/999/rotate-secret", data={"csrf": csrf}).status_code == 404
    assert client.post("/admin/api-tokens/999/revoke", data={"csrf": csrf}).status_code == 404
    assert client.post("/admin/reports/999/replay", data={"csrf": csrf}).status_code == 404


def test_a_token_issued_on_the_page_is_shown_once_and_revoked_there(client: FlaskClient) -> None:
    csrf = signed_in(client, "admin")
    issued = client.post(
        "/admin/api-tokens", data={"csrf": csrf, "name": "办件系统", "halls": "BJ-DC"}
    )
    html = issued.get_data(as_text=True)
    [secret] = re.findall(r"ctk_[A-Za-z0-9_\-]+", html)
    assert issued.status_code == 200 and issued.headers["Cache-Control"] == "no-store"
    listed = client.get("/admin/api-tokens").get_data(as_text=True)
    assert "办件系统" in listed and "BJ-DC" in listed and "从未使用" in listed
    assert secret not in listed and "ctk_" not in listed
    [token_id] = re.findall(r"/admin/api-tokens/(\d+)/revoke", listed)
    revoked = client.post(f"/admin/api-tokens/{token_id}/revoke", data={"csrf": csrf})
    assert revoked.status_code == 302
    after = client.get("/admin/api-tokens").get_data(as_text=True)
    assert "已吊销" in after and "/revoke" not in after
    machine = client.application.test_client()
    api = machine.get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 401


def test_a_refused_token_names_its_fields(client: FlaskClient) -> None:
    csrf = signed_in(client, "admin")
    page = client.post("/admin/api-tokens", data={"csrf": csrf, "name": ""})
    html = page.get_data(as_text=True)
    assert page.status_code == 422 and 'id="error-halls"' in html
    unknown = client.post("/admin/api-tokens", data={"csrf": csrf, "name": "x", "halls": "NOPE"})
    assert unknown.status_code == 422 and "受理大厅不存在" in unknown.get_data(as_text=True)


def test_a_failing_report_is_listed_with_its_case_and_replayed_from_the_page(
    client: FlaskClient, wired: Courier
) -> None:
    csrf = signed_in(client, "admin")
    subscribe(client, csrf, "http://127.0.0.1:9/hook")  # nobody listens: the first try fails
    with wired.uow() as uow:
        leg = uow.legs.get(1)
        assert leg is not None
        events.record(uow, [leg_event(leg, LegEventType.DELIVERED, wired.clock.now())])
        uow.commit()
    with wired.engine.connect() as connection:
        number = connection.exec_driver_sql(
            "SELECT c.case_number FROM cases c JOIN legs l ON l.case_id = c.id WHERE l.id = 1"
        ).scalar_one()

    listed = client.get("/admin/reports").get_data(as_text=True)
    assert number in listed and "ConnectionError" in listed and "重试中" in listed
    assert number not in client.get("/admin/reports?state=given_up").get_data(as_text=True)
    other = client.get("/admin/reports?case_number=NOPE").get_data(as_text=True)
    assert number not in other
    [event_id] = re.findall(r"/admin/reports/(\d+)/replay", listed)
    endpoint_id = re.findall(r'name="endpoint_id" value="(\d+)"', listed)[0]
    form = {"csrf": csrf, "endpoint_id": endpoint_id}
    replayed = client.post(f"/admin/reports/{event_id}/replay", data=form, follow_redirects=True)
    assert replayed.status_code == 200 and "已重新排队投递 1 处" in replayed.get_data(as_text=True)
    with wired.uow() as uow:
        (entry,), _ = uow.audit.search(AuditQuery(action=AuditAction.REPORT_REPLAYED))
    assert (entry.username, entry.target, entry.channel) == (
        "admin",
        f"event:{event_id}",
        "session",
    )
    assert entry.detail == f"回传地址：{endpoint_id}"


def call(number: str, outcome: CallOutcome, body: str = "") -> CarrierCall:
    return CarrierCall(
        "CreateOrder", factories.NOW, 12, outcome, logistics_order_no=number,
        request_xml=body, error_message="超时" if outcome != CallOutcome.OK else "",
    )  # fmt: skip


def test_the_call_log_filters_by_number_and_outcome_and_pages(
    client: FlaskClient, wired: Courier
) -> None:
    wired.calls.record(call("ORDER-A", CallOutcome.OK, "<name>***</name>"))
    wired.calls.record(call("ORDER-B", CallOutcome.UNAVAILABLE))
    for n in range(55):
        wired.calls.record(call(f"BULK-{n:03}", CallOutcome.OK))
    signed_in(client, "admin")

    one = client.get("/admin/carrier-calls?number=ORDER-A").get_data(as_text=True)
    assert "ORDER-A" in one and "ORDER-B" not in one and "&lt;name&gt;***&lt;/name&gt;" in one
    failed = client.get("/admin/carrier-calls?outcome=unavailable").get_data(as_text=True)
    assert "ORDER-B" in failed and "ORDER-A" not in failed and "邮政不可用" in failed
    first = client.get("/admin/carrier-calls").get_data(as_text=True)
    assert "BULK-054" in first and "ORDER-A" not in first and "page=2" in first
    second = client.get("/admin/carrier-calls?page=2").get_data(as_text=True)
    assert "ORDER-A" in second and "BULK-054" not in second
    assert client.get("/admin/carrier-calls?page=x&outcome=zz").status_code == 200


def test_quarantined_pushes_are_listed_without_their_personal_data(
    client: FlaskClient, wired: Courier
) -> None:
    from courier.ports.push import UnreadableEvent

    raw = "<event><name>张三</name><mobile>13800138000</mobile><code>XX</code></event>"
    with wired.uow() as uow:
        uow.tracking.quarantine("SERIAL-1", [UnreadableEvent(raw, "未知的状态码")], factories.NOW)
        uow.commit()
    signed_in(client, "admin")
    page = client.get("/admin/quarantine").get_data(as_text=True)
    assert "SERIAL-1" in page and "未知的状态码" in page
    assert "张三" not in page and "13800138000" not in page
