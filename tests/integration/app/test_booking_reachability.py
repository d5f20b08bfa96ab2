"""Booking a leg to the applicant first asks the carrier whether it can deliver there (060002)."""

from __future__ import annotations

from flask.testing import FlaskClient

from courier.bootstrap import Courier
from integrations.carrier.fake import FakeCarrier
from tests.integration.app.conftest import basic
from tests.integration.app.test_case_page_actions import legs_of
from tests.integration.app.test_desk import signed_in

CASE = "HZXH2026112600003"  # mailed to the applicant in 浙江省; its result leg is cancelled below


def without_result(client: FlaskClient, wired: Courier) -> str:
    token = signed_in(client, "zj-shijian")
    result = next(leg for leg in legs_of(wired, CASE) if leg.kind.value == "result")
    client.post(f"/cases/{CASE}/legs/{result.id}/cancel", data={"csrf": token})
    return token


def test_an_unreachable_address_is_refused_until_staff_accept_it(
    client: FlaskClient, wired: Courier
) -> None:
    carrier = wired.carrier()
    assert isinstance(carrier, FakeCarrier)
    carrier.unreachable_provinces = frozenset({"浙江省"})
    token = without_result(client, wired)
    refused = client.post(f"/cases/{CASE}/legs", data={"csrf": token, "kind": "result"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409 and "无法从浙江省市场监督管理局寄达申请人地址" in page
    assert 'name="accept_unreachable"' in page and "仍按此地址寄递" in page
    assert [leg.status.value for leg in legs_of(wired, CASE)].count("cancelled") == 1
    assert len(legs_of(wired, CASE)) == 2  # nothing new was planned
    accepted = client.post(
        f"/cases/{CASE}/legs",
        data={"csrf": token, "kind": "result", "accept_unreachable": "true"},
    )
    assert accepted.status_code == 302
    assert len(legs_of(wired, CASE)) == 3


def test_the_api_says_so_with_the_field_and_a_reachable_address_is_booked_at_once(
    client: FlaskClient, wired: Courier
) -> None:
    carrier = wired.carrier()
    assert isinstance(carrier, FakeCarrier)
    url, auth = f"/api/v1/cases/{CASE}/legs", basic("zj-shijian")
    result = next(leg for leg in legs_of(wired, CASE) if leg.kind.value == "result")
    assert client.post(f"/api/v1/legs/{result.id}/cancel", json={}, headers=auth).status_code == 200
    carrier.unreachable_provinces = frozenset({"浙江省"})
    refused = client.post(url, json={"kind": "result"}, headers=auth)
    assert refused.status_code == 409
    assert "accept_unreachable" in refused.get_json()["error"]["fields"]
    carrier.unreachable_provinces = frozenset()
    assert client.post(url, json={"kind": "result"}, headers=auth).status_code == 201
